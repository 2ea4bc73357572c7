import { addDays, toInstant, toLocal, type CalendarContext, type Instant } from '../calendar/index.js';
import type { Db } from '../../db/database.js';
import { activeBookingOf, slotOccupancy } from '../../db/repositories/bookings-repository.js';
import { closureDates } from '../../db/repositories/closures-repository.js';
import { capacityOverrides } from '../../db/repositories/office-state-repository.js';
import type { OfficeSettings } from '../office/settings.js';

/** The calendar as it stands now: settings, closure days from today and slot occupancy. */
export async function loadCalendar(db: Db, settings: OfficeSettings, now: Instant): Promise<CalendarContext> {
  const today = toLocal(now).date;
  // Nothing past the booking horizon can be offered, so nothing past it needs counting.
  const until = toInstant({ date: addDays(today, settings.horizonWeeks * 7 + 1), minutes: 0 });
  const [closures, occupancy, capacity] = [await closureDates(db, today), await slotOccupancy(db, now, until), await capacityOverrides(db)];
  return { settings, closures, occupancy, capacityOverrides: capacity };
}

export async function hasActiveBooking(db: Db, lineUserId: string): Promise<boolean> {
  return (await activeBookingOf(db, lineUserId)) !== undefined;
}
