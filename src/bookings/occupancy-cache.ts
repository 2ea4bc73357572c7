import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/database.js';
import { bookingsVersion, slotOccupancy } from '../../db/repositories/bookings-repository.js';
import type { Instant } from '../calendar/index.js';

/**
 * Slot occupancy, kept between events while no booking changes. Every event needs the calendar,
 * but counting the places taken over the whole horizon grows with the bookings held (0.7 ms per
 * event with 1,000 ahead), while bookings change only when a request is filed or staff act. Each
 * use reads the bookings' change token in the caller's transaction and counts again only when it
 * differs. A change made outside this product (a hand edit of the file) is seen after `maxAgeMs`.
 */
export interface OccupancyCache {
  /** Places taken per slot over at least [from, until), as the caller's transaction sees them. */
  occupancy(db: Db, from: Instant, until: Instant): Promise<ReadonlyMap<string, number>>;
}

interface Entry {
  version: string;
  from: Instant;
  until: Instant;
  counts: ReadonlyMap<string, number>;
  readAt: number;
}

export function createOccupancyCache(maxAgeMs = 10_000): OccupancyCache {
  let entry: Entry | undefined;
  return {
    async occupancy(db, from, until) {
      const version = await bookingsVersion(db);
      const readAt = performance.now();
      if (
        entry &&
        entry.version === version &&
        entry.from <= from &&
        entry.until >= until &&
        readAt - entry.readAt < maxAgeMs
      )
        return entry.counts;
      const counts = await slotOccupancy(db, from, until);
      entry = { version, from, until, counts, readAt };
      return counts;
    },
  };
}
