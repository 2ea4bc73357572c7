import type { TimeWindow } from '../office/settings.js';
import type { Instant, IsoDate, LocalDateTime, SessionKind } from './types.js';

/** Why a preferred time was refused, with the facts its explanation needs. */
export type Refusal =
  | { code: 'past'; at: LocalDateTime }
  | { code: 'closed_weekend'; date: IsoDate }
  | { code: 'closed_holiday'; date: IsoDate; holidayName: string }
  | { code: 'closed_year_end'; date: IsoDate }
  | { code: 'closed_closure'; date: IsoDate }
  | { code: 'not_mothers_day'; date: IsoDate; weekdays: readonly number[] }
  | {
      code: 'outside_window';
      windows: readonly TimeWindow[];
      durationMinutes: number;
      starts: readonly number[] | null;
    }
  | { code: 'off_grid'; kind: SessionKind; starts: readonly number[] }
  | { code: 'too_soon'; date: IsoDate; deadline: Instant; earliest: IsoDate }
  /** `date`: the date as understood (a yearless date already past this year is next year's, docs/office-rules.md §15). */
  | { code: 'beyond_horizon'; date: IsoDate; lastDate: IsoDate; horizonWeeks: number }
  | { code: 'full'; at: LocalDateTime }
  | { code: 'same_as_first'; at: LocalDateTime };

export type RefusalCode = Refusal['code'];

/** A refused time with the nearest free slots to offer instead (none when nothing is free). */
export interface SlotRefusal {
  refusal: Refusal;
  alternatives: readonly LocalDateTime[];
}

/**
 * Why a date given without a time has no time left, when no rule closes the whole day: every time
 * is taken, or only the first choice is left (for the second), or the day is past.
 */
export type DayRefusal = 'full' | 'first_choice_only' | 'past';
