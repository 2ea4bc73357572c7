import type { Db } from '../database.js';
import { bookingOf, type Booking } from './booking.js';

/**
 * What the console's calendar and day list read: bookings by when their session is, and the
 * people who wrote to the bot about their session. Read-only; every change goes through the
 * booking functions and the calendar repositories the JSON API uses.
 */

/**
 * Bookings that hold a place in [from, to): confirmed sessions at their confirmed time and
 * requests awaiting staff at their first choice (the same rule as slotOccupancy,
 * docs/office-rules.md §5), in time order.
 */
export async function placesHeldBetween(db: Db, from: string, to: string): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'confirmed'), eb('confirmed_start', '>=', from), eb('confirmed_start', '<', to)]),
        eb.and([eb('status', '=', 'requested'), eb('choice1_start', '>=', from), eb('choice1_start', '<', to)]),
      ]),
    )
    .orderBy((eb) => eb.fn.coalesce('confirmed_start', 'choice1_start'))
    .orderBy('created_at')
    .execute();
  return rows.map(bookingOf);
}

/**
 * Sessions whose confirmed time is in [from, to), whatever became of them since (confirmed,
 * attended, no-show, cancelled), in time order; the day list shows how each one ended.
 */
export async function sessionsBetween(db: Db, from: string, to: string): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('confirmed_start', '>=', from)
    .where('confirmed_start', '<', to)
    .orderBy('confirmed_start')
    .orderBy('created_at')
    .execute();
  return rows.map(bookingOf);
}

/** When each of these bookings' people wrote to the bot about it (`action`) since `since`, oldest first. */
export async function contactTimesSince(
  db: Db,
  bookingIds: readonly string[],
  action: string,
  since: string,
): Promise<Map<string, string[]>> {
  const times = new Map<string, string[]>();
  if (bookingIds.length === 0) return times;
  const rows = await db
    .selectFrom('staff_actions')
    .select(['subject_id', 'at'])
    .where('subject_id', 'in', bookingIds)
    .where('action', '=', action)
    .where('at', '>=', since)
    .orderBy('id')
    .execute();
  for (const r of rows) times.set(r.subject_id, [...(times.get(r.subject_id) ?? []), r.at]);
  return times;
}
