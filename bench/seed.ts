/**
 * Fills a SQLite file with an office's history before the server starts: `count` users, each
 * with an idle conversation and one booking. Bookings are spread over the two years before `now`
 * and the booking horizon after it, on real slots, with statuses a real office would have:
 * past ones mostly attended, some cancelled or missed; future ones mostly confirmed, some still
 * awaiting staff. Deterministic (a fixed pseudo-random sequence), so every run seeds the same rows.
 *
 * The schema comes from the product's own migrations (openDatabase); the rows go in through
 * better-sqlite3 prepared statements in one transaction, which takes about a second for 100,000.
 */
import SQLite from 'better-sqlite3';
import { openDatabase } from '../db/database.js';
import { BOOKING_MACHINE_VERSION } from '../machines/booking/booking-machine.js';
import { persistable, restoreConversation } from '../machines/booking/restore.js';
import {
  addDays,
  dayNumber,
  gridStarts,
  horizonEnd,
  isKindDay,
  slotKey,
  toInstant,
  toLocal,
  type CalendarContext,
  type IsoDate,
  type SessionKind,
} from '../src/calendar/index.js';
import type { OfficeSettings } from '../src/office/settings.js';

export interface SeedOptions {
  path: string;
  count: number;
  now: string;
  settings: OfficeSettings;
  termsVersion: string;
  historyDays?: number;
}

interface SlotRef {
  key: string;
  date: IsoDate;
  kind: SessionKind;
  /** Start and end instants, computed once per slot rather than once per row. */
  start: string;
  end: string;
}

/** A small deterministic generator (mulberry32); Math.random would make runs differ. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slotsBetween(from: IsoDate, to: IsoDate, settings: OfficeSettings): SlotRef[] {
  const slots: SlotRef[] = [];
  const none = new Set<IsoDate>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const kind of ['regular', 'mothers'] as const) {
      if (!isKindDay(kind, date, none, settings)) continue;
      for (const start of gridStarts(kind, settings)) {
        slots.push({
          key: slotKey(kind, date, start),
          date,
          kind,
          start: toInstant({ date, minutes: start }),
          end: toInstant({ date, minutes: start + settings.sessionMinutes }),
        });
      }
    }
  }
  return slots;
}

function statusFor(past: boolean, r: number): 'attended' | 'cancelled' | 'no_show' | 'confirmed' | 'requested' {
  if (past) return r < 0.8 ? 'attended' : r < 0.92 ? 'cancelled' : 'no_show';
  return r < 0.85 ? 'confirmed' : r < 0.95 ? 'requested' : 'cancelled';
}

/** Creates the schema at `path` and inserts the rows. Returns how many bookings lie ahead of `now`. */
export async function seedDatabase(options: SeedOptions): Promise<{ futureBookings: number }> {
  const migrated = await openDatabase({ path: options.path });
  await migrated.destroy();

  const { settings, now } = options;
  const today = toLocal(now).date;
  const ctx: CalendarContext = { settings, closures: new Set(), occupancy: new Map() };
  const slots = slotsBetween(addDays(today, -(options.historyDays ?? 730)), horizonEnd(now, ctx), settings);
  const random = generator(20261201);
  const snapshot = JSON.stringify(persistable(restoreConversation(undefined, now).snapshot));

  const sqlite = new SQLite(options.path);
  // Seeding is set-up, not measurement: no journal and no fsync while loading, WAL again after.
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const insertUser = sqlite.prepare(
    `insert into users (line_user_id, created_at, terms_version, terms_agreed_at, booking_count, cancel_count, no_show_count, last_seen_at)
     values (?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const insertConversation = sqlite.prepare(
    'insert into conversations (line_user_id, machine_version, snapshot, updated_at) values (?, ?, ?, ?)',
  );
  const insertBooking = sqlite.prepare(
    `insert into bookings (id, line_user_id, status, kind, app, name, job_seeker_number, email, phone, interpreter,
       choice1_start, choice1_end, choice1_slot, choice2_start, choice2_end, choice2_slot,
       confirmed_start, confirmed_end, confirmed_slot, terms_version, created_at, reply_due, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let futureBookings = 0;

  sqlite.transaction(() => {
    for (let i = 0; i < options.count; i += 1) {
      const userId = `U${i.toString(16).padStart(32, '0')}`;
      const index = Math.floor(random() * slots.length);
      const first = slots[index]!;
      const second = slots[Math.min(slots.length - 1, index + 1 + Math.floor(random() * 6))]!;
      const past = first.date < today;
      if (!past) futureBookings += 1;
      const status = statusFor(past, random());
      // Requested a few days to a few weeks before the session, never after `now`.
      const createdMs = Math.min(
        Date.parse(now),
        Date.parse(first.start) - (3 + Math.floor(random() * 25)) * 86_400_000,
      );
      const created = new Date(createdMs).toISOString();
      const confirmed = status === 'requested' ? null : first;
      insertUser.run(
        userId,
        created,
        options.termsVersion,
        created,
        status === 'cancelled' ? 1 : 0,
        status === 'no_show' ? 1 : 0,
        created,
      );
      insertConversation.run(userId, BOOKING_MACHINE_VERSION, snapshot, created);
      insertBooking.run(
        `seed-${i}`,
        userId,
        status,
        first.kind,
        random() < 0.7 ? 'zoom' : 'teleoffice',
        '青森 花子',
        `02010-${String(i).padStart(8, '0')}`,
        `seed${i}@example.jp`,
        `0901${String(i).padStart(7, '0')}`,
        random() < 0.05 ? 1 : 0,
        first.start,
        first.end,
        first.key,
        second.start,
        second.end,
        second.key,
        confirmed?.start ?? null,
        confirmed?.end ?? null,
        confirmed?.key ?? null,
        options.termsVersion,
        created,
        new Date(createdMs + 86_400_000).toISOString(),
        created,
      );
    }
  })();
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return { futureBookings };
}

/** Days from `now` to the end of the horizon, for the report. */
export function horizonDays(now: string, settings: OfficeSettings): number {
  const ctx: CalendarContext = { settings, closures: new Set(), occupancy: new Map() };
  return dayNumber(horizonEnd(now, ctx)) - dayNumber(toLocal(now).date);
}
