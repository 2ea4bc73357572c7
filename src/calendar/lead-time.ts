/**
 * Lead time (前々稼働日, docs/office-rules.md §7) and reply deadline (§8).
 * The cut-off is the office's closing time, not midnight, so that the promised reply
 * (within one business day) always arrives before the session it is about.
 */
import { isBusinessDay, nextBusinessDay, previousBusinessDay } from './business-days.js';
import { addDays, instantMs, toInstant, toLocal } from './jst.js';
import type { CalendarContext, Instant, IsoDate } from './types.js';

/** The instant the office closes on `date`. */
export function closingTime(date: IsoDate, ctx: CalendarContext): Instant {
  return toInstant({ date, minutes: ctx.settings.closingMinutes });
}

/**
 * The business day a message received at `now` counts as received: today when today is a
 * business day and `now` is not after closing time (closing time itself still counts as today,
 * which is what makes `now <= deadline(D)` agree exactly with `D >= earliest(now)`), else the
 * next business day.
 */
export function receiptDay(now: Instant, ctx: CalendarContext): IsoDate {
  const today = toLocal(now).date;
  if (isBusinessDay(today, ctx.closures) && instantMs(now) <= instantMs(closingTime(today, ctx))) return today;
  return nextBusinessDay(today, 1, ctx.closures);
}

/** The first date a user asking at `now` may book: the second business day after the receipt day. */
export function earliest(now: Instant, ctx: CalendarContext): IsoDate {
  return nextBusinessDay(receiptDay(now, ctx), 2, ctx.closures);
}

/**
 * When a booking for `date` must be complete: closing time of the second business day before
 * `date` (never counting `date`). Monday -> previous Thursday; Friday -> Wednesday.
 */
export function deadline(date: IsoDate, ctx: CalendarContext): Instant {
  return closingTime(previousBusinessDay(date, 2, ctx.closures), ctx);
}

/**
 * When the office must have answered a request made at `receivedAt`: closing time of the first
 * business day after the day of the request (within one business day, §8). Counted from the
 * calendar day, not the receipt day: a request on Saturday, or on Monday after closing, is due on
 * Monday or Tuesday at closing, not a day later.
 */
export function replyDue(receivedAt: Instant, ctx: CalendarContext): Instant {
  return closingTime(nextBusinessDay(toLocal(receivedAt).date, 1, ctx.closures), ctx);
}

/** The last date a user may ask for at `now`: today (Japan) plus horizonWeeks weeks, inclusive. */
export function horizonEnd(now: Instant, ctx: CalendarContext): IsoDate {
  return addDays(toLocal(now).date, ctx.settings.horizonWeeks * 7);
}
