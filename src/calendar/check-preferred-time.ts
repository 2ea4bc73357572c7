/**
 * Checks one preferred date and time against every rule (docs/office-rules.md §3-§7, §9) and, when it
 * cannot be booked, says why as data (a reason code and its facts) with the nearest alternatives;
 * src/messages/refusals.ts words it.
 */
import { closedReason } from './business-days.js';
import { addDays, instantMs, isValidIsoDate, toInstant, weekday } from './jst.js';
import { deadline, earliest, horizonEnd } from './lead-time.js';
import { nearestSlots } from './nearest-slots.js';
import type { Refusal, RefusalCode } from './refusal.js';
import { fitsRegularWindow, gridStarts, isKindDay, isOnGrid } from './session-windows.js';
import { remainingAt } from './slots.js';
import type { CalendarContext, ClosedReason, Instant, IsoDate, LocalDateTime, SessionKind, Slot } from './types.js';

export type { Refusal, RefusalCode } from './refusal.js';

export interface PreferredTimeRequest {
  kind: SessionKind;
  date: IsoDate;
  minutes: number;
}

export interface PreferredTimeOptions {
  /** The first choice already given, when checking the second. */
  firstChoice?: LocalDateTime;
  /** Session length; defaults to settings.sessionMinutes. */
  durationMinutes?: number;
  /** Staff: accept any minute-exact regular start that fits a window, not just the grid. */
  anyMinute?: boolean;
}

export type PreferredTimeCheck =
  { ok: true; slot: Slot } | { ok: false; code: RefusalCode; alternatives: LocalDateTime[]; refusal: Refusal };

const ALTERNATIVES = 3;

function closedRefusal(reason: ClosedReason, date: IsoDate): Refusal {
  switch (reason.code) {
    case 'weekend':
      return { code: 'closed_weekend', date };
    case 'holiday':
      return { code: 'closed_holiday', date, holidayName: reason.name };
    case 'year_end':
      return { code: 'closed_year_end', date };
    case 'closure':
      return { code: 'closed_closure', date };
  }
}

/** The last date on or before `last` (and not before `first`) with sessions of `kind`; `last` if none. */
function lastKindDay(ctx: CalendarContext, kind: SessionKind, first: IsoDate, last: IsoDate): IsoDate {
  for (let d = last; d >= first; d = addDays(d, -1)) {
    if (isKindDay(kind, d, ctx.closures, ctx.settings)) return d;
  }
  return last;
}

/** Rules about the day and the time of day, which do not depend on `now`. */
function dayOrTimeRefusal(
  ctx: CalendarContext,
  req: PreferredTimeRequest,
  duration: number,
  anyMinute: boolean,
): Refusal | null {
  const { settings } = ctx;
  const closed = closedReason(req.date, ctx.closures);
  if (closed !== null) return closedRefusal(closed, req.date);
  if (req.kind === 'mothers' && !settings.mothersWeekdays.includes(weekday(req.date))) {
    return { code: 'not_mothers_day', date: req.date, weekdays: settings.mothersWeekdays };
  }
  const starts = gridStarts(req.kind, settings);
  if (!fitsRegularWindow(req.minutes, duration, settings)) {
    const offered = req.kind === 'regular' && anyMinute ? null : starts;
    return { code: 'outside_window', windows: settings.regularWindows, durationMinutes: duration, starts: offered };
  }
  // The Mothers' Corner has fixed starts only, even for staff (see fitsWindow).
  const onGrid = isOnGrid(req.kind, req.minutes, settings) || (req.kind === 'regular' && anyMinute);
  return onGrid ? null : { code: 'off_grid', kind: req.kind, starts };
}

/**
 * The first rule `req` breaks, in the order that gives the most useful answer:
 * past, closed day, Mothers' Corner weekday, window, grid, lead time, horizon,
 * same as the first choice, full. Null when it can be booked.
 */
export function findRefusal(
  ctx: CalendarContext,
  req: PreferredTimeRequest,
  now: Instant,
  options: PreferredTimeOptions = {},
): Refusal | null {
  const at = { date: req.date, minutes: req.minutes };
  if (instantMs(toInstant(at)) <= instantMs(now)) return { code: 'past', at };
  const duration = options.durationMinutes ?? ctx.settings.sessionMinutes;
  const dayOrTime = dayOrTimeRefusal(ctx, req, duration, options.anyMinute === true);
  if (dayOrTime !== null) return dayOrTime;
  const first = earliest(now, ctx);
  if (req.date < first) return { code: 'too_soon', date: req.date, deadline: deadline(req.date, ctx), earliest: first };
  const last = horizonEnd(now, ctx);
  if (req.date > last) {
    return {
      code: 'beyond_horizon',
      date: req.date,
      lastDate: lastKindDay(ctx, req.kind, first, last),
      horizonWeeks: ctx.settings.horizonWeeks,
    };
  }
  const firstChoice = options.firstChoice;
  if (firstChoice !== undefined && firstChoice.date === req.date && firstChoice.minutes === req.minutes) {
    return { code: 'same_as_first', at };
  }
  if (remainingAt(ctx, req.kind, req.date, req.minutes) <= 0) return { code: 'full', at };
  return null;
}

/**
 * Checks one preferred time. On success returns the slot with its remaining capacity.
 * On refusal returns the code, the refusal's facts, and up to three nearest
 * available grid slots (never the refused time or the first choice), chronologically.
 * Throws RangeError only for a malformed request (not a real date, minutes not 0..1439).
 */
export function checkPreferredTime(
  ctx: CalendarContext,
  request: PreferredTimeRequest,
  now: Instant,
  options: PreferredTimeOptions = {},
): PreferredTimeCheck {
  if (
    !isValidIsoDate(request.date) ||
    !Number.isInteger(request.minutes) ||
    request.minutes < 0 ||
    request.minutes >= 1440
  ) {
    throw new RangeError(`checkPreferredTime: malformed request ${JSON.stringify(request)}`);
  }
  const refusal = findRefusal(ctx, request, now, options);
  if (refusal === null) {
    const duration = options.durationMinutes ?? ctx.settings.sessionMinutes;
    const remaining = remainingAt(ctx, request.kind, request.date, request.minutes);
    const slot = {
      kind: request.kind,
      date: request.date,
      start: request.minutes,
      end: request.minutes + duration,
      remaining,
    };
    return { ok: true, slot };
  }
  const requested = { date: request.date, minutes: request.minutes };
  const exclude = options.firstChoice === undefined ? [requested] : [requested, options.firstChoice];
  const alternatives = nearestSlots(ctx, request.kind, now, requested, ALTERNATIVES, exclude).map((s) => ({
    date: s.date,
    minutes: s.start,
  }));
  return { ok: false, code: refusal.code, alternatives, refusal };
}
