/**
 * Conversions between instants and Japan wall-clock time by fixed-offset arithmetic.
 * Japan has used UTC+9 without daylight saving since 1951, so no time-zone database is
 * needed, and only UTC getters are used so the process TZ never matters.
 */
import type { Instant, IsoDate, LocalDateTime } from './types.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const JST_OFFSET_MS = 9 * 60 * MS_PER_MINUTE;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An explicit offset is required: Date.parse reads an offset-less date-time as *local* time.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** UTC milliseconds of midnight starting a calendar day. */
function utcMidnight(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear keeps them literal.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function dateOfUtc(ms: number): IsoDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The date 'YYYY-MM-DD' for year/month/day, or null when no such day exists (2/30, 13/1). */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
  if (![year, month, day].every(Number.isInteger) || year < 0 || year > 9999) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True when `s` is a real calendar date written exactly 'YYYY-MM-DD'. */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && isoDateOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/**
 * A real date in the years anything here is about (2000 to 2999). Dates from people, staff forms
 * and the staff API are read within these, so arithmetic on them (the day after, the week after)
 * never leaves the dates the calendar can name: 9999-12-31 is refused, not a 503.
 */
export function isOfficeDate(s: string): boolean {
  return isValidIsoDate(s) && s >= '2000-01-01' && s <= '2999-12-31';
}

/** Days since 1970-01-01 (negative before). Throws RangeError for anything but a real date. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (m === null || isoDateOf(Number(m[1]), Number(m[2]), Number(m[3])) === null) {
    throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${date}`);
  }
  return utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])) / MS_PER_DAY;
}

/** Inverse of dayNumber. */
export function dateOfDayNumber(n: number): IsoDate {
  return dateOfUtc(n * MS_PER_DAY);
}

/** The date `n` calendar days after `date` (before, when n is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return dateOfDayNumber(dayNumber(date) + n);
}

/** Day of the week of a date, 0 = Sunday ... 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Milliseconds since the epoch; throws RangeError unless `instant` is ISO-8601 with an offset. */
export function instantMs(instant: Instant): number {
  const ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant with offset: ${instant}`);
  return ms;
}

/** Japan date and minute of an instant (seconds are dropped, so 10:29:59 is minute 629). */
export function toLocal(instant: Instant): LocalDateTime {
  const shifted = instantMs(instant) + JST_OFFSET_MS;
  const d = new Date(shifted);
  return { date: dateOfUtc(shifted), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** The UTC instant ('...Z') of a Japan wall-clock moment. */
export function toInstant(local: LocalDateTime): Instant {
  const ms = dayNumber(local.date) * MS_PER_DAY + local.minutes * MS_PER_MINUTE - JST_OFFSET_MS;
  return new Date(ms).toISOString();
}

/** An instant written in Japan time with its offset, e.g. '2026-12-08T10:30:00+09:00'. */
export function formatIsoJst(instant: Instant): string {
  const shifted = instantMs(instant) + JST_OFFSET_MS;
  const d = new Date(shifted);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${dateOfUtc(shifted)}T${time}+09:00`;
}
