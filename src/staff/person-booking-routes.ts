import express, { type Router } from 'express';
import { bookForPerson } from '../bookings/book-for-person.js';
import { toLocal } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { bookForPersonBody, meetingFromBody } from './api-schemas.js';
import { fromLifecycle } from './lifecycle-outcome.js';
import { mutate } from './mutation.js';
import { apiActor, param, withBody } from './route-helpers.js';
import { bookingJson } from './staff-json.js';

/**
 * Staff book a person's next session, e.g. during a consultation (terms 6(2)): confirmed at once,
 * the person sent the usual confirmation card (src/bookings/book-for-person.ts has the rules).
 */
export function personBookingRoutes(ctx: AppContext): Router {
  const router = express.Router();
  router.post(
    '/api/users/:lineUserId/bookings',
    withBody(
      bookForPersonBody,
      (b, req) =>
        mutate(ctx, async (trx, now) => {
          const meeting = meetingFromBody(b);
          const result = await bookForPerson(trx, ctx, {
            lineUserId: param(req, 'lineUserId'),
            kind: b.kind,
            app: b.app,
            start: toLocal(b.start),
            ...(meeting ? { meeting } : {}),
            by: apiActor(b.by),
            now,
          });
          const outcome = fromLifecycle(result, ctx);
          return outcome.ok ? { ...outcome, status: 201 } : outcome;
        }),
      (row) => ({ booking: bookingJson(row) }),
    ),
  );
  return router;
}
