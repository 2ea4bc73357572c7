import express, { type Request, type Response, type Router } from 'express';
import type { Db } from '../../../../db/database.js';
import type { AuditAction } from '../../../../db/repositories/audit-log-repository.js';
import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import { staffActionsOf } from '../../../../db/repositories/staff-actions-repository.js';
import type { BookingRefusalCode } from '../../../bookings/booking-outcome.js';
import {
  cancelBooking,
  confirmBooking,
  currentBooking,
  proposeTime,
  type LifecycleResult,
} from '../../../bookings/lifecycle.js';
import type { AppContext } from '../../../app-context.js';
import {
  changeFromConsole,
  consoleRefused,
  fromLifecycleJa,
  type ConsoleChange,
  type ConsoleRefused,
} from '../../console-change.js';
import { signedIn } from '../../auth/signed-in.js';
import { instantJa } from '../../views/format.js';
import { staffNames } from './booking-data.js';
import type { DoneKey } from './booking-page.js';
import {
  echoOf,
  fieldOf,
  parseCancelForm,
  parseConfirmForm,
  parseProposeForm,
  SEEN_FIELD,
  type FormName,
  type Parsed,
} from './booking-forms.js';
import { staleFormText } from './request-view.js';
import { showBooking } from './show-booking.js';

/** Refusals about the time asked for, shown beside the time; the rest above the page's forms. */
const TIME_CODES: ReadonlySet<BookingRefusalCode> = new Set(['slot_full', 'past', 'closed_day', 'outside_window']);

/** Where on the form a booking function's refusal belongs. `timeField`: the field that chose the time. */
function fieldOfRefusal(code: BookingRefusalCode | undefined, timeField: string): string {
  if (code === 'meeting_required') return 'meeting_id';
  if (code !== undefined && TIME_CODES.has(code)) return timeField;
  return SEEN_FIELD;
}

/**
 * The booking as the form last saw it, in the change's transaction: missing is 404, and one that
 * changed since the page was opened (another staff member, the person, a timed job) is refused
 * with what happened, so nothing is overwritten on a stale view.
 */
async function unchangedSince(db: Db, id: string, seen: string): Promise<Booking | ConsoleRefused> {
  const row = await currentBooking(db, id);
  if (!row) return consoleRefused(404, '該当する申込みが見つかりません。', SEEN_FIELD);
  if (row.updatedAt === seen) return row;
  const text = staleFormText(row, await staffActionsOf(db, id), seen, await staffNames(db), instantJa);
  return consoleRefused(409, text, SEEN_FIELD);
}

interface BookingAction<T> {
  form: FormName;
  /** The audit log's action. */
  audit: Extract<AuditAction, 'confirm' | 'propose' | 'cancel'>;
  /** What ?done= says on the booking page afterwards. */
  done: DoneKey;
  parse: (body: Record<string, unknown>) => Parsed<T & { seen: string }>;
  /** The field a refused time is shown beside. */
  timeField: (value: T) => string;
  run: (c: ConsoleChange, id: string, value: T) => Promise<LifecycleResult>;
  detail?: (value: T) => Record<string, unknown>;
}

function handler<T>(ctx: AppContext, action: BookingAction<T>) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = echoOf(body);
    const parsed = action.parse(body);
    if (!parsed.ok) {
      // A form both wrong and stale: what changed matters more than the typo.
      const seen = fieldOf(body, SEEN_FIELD);
      const current = seen ? await unchangedSince(ctx.db, id, seen) : undefined;
      if (current && 'ok' in current) {
        await showBooking(ctx, res, id, { status: current.status, stale: current.message });
        return;
      }
      await showBooking(ctx, res, id, { status: 400, failure: { form: action.form, values, problem: parsed.problem } });
      return;
    }
    const value = parsed.value;
    const outcome = await changeFromConsole(
      ctx,
      signedIn(res),
      action.audit,
      id,
      async (c) => {
        const row = await unchangedSince(c.trx, id, value.seen);
        if ('ok' in row) return row;
        const result = await action.run(c, row.id, value);
        const refusal = !result.ok ? result.refusal.code : undefined;
        const outcome = fromLifecycleJa(result, c.render, fieldOfRefusal(refusal, action.timeField(value)));
        // A missing meeting is a form left incomplete, not a conflict.
        return !outcome.ok && refusal === 'meeting_required' ? { ...outcome, status: 400 } : outcome;
      },
      action.detail ? action.detail(value) : null,
    );
    if (outcome.ok) {
      res.redirect(303, `/staff/bookings/${encodeURIComponent(id)}?done=${action.done}`);
      return;
    }
    // A stale form (someone changed the booking since the page was opened) comes back with what was
    // typed, under the booking as it is now and what changed: a reason or meeting details typed
    // are not lost, and sending it again is a decision made on the new state.
    await showBooking(ctx, res, id, {
      status: outcome.status,
      failure: { form: action.form, values, problem: { field: outcome.field ?? SEEN_FIELD, message: outcome.message } },
    });
  };
}

/** The booking page's forms: each one change through the booking functions, in the staff member's name. */
export function bookingActionRoutes(ctx: AppContext): Router {
  const router = express.Router();

  router.post(
    '/staff/bookings/:id/confirm',
    handler(ctx, {
      form: 'confirm',
      audit: 'confirm',
      done: 'confirmed',
      parse: parseConfirmForm,
      timeField: (v) => ('choice' in v.at ? 'choice' : 'date'),
      run: (c, id, v) =>
        confirmBooking(c.trx, ctx, {
          bookingId: id,
          at: v.at,
          ...(v.meeting ? { meeting: v.meeting } : {}),
          by: c.by,
          now: c.now,
        }),
      detail: (v) => ('choice' in v.at ? { choice: v.at.choice } : { start: v.at.start }),
    }),
  );

  router.post(
    '/staff/bookings/:id/propose',
    handler(ctx, {
      form: 'propose',
      audit: 'propose',
      done: 'proposed',
      parse: parseProposeForm,
      timeField: () => 'date',
      run: (c, id, v) =>
        proposeTime(c.trx, ctx, {
          bookingId: id,
          start: v.start,
          ...(v.meeting ? { meeting: v.meeting } : {}),
          by: c.by,
          now: c.now,
        }),
      detail: (v) => ({ start: v.start }),
    }),
  );

  router.post(
    '/staff/bookings/:id/cancel',
    handler(ctx, {
      form: 'cancel',
      audit: 'cancel',
      done: 'cancelled',
      parse: parseCancelForm,
      timeField: () => 'reason',
      run: (c, id, v) =>
        cancelBooking(c.trx, ctx, { bookingId: id, by: c.by, byUser: false, reason: v.reason, now: c.now }),
    }),
  );

  return router;
}
