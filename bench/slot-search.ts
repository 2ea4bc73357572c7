/**
 * The slot search on its own, per call, over a seeded database: the pure rules
 * (`availableSlots` for the whole horizon, `bookableDates` for the date buttons) on a
 * CalendarContext built by the product's `loadCalendar`, and the database occupancy query
 * (`slotOccupancy`), and the calendar as each event reads it: afresh (`loadCalendar`), and
 * through the office facts cache the conversation uses while nothing it holds changes.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/database.js';
import { slotOccupancy } from '../db/repositories/bookings-repository.js';
import { availableSlots, bookableDates, earliest, horizonEnd } from '../src/calendar/index.js';
import { loadCalendar } from '../src/bookings/calendar-facts.js';
import { createOfficeFactsCache } from '../src/bookings/office-facts-cache.js';
import type { OfficeSettings } from '../src/office/settings.js';
import { quantile } from './stats.js';

export interface CallTiming {
  name: string;
  calls: number;
  medianUs: number;
  p99Us: number;
  /** What one call returned, to show the work was real (slots, dates or map entries). */
  resultSize: number;
}

/** Times each call on its own; a promise is awaited, a plain value is not (no extra tick). */
async function time(name: string, calls: number, fn: () => unknown): Promise<CallTiming> {
  const warmup = Math.min(200, calls);
  let size = 0;
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const t = performance.now();
    let result = fn();
    if (result instanceof Promise) result = await result;
    samples.push((performance.now() - t) * 1000);
    size = result instanceof Map || result instanceof Set ? result.size : Array.isArray(result) ? result.length : 1;
  }
  return { name, calls, medianUs: quantile(samples, 0.5), p99Us: quantile(samples, 0.99), resultSize: size };
}

export async function benchSlotSearch(
  sqlitePath: string,
  settings: OfficeSettings,
  now: string,
  calls: number,
): Promise<CallTiming[]> {
  const db = await openDatabase({ path: sqlitePath });
  try {
    const ctx = await loadCalendar(db, settings, now);
    const from = earliest(now, ctx);
    const to = horizonEnd(now, ctx);
    const cache = createOfficeFactsCache();
    return [
      await time('availableSlots (regular, whole horizon)', calls, () => availableSlots(ctx, 'regular', now, from, to)),
      await time('bookableDates (regular, first 9)', calls, () => bookableDates(ctx, 'regular', now, 9)),
      await time('slotOccupancy (SQLite query)', Math.ceil(calls / 5), () => slotOccupancy(db, now)),
      await time('loadCalendar (closures + occupancy)', Math.ceil(calls / 5), () =>
        loadCalendar(db, settings, now).then((c) => c.occupancy),
      ),
      await time('office facts, cached (nothing changed)', calls, () =>
        cache.read(db, settings, now).then((f) => f.calendar.occupancy),
      ),
    ];
  } finally {
    await db.destroy();
  }
}
