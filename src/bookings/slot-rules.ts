import {
  closedReason,
  fitsWindow,
  isKindDay,
  slotKey,
  toInstant,
  type CalendarContext,
  type Instant,
  type LocalDateTime,
  type SessionKind,
} from '../calendar/index.js';

export type StaffTimeProblem = 'closed_day' | 'outside_window' | 'past';

/**
 * Whether staff may put a session of `kind` at `at`: any minute-exact start that fits a window
 * on a day open for that kind, not in the past. The users' lead time does not bind staff.
 */
export function staffTimeProblem(
  ctx: CalendarContext,
  kind: SessionKind,
  at: LocalDateTime,
  now: Instant,
): StaffTimeProblem | null {
  if (toInstant(at) <= now) return 'past';
  if (closedReason(at.date, ctx.closures) !== null || !isKindDay(kind, at.date, ctx.closures, ctx.settings))
    return 'closed_day';
  if (!fitsWindow(kind, at.minutes, ctx.settings.sessionMinutes, ctx.settings)) return 'outside_window';
  return null;
}

export function sessionSpan(kind: SessionKind, at: LocalDateTime, sessionMinutes: number) {
  return {
    start: toInstant(at),
    end: toInstant({ date: at.date, minutes: at.minutes + sessionMinutes }),
    slot: slotKey(kind, at.date, at.minutes),
  };
}
