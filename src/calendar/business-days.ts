import { holidayName } from './holidays.js';
import { addDays, weekday } from './jst.js';
import type { ClosedReason, IsoDate } from './types.js';

/** True for 12/29 to 1/3 inclusive, the office's year-end/new-year closure. */
export function isYearEnd(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

/**
 * Why the office is closed on `date`, or null on a business day.
 * When several reasons hold, the one a user most easily recognises wins:
 * year-end (covers its weekends and 1/1), then weekend (a Sunday holiday is "Sunday"),
 * then holiday by name, then a staff-entered closure.
 */
export function closedReason(date: IsoDate, closures: ReadonlySet<IsoDate>): ClosedReason | null {
  if (isYearEnd(date)) return { code: 'year_end' };
  const day = weekday(date);
  if (day === 0 || day === 6) return { code: 'weekend' };
  const name = holidayName(date);
  if (name !== null) return { code: 'holiday', name };
  if (closures.has(date)) return { code: 'closure' };
  return null;
}

/**
 * Whether staff may enter `date` as a closure day on `today` (the Japan date): today or later
 * (docs/office-rules.md §2). A day already over was never going to be offered or booked, so
 * closing it could only rewrite the record of a day the office was open: it is a typing mistake.
 */
export function canCloseOn(date: IsoDate, today: IsoDate): boolean {
  return date >= today;
}

/** True when the office is open on `date` (docs/office-rules.md §2). */
export function isBusinessDay(date: IsoDate, closures: ReadonlySet<IsoDate>): boolean {
  return closedReason(date, closures) === null;
}

function stepBusinessDays(date: IsoDate, n: number, direction: 1 | -1, closures: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Business-day count must be an integer >= 1, got ${n}`);
  let current = date;
  let counted = 0;
  while (counted < n) {
    current = addDays(current, direction);
    if (isBusinessDay(current, closures)) counted += 1;
  }
  return current;
}

/** The n-th business day strictly after `date` (n >= 1); `date` itself never counts. */
export function nextBusinessDay(date: IsoDate, n: number, closures: ReadonlySet<IsoDate>): IsoDate {
  return stepBusinessDays(date, n, 1, closures);
}

/** The n-th business day strictly before `date` (n >= 1); `date` itself never counts. */
export function previousBusinessDay(date: IsoDate, n: number, closures: ReadonlySet<IsoDate>): IsoDate {
  return stepBusinessDays(date, n, -1, closures);
}
