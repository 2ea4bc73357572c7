import { isBusinessDay, nextBusinessDay } from './business-days.js';
import { toLocal } from './jst.js';
import type { Instant, IsoDate, LocalDateTime } from './types.js';

/** The office's hours on a business day, in minutes after midnight, Japan time. */
export interface OfficeHours {
  openingMinutes: number;
  closingMinutes: number;
}

/**
 * When staff can next answer: null while the office is open (a business day, between opening and
 * closing time), else the next opening time, which may be later today (before opening) or on the
 * next business day (docs/office-rules.md §2).
 */
export function nextOpening(now: Instant, hours: OfficeHours, closures: ReadonlySet<IsoDate>): LocalDateTime | null {
  const { date, minutes } = toLocal(now);
  if (isBusinessDay(date, closures)) {
    if (minutes >= hours.openingMinutes && minutes < hours.closingMinutes) return null;
    if (minutes < hours.openingMinutes) return { date, minutes: hours.openingMinutes };
  }
  return { date: nextBusinessDay(date, 1, closures), minutes: hours.openingMinutes };
}
