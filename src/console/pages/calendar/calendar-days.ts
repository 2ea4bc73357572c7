import { addDays, closedReason, isOfficeDate, weekday, type IsoDate } from '../../../calendar/index.js';

/** A day as the calendar shows it: open, or closed with the reason staff and people recognise. */
export type DayState =
  | { open: true }
  | { open: false; code: 'weekend' | 'year_end' | 'closure'; label: string }
  | { open: false; code: 'holiday'; label: string; holiday: string };

/**
 * Why the office is closed on `date`, worded for the console (docs/office-rules.md §2); the
 * same rule as the chat (closedReason), so the calendar never shows a day open that the chat refuses.
 */
export function dayState(date: IsoDate, closures: ReadonlySet<IsoDate>): DayState {
  const reason = closedReason(date, closures);
  if (reason === null) return { open: true };
  switch (reason.code) {
    case 'weekend':
      return { open: false, code: 'weekend', label: '土日' };
    case 'year_end':
      return { open: false, code: 'year_end', label: '年末年始' };
    case 'holiday':
      return { open: false, code: 'holiday', label: `祝日（${reason.name}）`, holiday: reason.name };
    case 'closure':
      return { open: false, code: 'closure', label: '閉庁日' };
  }
}

/** The Monday (Japan calendar) of the week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/**
 * A `week=` or `date` value as a real date in the years the console shows, or null (the page
 * then says so). The bound keeps a typed 9999-12-31 from reaching past the calendar's last day
 * when the page adds a week to it.
 */
export function readDate(value: unknown): IsoDate | null {
  return typeof value === 'string' && isOfficeDate(value) ? value : null;
}

/** A `month=YYYY-MM` query value as its first day, or null. */
export function readMonth(value: unknown): IsoDate | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value)) return null;
  return readDate(`${value}-01`);
}

/** Every date of the month starting at `first`, in order. */
export function datesOfMonth(first: IsoDate): IsoDate[] {
  const month = first.slice(0, 7);
  const dates: IsoDate[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** 'YYYY-MM' of the month before or after the one starting at `first`. */
export function shiftMonth(first: IsoDate, by: 1 | -1): string {
  // 32 days after the 1st is always in the next month; the day before the 1st in the previous one.
  return addDays(first, by === 1 ? 32 : -1).slice(0, 7);
}

/** '2026年12月' for a month's first day. */
export function monthJa(first: IsoDate): string {
  return `${Number(first.slice(0, 4))}年${Number(first.slice(5, 7))}月`;
}
