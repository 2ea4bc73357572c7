import express, { type Router } from 'express';
import {
  getBooking,
  listBookings,
  type Booking,
  type BookingFilter,
} from '../../db/repositories/bookings-repository.js';
import { auditApiReads } from './api-audit.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { cancelBooking, confirmBooking, currentBooking, markAttendance, proposeTime } from '../bookings/lifecycle.js';
import { addDays, toInstant, toLocal } from '../calendar/index.js';
import type { MeetingDetails } from '../bookings/booking-outcome.js';
import type { AppContext } from '../app-context.js';
import { attendanceBody, bookingQuery, cancelBody, confirmBody, meetingFromBody, proposeBody } from './api-schemas.js';
import { mutate } from './mutation.js';
import { fromLifecycle } from './lifecycle-outcome.js';
import { done, fail, notFound } from './outcome.js';
import { apiActor, param, withBody, withQuery } from './route-helpers.js';
import { actionJson, bookingJson } from './staff-json.js';

function meetingOf(b: Parameters<typeof meetingFromBody>[0]): MeetingDetails | undefined {
  return meetingFromBody(b);
}

const one = (row: Parameters<typeof bookingJson>[0]) => ({ booking: bookingJson(row) });

/** The list's page size when the caller names none (docs/staff-api.md). */
const DEFAULT_PAGE = 500;

/** The people whose details an answer with these bookings shows (erased ones show none). */
const withDetails = (rows: readonly Booking[]) =>
  rows.filter((b) => b.personalDataErasedAt === null).map((b) => b.lineUserId);

/** Listing, reading and changing bookings: every change goes through src/bookings/lifecycle.ts. */
export function bookingsRoutes(ctx: AppContext): Router {
  const router = express.Router();

  router.get(
    '/api/bookings',
    withQuery(
      bookingQuery,
      async (q, _req, res) => {
        if (q.from !== undefined && q.to !== undefined && q.to < q.from)
          return fail(400, 'invalid_field', 'to must not be before from', 'to');
        const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
        if (after === null) return fail(400, 'invalid_field', 'cursor is not one this API gave', 'cursor');
        // Both dates are inclusive Japan dates: from 00:00 JST of `from` to 00:00 JST of the day after `to`.
        const filter: BookingFilter = {
          ...(q.status ? { status: q.status } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.user ? { lineUserId: q.user } : {}),
          ...(q.from ? { from: toInstant({ date: q.from, minutes: 0 }) } : {}),
          ...(q.to ? { to: toInstant({ date: addDays(q.to, 1), minutes: 0 }) } : {}),
          ...(q.limit ? { limit: q.limit } : {}),
          ...(after ? { after } : {}),
        };
        const rows = await listBookings(ctx.db, filter);
        await auditApiReads(ctx, res, withDetails(rows), 'api_bookings');
        const last = rows.at(-1);
        // A full page may have more after it; a short one is the end.
        const nextCursor = last && rows.length === (q.limit ?? DEFAULT_PAGE) ? encodeCursor(last) : null;
        return done({ rows, nextCursor });
      },
      ({ rows, nextCursor }) => ({ bookings: rows.map(bookingJson), nextCursor }),
    ),
  );

  router.get('/api/bookings/:id', async (req, res) => {
    const row = await getBooking(ctx.db, param(req, 'id'));
    if (!row) {
      res.status(404).json({ code: 'not_found', message: 'no such booking' });
      return;
    }
    const actions = await staffActionsOf(ctx.db, row.id);
    await auditApiReads(ctx, res, withDetails([row]), 'api_booking');
    res.json({ booking: bookingJson(row), actions: actions.map(actionJson) });
  });

  router.post(
    '/api/bookings/:id/confirm',
    withBody(
      confirmBody,
      (b, req) =>
        mutate(ctx, async (trx, now) => {
          const at = b.choice !== undefined ? { choice: b.choice } : { start: toLocal(b.start ?? '') };
          const meeting = meetingOf(b);
          return fromLifecycle(
            await confirmBooking(trx, ctx, {
              bookingId: param(req, 'id'),
              at,
              ...(meeting ? { meeting } : {}),
              by: apiActor(b.by),
              now,
            }),
            ctx,
          );
        }),
      one,
    ),
  );

  router.post(
    '/api/bookings/:id/propose',
    withBody(
      proposeBody,
      (b, req) =>
        mutate(ctx, async (trx, now) => {
          const meeting = meetingOf(b);
          return fromLifecycle(
            await proposeTime(trx, ctx, {
              bookingId: param(req, 'id'),
              start: toLocal(b.start),
              ...(meeting ? { meeting } : {}),
              by: apiActor(b.by),
              now,
            }),
            ctx,
          );
        }),
      one,
    ),
  );

  router.post(
    '/api/bookings/:id/cancel',
    withBody(
      cancelBody,
      (b, req) =>
        mutate(ctx, async (trx, now) =>
          fromLifecycle(
            await cancelBooking(trx, ctx, {
              bookingId: param(req, 'id'),
              by: apiActor(b.by),
              byUser: false,
              reason: b.reason,
              now,
            }),
            ctx,
          ),
        ),
      one,
    ),
  );

  router.post(
    '/api/bookings/:id/attendance',
    withBody(
      attendanceBody,
      (b, req) =>
        mutate(ctx, async (trx, now) => {
          const row = await currentBooking(trx, param(req, 'id'));
          if (!row) return notFound('booking');
          // Whether someone came can only be known once the session has begun.
          if (row.status === 'confirmed' && row.confirmedStart !== null && now < row.confirmedStart) {
            return fail(409, 'not_started', 'the session has not started yet', 'attended');
          }
          return fromLifecycle(
            await markAttendance(trx, ctx, { bookingId: row.id, attended: b.attended, by: apiActor(b.by), now }),
            ctx,
          );
        }),
      one,
    ),
  );

  return router;
}
