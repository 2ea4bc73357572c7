/**
 * Reads dates and times as people type them in Japanese (docs/office-rules.md §15), for the conversation
 * and the staff tools. Never throws on any text; unreadable text is reported as such.
 */
import type { OfficeSettings } from '../office/settings.js';
import { dropEmoji } from '../validation/emoji.js';
import { meantTimeOfBareHour } from './bare-hour.js';
import { toLocal } from './jst.js';
import { normalizeKeepingSpaces } from './normalize-text.js';
import type { ParsedDateTime, ParseFailure, Reading } from './parse-result.js';
import { readDate } from './read-date.js';
import { readTime, type BareHourReading } from './read-time.js';
import type { Instant, IsoDate } from './types.js';

export type { ParsedDateTime, ParseFailure } from './parse-result.js';

// Nobody types a date in more than this; the cap also bounds the work done on hostile input.
const MAX_LENGTH = 64;
// Between a date and a time: '2026-12-08t10:30', '12月8日の10時', '12/8, 10:30'.
const SEPARATOR = /^[\s,、の t]*/;
// Polite endings that add nothing: '12/8 10時からでお願いします。', '10:30でよろしくお願いいたします'.
const FILLER =
  /^(?:\s|から|より|〜|~|-|頃|ごろ|ころ|くらい|ぐらい|で|に|を|は|希望|します|です|お願い|おねがい|いたします|致します|よろしく|宜しく|どうぞ|ください|下さい|。|、|,|\.|!|\?)*$/;
const UNREADABLE: ParsedDateTime = { type: 'invalid', reason: 'unreadable' };

function invalid(reason: ParseFailure, date?: IsoDate): ParsedDateTime {
  return { type: 'invalid', reason, ...(date !== undefined ? { date } : {}) };
}

/** The other date the words may mean, when they may mean two (read-date.ts). */
function also(date: Reading<IsoDate> & { ok: true }): { alsoMeans?: IsoDate } {
  return date.alsoMeans !== undefined ? { alsoMeans: date.alsoMeans } : {};
}

function done(rest: string): boolean {
  return FILLER.test(rest);
}

/** Date, then optionally a time: '12/8 10:30', '来週火曜 11:00', '2026-12-08t10:30'. */
function dateFirst(s: string, today: IsoDate, bareHour: BareHourReading): ParsedDateTime | null {
  const date = readDate(s, today);
  if (date === null) return null;
  if (!date.ok) return invalid(date.reason, date.date);
  const rest = date.rest.replace(SEPARATOR, '');
  if (done(rest)) return { type: 'date', date: date.value, ...also(date) };
  const withTimeRead = withTime(date.value, readTime(rest, bareHour));
  return withTimeRead.type === 'datetime' ? { ...withTimeRead, ...also(date) } : withTimeRead;
}

function withTime(date: IsoDate, time: Reading<number> | null): ParsedDateTime {
  if (time === null) return UNREADABLE;
  if (!time.ok) return invalid(time.reason);
  return done(time.rest) ? { type: 'datetime', date, minutes: time.value } : UNREADABLE;
}

/** Time, then optionally a date: '10:30', '午後2時', '14時 明日'. */
function timeFirst(s: string, today: IsoDate, bareHour: BareHourReading): ParsedDateTime | null {
  const time = readTime(s, bareHour);
  if (time === null) return null;
  if (!time.ok) return invalid(time.reason);
  const rest = time.rest.replace(SEPARATOR, '');
  if (done(rest)) return { type: 'time', minutes: time.value };
  const date = readDate(rest, today);
  if (date === null) return UNREADABLE;
  if (!date.ok) return invalid(date.reason, date.date);
  return done(date.rest.replace(SEPARATOR, ''))
    ? { type: 'datetime', date: date.value, minutes: time.value, ...also(date) }
    : UNREADABLE;
}

/**
 * A slot written as a range (「10:00〜10:40」, the way the bot itself shows slots, or
 * 「10:00-10:40」) means its start: the end follows from the session length.
 */
const END_TIME = /(\d{1,2}:\d{2})\s*[〜~～\-－ー]\s*\d{1,2}:\d{2}\s*$/;

function withoutEndTime(s: string): string {
  return s.replace(END_TIME, '$1');
}

export interface ParseOptions {
  /**
   * The office's settings, given when a person typed the text to book a session: an hour with no
   * 午前/午後 is then read as they mean it (「2時半」 is 14:30, bare-hour.ts). Without them, and for
   * what a date-time picker sent (which is 24-hour by construction), hours are read as typed.
   */
  settings?: OfficeSettings;
}

/**
 * Reads `text` as a date, a time or both, relative to `now` (Japan time) for words like
 * '明日' and for dates without a year (the next such date on or after today).
 * Guarantees: never throws for any `text`; impossible dates (2/30, 13/1) and times
 * (25:00, 10:75) are reported as such and never rolled over; a weekday that contradicts
 * the date ('12月8日(水)' when 12/8 is a Tuesday) is 'weekday_mismatch'; emoji are ignored.
 * `now` must be a valid instant (a programming error otherwise).
 */
export function parseDateTime(text: string, now: Instant, options: ParseOptions = {}): ParsedDateTime {
  const today = toLocal(now).date;
  if (typeof text !== 'string') return UNREADABLE;
  const s = withoutEndTime(normalizeKeepingSpaces(dropEmoji(text)).toLowerCase());
  if (s.length === 0 || s.length > MAX_LENGTH) return UNREADABLE;
  const { settings } = options;
  const bareHour: BareHourReading = settings
    ? (minutes) => meantTimeOfBareHour(minutes, settings)
    : (minutes) => minutes;
  return dateFirst(s, today, bareHour) ?? timeFirst(s, today, bareHour) ?? UNREADABLE;
}
