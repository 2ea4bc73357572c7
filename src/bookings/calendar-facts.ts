import { addDays, toInstant, toLocal, type CalendarContext, type Instant, type IsoDate } from '../calendar/index.js';
import type { Db } from '../../db/database.js';
import { slotOccupancy } from '../../db/repositories/bookings-repository.js';
import { closureDates } from '../../db/repositories/closures-repository.js';
import { capacityOverrides } from '../../db/repositories/office-state-repository.js';
import type { OfficeSettings } from '../office/settings.js';

/** Where counting the places taken can stop: nothing past the booking horizon can be offered. */
export function occupancyUntil(settings: OfficeSettings, today: IsoDate): Instant {
  return toInstant({ date: addDays(today, settings.horizonWeeks * 7 + 1), minutes: 0 });
}

/**
 * The calendar as it stands now, read afresh: settings, closure days from today and slot
 * occupancy up to the booking horizon (nothing past it can be offered). For staff actions, which
 * are rare; each LINE event reads it through the cache (office-facts-cache.ts).
 */
export async function loadCalendar(db: Db, settings: OfficeSettings, now: Instant): Promise<CalendarContext> {
  const today = toLocal(now).date;
  const occupancy = await slotOccupancy(db, now, occupancyUntil(settings, today));
  const [closures, capacity] = [await closureDates(db, today), await capacityOverrides(db)];
  return { settings, closures, occupancy, capacityOverrides: capacity };
}
