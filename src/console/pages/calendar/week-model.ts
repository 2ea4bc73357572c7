import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import {
  addDays,
  capacityOf,
  gridStarts,
  isKindDay,
  parseSlotKey,
  slotKey,
  toInstant,
  type CalendarContext,
  type Instant,
  type IsoDate,
  type SessionKind,
} from '../../../calendar/index.js';
import { dayState, type DayState } from './calendar-days.js';

/** Someone holding a place in a slot: a confirmed session, or a first choice awaiting staff. */
export interface PlaceHolder {
  bookingId: string;
  lineUserId: string;
  name: string;
  held: 'confirmed' | 'waiting';
}

export interface WeekCell {
  /** open: sessions of this kind are held; not_held: not this kind's day; closed: the office is closed. */
  state: 'open' | 'not_held' | 'closed';
  capacity: number;
  /** True when staff set this slot's capacity (not the office default). */
  capacitySet: boolean;
  people: PlaceHolder[];
  /** Places still offered to people in LINE; never negative (0 once the slot has begun). */
  free: number;
  /** The slot has begun: nothing more can be booked into it. */
  past: boolean;
}

export interface WeekRow {
  kind: SessionKind;
  start: number;
  /** False for a start off the offered grid (staff may confirm any fitting minute). */
  onGrid: boolean;
  cells: WeekCell[];
}

export interface WeekDay {
  date: IsoDate;
  state: DayState;
  /** The note staff gave a closure day, if any. */
  closureNote: string | null;
}

export interface WeekView {
  monday: IsoDate;
  days: WeekDay[];
  rows: WeekRow[];
  /** Closed days that still hold bookings: closing a day cancels nothing, staff decide. */
  heldOnClosedDays: { date: IsoDate; people: PlaceHolder[] }[];
}

/** Shown for a booking whose personal details were erased after the retention period. */
export const ERASED_NAME = '（氏名削除済み）';

/** The working days a week view shows: Monday to Friday (Saturdays and Sundays are always closed). */
export const WEEK_DAYS = 5;

/** Which slot a booking holds a place in, as occupancy counts it (docs/office-rules.md §5). */
function heldSlot(b: Booking): { key: string; held: PlaceHolder['held'] } | null {
  if (b.status === 'confirmed' && b.confirmedSlot !== null) return { key: b.confirmedSlot, held: 'confirmed' };
  if (b.status === 'requested') return { key: b.choice1Slot, held: 'waiting' };
  return null;
}

/**
 * The week from `monday` as a table: one row per start and kind (the offered grid, plus any
 * other start a session was confirmed at), one cell per day with capacity, who holds a place
 * and what is still free. `calendar` holds closures, capacity overrides; `held` the bookings of the week.
 */
export function weekView(
  calendar: Pick<CalendarContext, 'settings' | 'closures' | 'capacityOverrides'>,
  monday: IsoDate,
  held: readonly Booking[],
  closureNotes: ReadonlyMap<IsoDate, string | null>,
  now: Instant,
): WeekView {
  const dates = Array.from({ length: WEEK_DAYS }, (_, i) => addDays(monday, i));
  const bySlot = new Map<string, PlaceHolder[]>();
  const starts = new Map<string, { kind: SessionKind; start: number }>();
  for (const kind of ['regular', 'mothers'] as const)
    for (const start of gridStarts(kind, calendar.settings)) starts.set(`${kind}|${start}`, { kind, start });
  for (const b of held) {
    const slot = heldSlot(b);
    const parsed = slot && parseSlotKey(slot.key);
    if (!slot || !parsed || !dates.includes(parsed.date)) continue;
    bySlot.set(slot.key, [
      ...(bySlot.get(slot.key) ?? []),
      { bookingId: b.id, lineUserId: b.lineUserId, name: b.name || ERASED_NAME, held: slot.held },
    ]);
    starts.set(`${parsed.kind}|${parsed.start}`, { kind: parsed.kind, start: parsed.start });
  }
  const ctx: CalendarContext = { ...calendar, occupancy: new Map() };
  const rows = [...starts.values()]
    .sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'regular' ? -1 : 1))
    .map(({ kind, start }): WeekRow => {
      const onGrid = gridStarts(kind, calendar.settings).includes(start);
      const cells = dates.map((date): WeekCell => {
        const key = slotKey(kind, date, start);
        const people = bySlot.get(key) ?? [];
        const capacity = capacityOf(ctx, key);
        const state = isKindDay(kind, date, calendar.closures, calendar.settings)
          ? 'open'
          : dayState(date, calendar.closures).open
            ? 'not_held'
            : 'closed';
        const past = toInstant({ date, minutes: start }) <= now;
        return {
          state,
          capacity,
          capacitySet: calendar.capacityOverrides?.has(key) ?? false,
          people,
          free: state === 'open' && onGrid && !past ? Math.max(0, capacity - people.length) : 0,
          past,
        };
      });
      return { kind, start, onGrid, cells };
    });
  const days = dates.map((date) => ({
    date,
    state: dayState(date, calendar.closures),
    closureNote: closureNotes.get(date) ?? null,
  }));
  const heldOnClosedDays = days
    .map((d, i) => ({ date: d.date, closed: !d.state.open, people: rows.flatMap((r) => r.cells[i]?.people ?? []) }))
    .filter((d) => d.closed && d.people.length > 0)
    .map(({ date, people }) => ({ date, people }));
  return { monday, days, rows, heldOnClosedDays };
}
