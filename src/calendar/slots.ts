/**
 * Slots and their remaining capacity, for the slot picker (docs/office-rules.md §3, §5).
 */
import { dateOfDayNumber, dayNumber, isValidIsoDate } from './jst.js';
import { earliest, horizonEnd } from './lead-time.js';
import { gridStarts, isKindDay, slotKey } from './session-windows.js';
import type { CalendarContext, Instant, IsoDate, SessionKind, Slot } from './types.js';

/** Capacity of the slot with `key`: the staff override for that slot if any, else the office default. */
export function capacityOf(ctx: CalendarContext, key: string): number {
  return ctx.capacityOverrides?.get(key) ?? ctx.settings.capacity;
}

/** Free places in a slot, never negative (occupancy may exceed a capacity staff lowered later). */
export function remainingAt(ctx: CalendarContext, kind: SessionKind, date: IsoDate, start: number): number {
  const key = slotKey(kind, date, start);
  return Math.max(0, capacityOf(ctx, key) - (ctx.occupancy.get(key) ?? 0));
}

/** The dates (as day numbers) a user asking at `now` may book within [from, to]. */
function bookableRange(ctx: CalendarContext, now: Instant, from: IsoDate, to: IsoDate): [number, number] {
  if (!isValidIsoDate(from) || !isValidIsoDate(to)) return [1, 0];
  const first = Math.max(dayNumber(from), dayNumber(earliest(now, ctx)));
  const last = Math.min(dayNumber(to), dayNumber(horizonEnd(now, ctx)));
  return [first, last];
}

function slotsOn(ctx: CalendarContext, kind: SessionKind, date: IsoDate, starts: readonly number[]): Slot[] {
  if (!isKindDay(kind, date, ctx.closures, ctx.settings)) return [];
  const slots: Slot[] = [];
  for (const start of starts) {
    const remaining = remainingAt(ctx, kind, date, start);
    if (remaining > 0) slots.push({ kind, date, start, end: start + ctx.settings.sessionMinutes, remaining });
  }
  return slots;
}

/**
 * Every offered slot of `kind` with room left, on dates in [from, to] that a user asking at
 * `now` may book (on or after earliest(now), up to horizonEnd(now)), in chronological order.
 * Invalid or reversed ranges give an empty list.
 */
export function availableSlots(
  ctx: CalendarContext,
  kind: SessionKind,
  now: Instant,
  from: IsoDate,
  to: IsoDate,
): Slot[] {
  const [first, last] = bookableRange(ctx, now, from, to);
  const starts = gridStarts(kind, ctx.settings);
  const slots: Slot[] = [];
  for (let day = first; day <= last; day += 1) slots.push(...slotsOn(ctx, kind, dateOfDayNumber(day), starts));
  return slots;
}

/** The first `limit` dates, ascending, on which a user asking at `now` has at least one available slot of `kind`. */
export function bookableDates(ctx: CalendarContext, kind: SessionKind, now: Instant, limit: number): IsoDate[] {
  const first = dayNumber(earliest(now, ctx));
  const last = dayNumber(horizonEnd(now, ctx));
  const starts = gridStarts(kind, ctx.settings);
  const dates: IsoDate[] = [];
  for (let day = first; day <= last && dates.length < limit; day += 1) {
    const date = dateOfDayNumber(day);
    if (slotsOn(ctx, kind, date, starts).length > 0) dates.push(date);
  }
  return dates;
}
