import type { Booking } from '../../db/repositories/bookings-repository.js';
import { keptDetails } from '../../machines/booking/previous-details.js';
import type { PreviousDetails } from '../../machines/booking/types.js';
import { bookingViewOf } from '../bookings/booking-view.js';

/**
 * What a returning person gave in their newest booking, offered as 「前回と同じ」
 * (docs/office-rules.md §12). None once retention has erased it: that person is asked everything
 * again, as a new person is.
 */
export function previousDetailsOf(row: Booking | undefined): { previous?: PreviousDetails } {
  if (!row || row.personalDataErasedAt !== null) return {};
  const { kind, app, name, jobSeekerNumber, email, phone } = bookingViewOf(row);
  return { previous: keptDetails({ kind, app, name, jobSeekerNumber, email, phone }) };
}
