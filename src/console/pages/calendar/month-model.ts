import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import { addDays, toLocal, type IsoDate } from '../../../calendar/index.js';
import { dayState, datesOfMonth, mondayOf, type DayState } from './calendar-days.js';

export interface MonthDay {
  date: IsoDate;
  state: DayState;
  confirmed: number;
  waiting: number;
}

/** A month as weeks of seven days from Monday; days of the neighbouring months are null. */
export interface MonthView {
  first: IsoDate;
  weeks: { monday: IsoDate; days: (MonthDay | null)[] }[];
  totals: { confirmed: number; waiting: number };
}

/**
 * Per day of the month: whether the office is open, sessions confirmed and first choices awaiting
 * staff (the places held, as the week view and occupancy count them).
 */
export function monthView(first: IsoDate, closures: ReadonlySet<IsoDate>, held: readonly Booking[]): MonthView {
  const counts = new Map<IsoDate, { confirmed: number; waiting: number }>();
  for (const b of held) {
    const start = b.status === 'confirmed' ? b.confirmedStart : b.status === 'requested' ? b.choice1Start : null;
    if (start === null) continue;
    const date = toLocal(start).date;
    const c = counts.get(date) ?? { confirmed: 0, waiting: 0 };
    if (b.status === 'confirmed') c.confirmed += 1;
    else c.waiting += 1;
    counts.set(date, c);
  }
  const dates = datesOfMonth(first);
  const inMonth = new Set(dates);
  const weeks: MonthView['weeks'] = [];
  for (let monday = mondayOf(first); monday <= dates[dates.length - 1]!; monday = addDays(monday, 7)) {
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDays(monday, i);
      if (!inMonth.has(date)) return null;
      const c = counts.get(date) ?? { confirmed: 0, waiting: 0 };
      return { date, state: dayState(date, closures), ...c };
    });
    weeks.push({ monday, days });
  }
  const totals = dates.reduce(
    (t, d) => {
      const c = counts.get(d);
      return c ? { confirmed: t.confirmed + c.confirmed, waiting: t.waiting + c.waiting } : t;
    },
    { confirmed: 0, waiting: 0 },
  );
  return { first, weeks, totals };
}
