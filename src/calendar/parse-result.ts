import type { IsoDate } from './types.js';

/** Why typed text could not be read as a date or time. Impossible values are never rolled over. */
export type ParseFailure = 'impossible_date' | 'impossible_time' | 'unreadable' | 'weekday_mismatch' | 'ambiguous_week';

export type ParsedDateTime =
  | { type: 'datetime'; date: IsoDate; minutes: number }
  | { type: 'date'; date: IsoDate }
  | { type: 'time'; minutes: number }
  /** `candidates`: the dates an ambiguous phrase may mean ('ambiguous_week'), earliest first. */
  | { type: 'invalid'; reason: ParseFailure; candidates?: readonly IsoDate[] };

/** One piece read from the front of the text: its value and what is left, or why it is impossible. */
export type Reading<T> = { ok: true; value: T; rest: string } | { ok: false; reason: ParseFailure; candidates?: readonly IsoDate[] };
