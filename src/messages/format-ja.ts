/**
 * Japanese renderings of dates and times for messages shown to users and staff.
 */
import { toLocal, weekday, type Instant, type IsoDate, type LocalDateTime } from '../calendar/index.js';

const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** One-character weekday name, e.g. 2 -> '火'. */
export function weekdayJa(day: number): string {
  return WEEKDAY_JA[((day % 7) + 7) % 7] ?? '';
}

/** '12月8日(火)': month and day without padding, weekday in half-width parentheses. */
export function formatDateJa(date: IsoDate): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日(${weekdayJa(weekday(date))})`;
}

/** '2027年11月30日(火)': with the year, where the year itself is news (a date read as next year's). */
export function formatDateWithYearJa(date: IsoDate): string {
  return `${Number(date.slice(0, 4))}年${formatDateJa(date)}`;
}

/** '10:30' (hours unpadded: '9:00'). */
export function formatTimeJa(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** '12月8日(火) 10:30', or with a duration '12月8日(火) 10:30〜11:10'. */
export function formatSlotJa(at: LocalDateTime, durationMinutes?: number): string {
  const start = `${formatDateJa(at.date)} ${formatTimeJa(at.minutes)}`;
  return durationMinutes === undefined ? start : `${start}〜${formatTimeJa(at.minutes + durationMinutes)}`;
}

/** An instant in Japan time, e.g. '12月4日(金) 17:15'. */
export function formatInstantJa(instant: Instant): string {
  return formatSlotJa(toLocal(instant));
}
