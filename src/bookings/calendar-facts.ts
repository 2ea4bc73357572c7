import { addDays, toInstant, toLocal, type CalendarContext, type Instant } from '../calendar/index.js';
import type { Db } from '../../db/database.js';
import { slotOccupancy } from '../../db/repositories/bookings-repository.js';
import { closureDates } from '../../db/repositories/closures-repository.js';
import { capacityOverrides } from '../../db/repositories/office-state-repository.js';
import type { OfficeSettings } from '../office/settings.js';
import type { OccupancyCache } from './occupancy-cache.js';

/**
 * The calendar as it stands now: settings, closure days from today and slot occupancy. With a
 * cache, occupancy is counted from the start of the day, so that one count serves every event of
 * the day until a booking changes (slots earlier today are never offered, so counting them is harmless).
 */
export async function loadCalendar(
  db: Db,
  settings: OfficeSettings,
  now: Instant,
  cache?: OccupancyCache,
): Promise<CalendarContext> {
  const today = toLocal(now).date;
  // Nothing past the booking horizon can be offered, so nothing past it needs counting.
  const until = toInstant({ date: addDays(today, settings.horizonWeeks * 7 + 1), minutes: 0 });
  const occupancy = cache
    ? await cache.occupancy(db, toInstant({ date: today, minutes: 0 }), until)
    : await slotOccupancy(db, now, until);
  const [closures, capacity] = [await closureDates(db, today), await capacityOverrides(db)];
  return { settings, closures, occupancy, capacityOverrides: capacity };
}
