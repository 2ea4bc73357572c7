import type { OfficeSettings } from '../office/settings.js';

/** A Japan calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** A point in time as an ISO-8601 string with an explicit offset, normally UTC ('...Z'). */
export type Instant = string;

export type SessionKind = 'regular' | 'mothers';

/** A wall-clock moment in Japan: a date and minutes since midnight. */
export interface LocalDateTime {
  date: IsoDate;
  minutes: number;
}

/** Why the office is closed on a date, most informative reason first (see closedReason). */
export type ClosedReason =
  { code: 'weekend' } | { code: 'holiday'; name: string } | { code: 'year_end' } | { code: 'closure' };

/** Everything the pure rules need besides `now`. Built by the caller from config + database. */
export interface CalendarContext {
  settings: OfficeSettings;
  /** Office closure days (閉庁日) entered by staff. */
  closures: ReadonlySet<IsoDate>;
  /** slotKey -> confirmed bookings + first choices of requests awaiting staff. */
  occupancy: ReadonlyMap<string, number>;
  /** slotKey -> capacity set by staff for that slot. */
  capacityOverrides?: ReadonlyMap<string, number>;
}

/** A bookable session slot; `end` is start + session length, `remaining` the free capacity. */
export interface Slot {
  kind: SessionKind;
  date: IsoDate;
  start: number;
  end: number;
  remaining: number;
}
