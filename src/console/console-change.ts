import type { Db } from '../../db/database.js';
import type { AuditAction } from '../../db/repositories/audit-log-repository.js';
import type { Actor, LifecycleResult } from '../bookings/lifecycle.js';
import type { BookingRefusal } from '../bookings/booking-outcome.js';
import type { Dispatch } from '../bookings/dispatch.js';
import type { Instant } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { bookingEventsDispatches, type RenderContext } from '../messages/booking-events.js';
import { STAFF_ERROR_TEXT } from '../messages/staff-chat-texts.js';
import { commitChange } from '../staff/mutation.js';
import { audit } from './audit.js';
import { consoleActorId, type SignedIn } from './auth/signed-in.js';

/** A console change that was done: the messages it causes (to the person and the staff group). */
export interface ConsoleDone {
  ok: true;
  dispatches: readonly Dispatch[];
}

/** Why a console change was not done, in the words the page shows beside `field`. */
export interface ConsoleRefused {
  ok: false;
  status: 400 | 404 | 409;
  message: string;
  field?: string;
  /** For a booking refusal: its code, so a page can tell "a colleague got there first". */
  code?: BookingRefusal['code'];
}

export type ConsoleOutcome = ConsoleDone | ConsoleRefused;

export const consoleDone = (dispatches: readonly Dispatch[] = []): ConsoleDone => ({ ok: true, dispatches });
export const consoleRefused = (status: ConsoleRefused['status'], message: string, field?: string): ConsoleRefused => ({
  ok: false,
  status,
  message,
  ...(field !== undefined ? { field } : {}),
});

/** What a change made in the console is told: who, as the booking history and the staff group see them. */
export interface ConsoleChange {
  trx: Db;
  now: Instant;
  /** The staff member as the booking functions record them ('console:<login id>'). */
  by: Actor;
  /** Where booking events are worded; staff-group notes end with the staff member's name. */
  render: RenderContext;
}

/** How the staff group names a console user in its notes. */
export const consoleByLabel = (who: SignedIn): string => `${who.account.name}・管理画面`;

/**
 * Runs one change from the console in one transaction with the messages it causes and its line in
 * the audit log (`action` on `subject`): all of it happens, or none. The booking functions are the
 * same ones the LINE staff group and the JSON API call (src/bookings/lifecycle.ts).
 */
export function changeFromConsole(
  ctx: AppContext,
  who: SignedIn,
  action: AuditAction,
  subject: string | null,
  work: (c: ConsoleChange) => Promise<ConsoleOutcome>,
  detail: Record<string, unknown> | null = null,
): Promise<ConsoleOutcome> {
  return commitChange<ConsoleDone, ConsoleRefused>(ctx, 'console', async (trx, now) => {
    const outcome = await work({
      trx,
      now,
      by: { id: consoleActorId(who.account), via: 'console' },
      render: {
        settings: ctx.settings,
        staffGroupId: ctx.staffGroupId,
        by: consoleByLabel(who),
        ...(ctx.calendarLink ? { calendarLink: ctx.calendarLink } : {}),
      },
    });
    if (outcome.ok) await audit(trx, who, now, action, subject, detail);
    return outcome;
  });
}

/** A booking function's result as the console takes it: its messages, or the refusal in Japanese. */
export function fromLifecycleJa(r: LifecycleResult, render: RenderContext, field?: string): ConsoleOutcome {
  if (r.ok) return consoleDone(bookingEventsDispatches(r.events, render));
  const status = r.refusal.code === 'not_found' ? 404 : 409;
  return { ...consoleRefused(status, STAFF_ERROR_TEXT[r.refusal.code], field), code: r.refusal.code };
}
