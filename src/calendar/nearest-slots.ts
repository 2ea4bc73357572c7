import { dayNumber } from './jst.js';
import { earliest, horizonEnd } from './lead-time.js';
import { availableSlots } from './slots.js';
import type { CalendarContext, Instant, LocalDateTime, SessionKind, Slot } from './types.js';

const MINUTES_PER_DAY = 24 * 60;

/** Minutes from `target` to the start of `slot`, in either direction. */
function distanceFrom(target: LocalDateTime): (slot: Slot) => number {
  const targetMinute = dayNumber(target.date) * MINUTES_PER_DAY + target.minutes;
  // Slots arrive grouped by date, so one day-number conversion per date is enough.
  let lastDate = '';
  let lastDay = 0;
  return (slot) => {
    if (slot.date !== lastDate) [lastDate, lastDay] = [slot.date, dayNumber(slot.date)];
    return Math.abs(lastDay * MINUTES_PER_DAY + slot.start - targetMinute);
  };
}

function sameTime(slot: Slot, at: LocalDateTime): boolean {
  return slot.date === at.date && slot.start === at.minutes;
}

/**
 * Up to `count` available slots of `kind` closest in time to `target` (ties: the earlier one),
 * skipping `exclude`, returned in chronological order. Only slots a user asking at `now`
 * may book are considered, so a too-soon request gets the first bookable ones.
 */
export function nearestSlots(
  ctx: CalendarContext,
  kind: SessionKind,
  now: Instant,
  target: LocalDateTime,
  count: number,
  exclude: readonly LocalDateTime[] = [],
): Slot[] {
  const distance = distanceFrom(target);
  const candidates = availableSlots(ctx, kind, now, earliest(now, ctx), horizonEnd(now, ctx))
    .filter((slot) => !exclude.some((at) => sameTime(slot, at)))
    .map((slot) => ({ slot, d: distance(slot) }));
  // Array.prototype.sort is stable, and candidates are chronological, so ties keep the earlier slot.
  candidates.sort((a, b) => a.d - b.d);
  return candidates
    .slice(0, Math.max(0, count))
    .map((c) => c.slot)
    .sort((a, b) => (a.date === b.date ? a.start - b.start : a.date < b.date ? -1 : 1));
}
