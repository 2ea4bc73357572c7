/**
 * Reads a calendar date from the front of normalised, lower-cased text: '2026-12-08',
 * '2026/12/8', '2026年12月8日', '令和8年12月8日', 'R8.12.8', '12/8', '12.8', '12月8日', '今日', '明日', '明後日',
 * '来週火曜', '来週の火曜日', '火曜', '18日', optionally followed by a weekday such as '(火)'.
 */
import { addDays, isoDateOf, weekday } from './jst.js';
import type { Reading } from './parse-result.js';
import type { IsoDate } from './types.js';

const WEEKDAYS = '日月火水木金土';
const WEEKDAY_SUFFIX = /^\s?(?:\(([日月火水木金土])(?:曜日?)?\)|([日月火水木金土])曜日?)/;
const YEAR_MONTH_DAY = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const YEAR_MONTH_DAY_JA = /^(\d{4})年(\d{1,2})月(\d{1,2})(?!\d)日?/;
// 「令和8年12月10日」, or 「R8.12.10」 as forms write it (lower-cased by then).
const REIWA = /^(?:令和(\d{1,2}|元)年(\d{1,2})月(\d{1,2})(?!\d)日?|r(\d{1,2})([./-])(\d{1,2})\5(\d{1,2})(?!\d))/;
// 「12.10」 too, as the month and day are often written (not 「12-10」: 「10-11」 is a time range).
const MONTH_DAY = /^(\d{1,2})(?:[/.]|月)(\d{1,2})(?!\d)日?/;
// 「18日」, but not a count of days: 「3日後」 (three days later), 「2日間」 (for two days).
const DAY_OF_MONTH = /^(\d{1,2})日(?![後間])/;
const DAYS_FROM_TODAY: ReadonlyArray<[RegExp, number]> = [
  [/^(?:今日|本日|きょう)/, 0],
  [/^(?:明後日|あさって)/, 2],
  [/^(?:明日|あした|あす)/, 1],
];
const WEEK_AND_DAY = /^(今週|来週|再来週)の?([日月火水木金土])(?:曜日?)?/;
const NEXT_WEEKDAY = /^(?:次の|今度の)?([日月火水木金土])曜日?/;
const WEEKS_AHEAD: Readonly<Record<string, number>> = { 今週: 0, 来週: 1, 再来週: 2 };

function found(date: IsoDate | null, rest: string): Reading<IsoDate> {
  return date === null ? { ok: false, reason: 'impossible_date' } : { ok: true, value: date, rest };
}

/** A month/day without a year is the next such date on or after today (in December, 1/5 is next January). */
function nextMonthDay(month: number, day: number, today: IsoDate): IsoDate | null {
  if (isoDateOf(2000, month, day) === null) return null; // not a day in any year (2000 was a leap year)
  const year = Number(today.slice(0, 4));
  // 2/29 may be up to eight years away (2096 -> 2104).
  for (let y = year; y <= year + 8; y += 1) {
    const date = isoDateOf(y, month, day);
    if (date !== null && date >= today) return date;
  }
  return null;
}

/**
 * A day of the month alone ('18日の10時半') is the next such day on or after today: this month's
 * while it has not passed, else the next month that has it (「31日」 on 2/1 is 3/31). It is read
 * even when that day lies beyond the booking horizon, so that the calendar can say how far ahead
 * bookings go, which helps more than "unreadable" would.
 */
function nextDayOfMonth(day: number, today: IsoDate): IsoDate | null {
  if (day < 1 || day > 31) return null;
  const [year, month] = today.split('-').map(Number) as [number, number];
  // Every day 1-31 occurs within two months of any date; a year is more than enough.
  for (let ahead = 0; ahead < 12; ahead += 1) {
    const date = isoDateOf(year + Math.floor((month - 1 + ahead) / 12), ((month - 1 + ahead) % 12) + 1, day);
    if (date !== null && date >= today) return date;
  }
  return null;
}

/** Weeks start on Monday, as on Japanese business calendars: '来週火曜' is the Tuesday of the following Monday-to-Sunday week. */
function dayInWeek(today: IsoDate, weeksAhead: number, day: number): IsoDate {
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  return addDays(monday, weeksAhead * 7 + ((day + 6) % 7));
}

