import type { IsoDate } from './types.js';

/** Why typed text could not be read as a date or time. Impossible values are never rolled over. */
export type ParseFailure = 'impossible_date' | 'impossible_time' | 'unreadable' | 'weekday_mismatch';

export type ParsedDateTime =
  /** `alsoMeans`: the other date the words may mean ('来週火曜' on a Sunday), a week after `date`. */
  | { type: 'datetime'; date: IsoDate; minutes: number; alsoMeans?: IsoDate }
  | { type: 'date'; date: IsoDate; alsoMeans?: IsoDate }
  | { type: 'time'; minutes: number }
  /** `date`: for 'weekday_mismatch', the date the digits named, so the person can be told its weekday. */
  | { type: 'invalid'; reason: ParseFailure; date?: IsoDate };

/** One piece read from the front of the text: its value and what is left, or why it is impossible. */
export type Reading<T> =
  { ok: true; value: T; rest: string; alsoMeans?: T } | { ok: false; reason: ParseFailure; date?: IsoDate };
