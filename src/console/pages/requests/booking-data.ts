import type { Db } from '../../../../db/database.js';
import { pendingChangeOf, recentBookingsOf, type Booking } from '../../../../db/repositories/bookings-repository.js';
import { preferredChoices } from '../../../bookings/booking-view.js';
import { standingsOf } from '../../../../db/repositories/console-requests-repository.js';
import { listStaffAccounts } from '../../../../db/repositories/staff-accounts-repository.js';
import { staffActionsOf } from '../../../../db/repositories/staff-actions-repository.js';
import { loadCalendar } from '../../../bookings/calendar-facts.js';
import type { Instant } from '../../../calendar/index.js';
import type { OfficeSettings } from '../../../office/settings.js';
import type { BookingPageData } from './booking-page.js';
import { timeState } from './request-view.js';

/** How many of a person's other bookings the booking page lists. */
const OTHERS_SHOWN = 50;

/** Console login id -> the account's name, for "who did it" (a handful of rows). */
export async function staffNames(db: Db): Promise<Map<string, string>> {
  return new Map((await listStaffAccounts(db)).map((a) => [a.loginId, a.name]));
}

/** Everything the booking page shows about `booking`, read at `now`. */
export async function bookingPageData(
  db: Db,
  settings: OfficeSettings,
  booking: Booking,
  now: Instant,
): Promise<BookingPageData> {
  const calendar = await loadCalendar(db, settings, now);
  const erased = booking.personalDataErasedAt !== null;
  const others = erased
    ? []
    : (await recentBookingsOf(db, booking.lineUserId, OTHERS_SHOWN + 1)).filter((o) => o.id !== booking.id);
  return {
    booking,
    now,
    choices: preferredChoices(
      timeState(calendar, booking, booking.choice1Start, now),
      booking.choice2Start === null ? null : timeState(calendar, booking, booking.choice2Start, now),
    ),
    proposal: booking.proposedStart ? timeState(calendar, booking, booking.proposedStart, now) : null,
    standing: erased ? undefined : (await standingsOf(db, [booking.lineUserId])).get(booking.lineUserId),
    others: others.slice(0, OTHERS_SHOWN),
    actions: await staffActionsOf(db, booking.id),
    names: await staffNames(db),
    pendingChange: booking.status === 'confirmed' ? await pendingChangeOf(db, booking.id) : undefined,
  };
}