/**
 * '今週金曜' or '来週火曜' said on a Sunday. People count weeks from Monday (business calendars)
 * or from Sunday (most wall calendars); the two disagree when today or the day named is a Sunday,
 * and a Sunday is never a day to book, so only today matters here. '今週' then means the days
 * ahead: by Monday-based weeks they are all past, and nobody books a past day. '来週' and '再来週'
 * may mean either of two weeks: the Monday-based date is read, with the other as `alsoMeans`,
 * for the conversation to settle with the calendar (parse-result.ts).
 */
function weekdayFromSunday(today: IsoDate, weeksAhead: number, day: number, rest: string): Reading<IsoDate> {
  const fromMonday = dayInWeek(today, weeksAhead, day);
  if (day === 0) return found(fromMonday, rest); // the Sunday itself is the same either way
  const fromSunday = addDays(fromMonday, 7);
  if (weeksAhead === 0) return found(fromSunday, rest);
  return { ok: true, value: fromMonday, rest, alsoMeans: fromSunday };
}

/** A typed year far from now is a typo, not a date anyone could book: refuse it as impossible. */
function plausibleDateOf(year: number, month: number, day: number): IsoDate | null {
  return year >= 1900 && year <= 2199 ? isoDateOf(year, month, day) : null;
}

function readAbsolute(s: string, today: IsoDate): Reading<IsoDate> | null {
  const ymd = YEAR_MONTH_DAY.exec(s);
  if (ymd !== null)
    return found(plausibleDateOf(Number(ymd[1]), Number(ymd[3]), Number(ymd[4])), s.slice(ymd[0].length));
  const ja = YEAR_MONTH_DAY_JA.exec(s);
  if (ja !== null) return found(plausibleDateOf(Number(ja[1]), Number(ja[2]), Number(ja[3])), s.slice(ja[0].length));
  const reiwa = REIWA.exec(s);
  if (reiwa !== null) {
    const [era, month, day] = reiwa[1] !== undefined ? [reiwa[1], reiwa[2], reiwa[3]] : [reiwa[4], reiwa[6], reiwa[7]];
    const year = 2018 + (era === '元' ? 1 : Number(era));
    return found(era === '0' ? null : isoDateOf(year, Number(month), Number(day)), s.slice(reiwa[0].length));
  }
  const md = MONTH_DAY.exec(s);
  if (md !== null) return found(nextMonthDay(Number(md[1]), Number(md[2]), today), s.slice(md[0].length));
  const dom = DAY_OF_MONTH.exec(s);
  if (dom !== null) return found(nextDayOfMonth(Number(dom[1]), today), s.slice(dom[0].length));
  return null;
}

function readRelative(s: string, today: IsoDate): Reading<IsoDate> | null {
  for (const [pattern, days] of DAYS_FROM_TODAY) {
    const m = pattern.exec(s);
    if (m !== null) return found(addDays(today, days), s.slice(m[0].length));
  }
  const week = WEEK_AND_DAY.exec(s);
  if (week !== null) {
    const weeksAhead = WEEKS_AHEAD[week[1] ?? ''] ?? 0;
    const day = WEEKDAYS.indexOf(week[2] ?? '');
    const rest = s.slice(week[0].length);
    return weekday(today) === 0
      ? weekdayFromSunday(today, weeksAhead, day, rest)
      : found(dayInWeek(today, weeksAhead, day), rest);
  }
  const next = NEXT_WEEKDAY.exec(s);
  if (next === null) return null;
  // A bare weekday is the next such day strictly after today.
  const ahead = (WEEKDAYS.indexOf(next[1] ?? '') - weekday(today) + 7) % 7 || 7;
  return found(addDays(today, ahead), s.slice(next[0].length));
}

/**
 * Reads a date at the start of `s`; null when `s` does not start with one. A weekday written
 * after the date must agree with it, else the reading fails with 'weekday_mismatch'.
 */
export function readDate(s: string, today: IsoDate): Reading<IsoDate> | null {
  const base = readAbsolute(s, today) ?? readRelative(s, today);
  if (base === null || !base.ok) return base;
  const named = WEEKDAY_SUFFIX.exec(base.rest);
  if (named === null) return base;
  if (WEEKDAYS.indexOf(named[1] ?? named[2] ?? '') !== weekday(base.value))
    return { ok: false, reason: 'weekday_mismatch', date: base.value };
  return { ...base, rest: base.rest.slice(named[0].length) };
}
