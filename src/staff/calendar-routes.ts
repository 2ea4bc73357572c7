import express, { type Router } from 'express';
import { openBookingIdsOn, takenInSlot } from '../../db/repositories/bookings-repository.js';
import { addClosure, getClosure, listClosures, removeClosure } from '../../db/repositories/closures-repository.js';
import {
  capacityOverrides,
  capacityOverridesFrom,
  setCapacity,
} from '../../db/repositories/office-state-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { canCloseOn, fitsWindow, isKindDay, slotKey, toLocal } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { byOnlyBody, capacityBody, closureBody, fromQuery, parseWith, pathDate } from './api-schemas.js';
import { mutate } from './mutation.js';
import { done, fail, notFound, sendFailure, sendOutcome } from './outcome.js';
import { apiActor, param, withBody, withCallerBy, withQuery } from './route-helpers.js';
import { capacityJson, closureJson } from './staff-json.js';

/** Office closure days (閉庁日) and per-slot capacity: the calendar facts staff control. */
export function calendarRoutes(ctx: AppContext): Router {
  const router = express.Router();
  const today = () => toLocal(ctx.clock.now().toISOString()).date;

  router.get(
    '/api/closures',
    withQuery(
      fromQuery,
      async (q) => done(await listClosures(ctx.db, q.from ?? today())),
      (rows) => ({ closures: rows.map(closureJson) }),
    ),
  );

  router.put(
    '/api/closures/:date',
    withBody(
      closureBody,
      async (b, req) => {
        const date = pathDate(param(req, 'date'));
        if (!date.ok) return date;
        return mutate(ctx, async (trx, now) => {
          // Japan's date by the same clock as the change (docs/office-rules.md §2).
          if (!canCloseOn(date.value, toLocal(now).date))
            return fail(400, 'past_date', 'a closure day cannot be before today (Japan time)', 'date');
          const existed = (await getClosure(trx, date.value)) !== undefined;
          await addClosure(trx, date.value, b.note ?? null, now);
          await recordStaffAction(trx, {
            subjectId: `closure:${date.value}`,
            action: 'closure_set',
            staffId: apiActor(b.by).id,
            via: 'api',
            detail: { note: b.note ?? null },
            at: now,
          });
          const closure = (await getClosure(trx, date.value))!;
          return done({ closure, openBookings: await openBookingIdsOn(trx, date.value) }, [], existed ? 200 : 201);
        });
      },
      // Closing a day does not cancel anything already booked on it: staff get the ids to handle.
      (v) => ({ closure: closureJson(v.closure), openBookings: v.openBookings }),
    ),
  );

  router.delete('/api/closures/:date', async (req, res) => {
    // `by` may come in a JSON body or, for clients that send no body with DELETE, as ?by=.
    const hasBody = typeof req.body === 'object' && req.body !== null && Object.keys(req.body as object).length > 0;
    const input = withCallerBy(res, hasBody ? req.body : req.query.by === undefined ? {} : { by: req.query.by });
    const body = input.ok ? parseWith(byOnlyBody, input.value) : input;
    if (!body.ok) {
      sendFailure(res, body);
      return;
    }
    const date = pathDate(param(req, 'date'));
    if (!date.ok) {
      sendFailure(res, date);
      return;
    }
    const outcome = await mutate(ctx, async (trx, now) => {
      if (!(await removeClosure(trx, date.value, now))) return notFound('closure day', 'date');
      await recordStaffAction(trx, {
        subjectId: `closure:${date.value}`,
        action: 'closure_removed',
        staffId: apiActor(body.value.by).id,
        via: 'api',
        at: now,
      });
      return done(date.value);
    });
    sendOutcome(res, outcome, (d) => ({ removed: d }));
  });

  router.get(
    '/api/capacity',
    withQuery(
      fromQuery,
      async (q) => done(await capacityOverridesFrom(ctx.db, q.from ?? today())),
      (rows) => ({ default: ctx.settings.capacity, overrides: rows.map(capacityJson) }),
    ),
  );

  router.put(
    '/api/capacity',
    withBody(
      capacityBody,
      async (b) => {
        if (!fitsWindow(b.kind, b.start, ctx.settings.sessionMinutes, ctx.settings)) {
          return fail(400, 'invalid_field', `no ${b.kind} session can start at that time`, 'start');
        }
        // Weekends, national holidays and (for the Mothers' Corner) other weekdays never hold the
        // session, so a capacity there would be a mistake. Closure days are not checked: they may
        // be reopened, and the capacity would then apply.
        if (!isKindDay(b.kind, b.date, new Set(), ctx.settings)) {
          return fail(400, 'invalid_field', `no ${b.kind} sessions are held on that date`, 'date');
        }
        const key = slotKey(b.kind, b.date, b.start);
        return mutate(ctx, async (trx, now) => {
          const previous = (await capacityOverrides(trx)).get(key) ?? ctx.settings.capacity;
          await setCapacity(trx, key, b.capacity, now);
          await recordStaffAction(trx, {
            subjectId: `capacity:${key}`,
            action: 'capacity_set',
            staffId: apiActor(b.by).id,
            via: 'api',
            detail: { previous, capacity: b.capacity },
            at: now,
          });
          // Lowering a capacity never removes a booking; `taken` shows how many the slot already holds.
          const taken = await takenInSlot(trx, key, '');
          return done({
            slot: { kind: b.kind, date: b.date, start: b.start, capacity: b.capacity, updatedAt: now },
            previous,
            taken,
          });
        });
      },
      (v) => ({ slot: capacityJson(v.slot), previous: v.previous, taken: v.taken }),
    ),
  );

  return router;
}
