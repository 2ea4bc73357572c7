import { toInstant, toLocal, type Instant } from '../../../calendar/index.js';

/** A Japan calendar month, 'YYYY-MM'. */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/** The month a query names, or null when it is not 'YYYY-MM' (years 2000 to 2099, months 01 to 12). */
export function parseMonth(s: unknown): Month | null {
  if (typeof s !== 'string') return null;
  const m = MONTH.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return null;
  return `${m[1]}-${m[2]}`;
}

function shift(month: Month, by: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const previousMonth = (month: Month): Month => shift(month, -1);
export const nextMonth = (month: Month): Month => shift(month, 1);

/** The Japan month an instant falls in. */
export const monthOf = (at: Instant): Month => toLocal(at).date.slice(0, 7);

/** From midnight Japan time on the 1st to midnight on the 1st of the next month, as instants. */
export function monthSpan(month: Month): { from: Instant; to: Instant } {
  return {
    from: toInstant({ date: `${month}-01`, minutes: 0 }),
    to: toInstant({ date: `${nextMonth(month)}-01`, minutes: 0 }),
  };
}

/** '2026年11月'. */
export function monthJa(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}
