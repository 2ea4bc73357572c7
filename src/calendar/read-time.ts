/**
 * Reads a time of day from the front of normalised, lower-cased text:
 * '10:30', '10.30', '14時30分', '10時半', '午後2時', '午前10時', '2pm', '正午'.
 */
import type { Reading } from './parse-result.js';

type Meridiem = 'am' | 'pm';

/**
 * What an hour typed with no 午前/午後/AM/PM means, given its 24-hour reading in minutes
 * (bare-hour.ts decides this from the office settings). Without one, the 24-hour reading stands.
 */
export type BareHourReading = (minutes: number) => number;

const MERIDIEM_PREFIX = /^(午前|午後|a\.?m\.?|p\.?m\.?)\s?/;
const MERIDIEM_SUFFIX = /^\s?(a\.?m\.?|p\.?m\.?)/;
// 「10:30」, or 「10.30」 after a date (「12.10 10.30」); alone, 「10.30」 is read by the question (choice-answer.ts).
const CLOCK = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?!\d)/;
const KANJI_CLOCK = /^(\d{1,2})時(?:(半)|(\d{1,2})(?!\d)分?)?/;
const BARE_HOUR = /^(\d{1,2})(?!\d)/;
const BEFORE_SUFFIX = /^\s?(?:a\.?m|p\.?m)/;
const NOON = /^正午/;

function meridiemOf(word: string): Meridiem {
  return word === '午前' || word.startsWith('a') ? 'am' : 'pm';
}

interface ClockParts {
  hour: number;
  minute: number;
  second: number;
  length: number;
}

/** Hour and minute at the start of `s`. A bare hour ('2') counts only next to a meridiem ('午後2', '2pm'). */
function clockParts(s: string, hasMeridiem: boolean): ClockParts | null {
  const clock = CLOCK.exec(s);
  if (clock !== null) {
    return { hour: Number(clock[1]), minute: Number(clock[2]), second: Number(clock[3] ?? 0), length: clock[0].length };
  }
  const kanji = KANJI_CLOCK.exec(s);
  if (kanji !== null) {
    const minute = kanji[2] !== undefined ? 30 : Number(kanji[3] ?? 0);
    return { hour: Number(kanji[1]), minute, second: 0, length: kanji[0].length };
  }
  const bare = BARE_HOUR.exec(s);
  if (bare === null || !(hasMeridiem || BEFORE_SUFFIX.test(s.slice(bare[0].length)))) return null;
  return { hour: Number(bare[1]), minute: 0, second: 0, length: bare[0].length };
}

/**
 * Minutes since midnight, or null when the hour is impossible. With 午前/午後 the hour is 0-12;
 * both 午前12時 (its legal meaning) and 午後12時 (what people mean when booking by day) are noon.
 */
function minutesOf(parts: ClockParts, meridiem: Meridiem | null, bareHour: BareHourReading): number | null {
  if (parts.minute > 59 || parts.second > 59) return null;
  if (meridiem === null) return parts.hour > 23 ? null : bareHour(parts.hour * 60 + parts.minute);
  if (parts.hour > 12) return null;
  const hour = meridiem === 'am' ? parts.hour : (parts.hour % 12) + 12;
  return hour * 60 + parts.minute;
}

const AS_TYPED: BareHourReading = (minutes) => minutes;

/**
 * Reads a time at the start of `s`; null when `s` does not start with one. An hour with no
 * 午前/午後/AM/PM is read through `bareHour` (24-hour as typed when none is given).
 */
export function readTime(s: string, bareHour: BareHourReading = AS_TYPED): Reading<number> | null {
  const noon = NOON.exec(s);
  if (noon !== null) return { ok: true, value: 12 * 60, rest: s.slice(noon[0].length) };
  const prefix = MERIDIEM_PREFIX.exec(s);
  let rest = prefix === null ? s : s.slice(prefix[0].length);
  let meridiem = prefix === null ? null : meridiemOf(prefix[1] ?? '');
  const parts = clockParts(rest, meridiem !== null);
  if (parts === null) return null;
  rest = rest.slice(parts.length);
  const suffix = meridiem === null ? MERIDIEM_SUFFIX.exec(rest) : null;
  if (suffix !== null) {
    meridiem = meridiemOf(suffix[1] ?? '');
    rest = rest.slice(suffix[0].length);
  }
  const minutes = minutesOf(parts, meridiem, bareHour);
  return minutes === null ? { ok: false, reason: 'impossible_time' } : { ok: true, value: minutes, rest };
}
