import { capacityOf, slotKey, type CalendarContext, type Instant, type LocalDateTime } from '../calendar/index.js';
import { staffTimeProblem } from './slot-rules.js';
import type { BookingView } from './booking-view.js';

/**
 * Whether staff could confirm each of a new request's preferred times now, for the staff-group
 * card: the checks confirmBooking makes (day, window, past, capacity; docs/office-rules.md §5).
 * `calendar` was loaded before the request was stored, so its own first choice is not yet in the
 * occupancy and counts against nothing.
 */
export function choicesFree(
  calendar: CalendarContext,
  b: Pick<BookingView, 'kind' | 'choices'>,
  now: Instant,
): boolean[] {
  return b.choices.map((at: LocalDateTime) => {
    if (staffTimeProblem(calendar, b.kind, at, now) !== null) return false;
    const slot = slotKey(b.kind, at.date, at.minutes);
    return (calendar.occupancy.get(slot) ?? 0) < capacityOf(calendar, slot);
  });
}
