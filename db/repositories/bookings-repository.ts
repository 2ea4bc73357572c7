import { replaceChangeToken } from './office-state-repository.js';
import type { Db } from '../database.js';
import type { BookingStatus } from '../schema.js';
import { rowLimit } from '../row-limit.js';
import { addDays, toInstant, type IsoDate } from '../../src/calendar/index.js';
import { bookingOf, columnsOf, type Booking, type BookingPatch, type PreferredChoices } from './booking.js';

export type { Booking, BookingPatch, PreferredChoices } from './booking.js';

export interface NewBooking {
  id: string;
  lineUserId: string;
  kind: 'regular' | 'mothers';
  app: 'zoom' | 'teleoffice';
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
  interpreter: boolean;
  /** Who attends, when someone does (docs/office-rules.md §9); absent: nobody, or not asked. */
  companion?: { who: 'interpreter' | 'helper'; language?: string };
  choices: PreferredChoices<BookedChoice>;
  termsVersion: string;
  createdAt: string;
  replyDue: string;
}

export interface BookedChoice {
  start: string;
  end: string;
  slotKey: string;
}

/** Statuses in which a booking still matters to the user and to the office. */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['requested', 'confirmed'];

/** Replaced by every write to bookings, in the same transaction (replaceChangeToken). */
export const BOOKINGS_VERSION_KEY = 'bookings_version';

const markBookingsChanged = (db: Db, now: string): Promise<void> => replaceChangeToken(db, BOOKINGS_VERSION_KEY, now);

export async function insertRequest(db: Db, b: NewBooking): Promise<void> {
  await markBookingsChanged(db, b.createdAt);
  const [c1, c2] = b.choices;
  await db
    .insertInto('bookings')
    .values({
      id: b.id,
      line_user_id: b.lineUserId,
      status: 'requested',
      kind: b.kind,
      app: b.app,
      name: b.name,
      job_seeker_number: b.jobSeekerNumber,
      email: b.email,
      phone: b.phone,
      interpreter: b.interpreter ? 1 : 0,
      companion: b.companion?.who ?? null,
      companion_language: b.companion?.language ?? null,
      choice1_start: c1.start,
      choice1_end: c1.end,
      choice1_slot: c1.slotKey,
      choice2_start: c2?.start ?? null,
      choice2_end: c2?.end ?? null,
      choice2_slot: c2?.slotKey ?? null,
      confirmed_start: null,
      confirmed_end: null,
      confirmed_slot: null,
      terms_version: b.termsVersion,
      created_at: b.createdAt,
      reply_due: b.replyDue,
      updated_at: b.createdAt,
    })
    .execute();
}

/**
 * The user's newest open request or booking, if any. A request both of whose times (and any time
 * the office proposed) have passed without an answer is over: it no longer blocks a new booking.
 */
export async function activeBookingOf(db: Db, lineUserId: string, now?: string): Promise<Booking | undefined> {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .where('line_user_id', '=', lineUserId)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('personal_data_erased_at', 'is', null);
  if (now)
    q = q.where((eb) =>
      eb.or([
        eb('status', '=', 'confirmed'),
        eb('choice1_start', '>', now),
        eb('choice2_start', '>', now),
        eb('proposed_start', '>', now),
      ]),
    );
  const row = await q.orderBy('created_at', 'desc').limit(rowLimit(1)).executeTakeFirst();
  return row && bookingOf(row);
}

/**
 * How many places each slot has taken from `fromInstant` on: confirmed bookings at their
 * confirmed slot, plus requests awaiting staff at their first choice (docs/office-rules.md §5).
 */
export async function slotOccupancy(db: Db, fromInstant: string, toInstant = '9999'): Promise<Map<string, number>> {
  const requested = await db
    .selectFrom('bookings')
    .select(['choice1_slot as slot', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'requested')
    .where('choice1_start', '>=', fromInstant)
    .where('choice1_start', '<', toInstant)
    .groupBy('choice1_slot')
    .execute();
  const confirmed = await db
    .selectFrom('bookings')
    .select(['confirmed_slot as slot', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'confirmed')
    .where('confirmed_start', '>=', fromInstant)
    .where('confirmed_start', '<', toInstant)
    .groupBy('confirmed_slot')
    .execute();
  const map = new Map<string, number>();
  for (const r of [...requested, ...confirmed]) {
    if (r.slot !== null) map.set(r.slot, (map.get(r.slot) ?? 0) + Number(r.n));
  }
  return map;
}

export interface BookingFilter {
  status?: BookingStatus;
  kind?: 'regular' | 'mothers';
  lineUserId?: string;
  /** Sessions (confirmed time, else first choice) starting at or after this instant. */
  from?: string;
  /** ...and before this instant. */
  to?: string;
  limit?: number;
  /** The next page: bookings after this one in the list's order (newest request first). */
  after?: { createdAt: string; id: string };
}

export async function listBookings(db: Db, filter: BookingFilter = {}): Promise<Booking[]> {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(rowLimit(Math.min(filter.limit ?? 500, 1000)));
  const after = filter.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.lineUserId) q = q.where('line_user_id', '=', filter.lineUserId);
  if (filter.from) q = q.where((eb) => eb.fn.coalesce('confirmed_start', 'choice1_start'), '>=', filter.from);
  if (filter.to) q = q.where((eb) => eb.fn.coalesce('confirmed_start', 'choice1_start'), '<', filter.to);
  return (await q.execute()).map(bookingOf);
}

export async function getBooking(db: Db, id: string): Promise<Booking | undefined> {
  const row = await db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  return row && bookingOf(row);
}

/** Everything a proposal leaves on a booking, cleared once it is answered or can no longer be. */
export const NO_PROPOSAL = {
  proposedStart: null,
  proposedEnd: null,
  proposedMeetingId: null,
  proposedMeetingPasscode: null,
  proposedMeetingUrl: null,
  proposedBy: null,
} as const;

/** The patch that cancels a booking: why, by whom, when; a proposal on it lapses with it. */
export function cancellation(reason: string | null, by: string, now: string): BookingPatch {
  return {
    status: 'cancelled',
    cancelReason: reason,
    cancelledBy: by,
    cancelledAt: now,
    ...NO_PROPOSAL,
    updatedAt: now,
  };
}

/** When the booking's session is: the confirmed start, else the first choice. */
export function sessionStartOf(booking: Pick<Booking, 'confirmedStart' | 'choice1Start'>): string {
  return booking.confirmedStart ?? booking.choice1Start;
}

/** `now`: when the change is made (the caller's clock), kept with the change token. */
export async function updateBooking(db: Db, id: string, patch: BookingPatch, now: string): Promise<void> {
  const columns = columnsOf(patch);
  await markBookingsChanged(db, now);
  await db.updateTable('bookings').set(columns).where('id', '=', id).execute();
}

/** Places taken in one slot, leaving out one booking (the one being moved into it). */
export async function takenInSlot(db: Db, slotKey: string, excludingId: string): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '!=', excludingId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'requested'), eb('choice1_slot', '=', slotKey)]),
        eb.and([eb('status', '=', 'confirmed'), eb('confirmed_slot', '=', slotKey)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The confirmed booking that a change request (`booking`) would replace, while it still holds; a
 * change of a change points at the same one. Undefined for an ordinary request.
 */
export async function confirmedReplacedBy(db: Db, booking: Booking): Promise<Booking | undefined> {
  if (!booking.replacesBookingId) return undefined;
  const old = await getBooking(db, booking.replacesBookingId);
  return old?.status === 'confirmed' ? old : undefined;
}

/** The open change request that would replace the confirmed booking `confirmedId`, if any. */
export async function pendingChangeOf(db: Db, confirmedId: string): Promise<Booking | undefined> {
  const row = await db
    .selectFrom('bookings')
    .selectAll()
    .where('replaces_booking_id', '=', confirmedId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return row && bookingOf(row);
}

/** A person's bookings, newest first (at most `limit`). */
export async function recentBookingsOf(db: Db, lineUserId: string, limit: number): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('line_user_id', '=', lineUserId)
    .orderBy('created_at', 'desc')
    .limit(rowLimit(limit))
    .execute();
  return rows.map(bookingOf);
}

/**
 * The rule of `activeBookingOf`, for a booking already read: a confirmed booking, or a request while
 * one of its times, or a time the office proposed for it, is still ahead. (A request whose own
 * times passed but whose proposal the person may still accept is open: they must not book a
 * second session meanwhile.)
 */
export function isActiveBooking(b: Booking, now: string): boolean {
  // Erased details mean its times are long past: a session nobody marked is not still open.
  return (
    b.personalDataErasedAt === null &&
    ACTIVE_STATUSES.includes(b.status) &&
    (b.status === 'confirmed' ||
      b.choice1Start > now ||
      (b.choice2Start !== null && b.choice2Start > now) ||
      (b.proposedStart !== null && b.proposedStart > now))
  );
}

/**
 * Open bookings a closure of `date` touches: confirmed sessions that day, and requests with
 * either choice that day. Closing a day does not cancel them; staff see them and decide.
 */
export async function openBookingIdsOn(db: Db, date: IsoDate): Promise<string[]> {
  const from = toInstant({ date, minutes: 0 });
  const to = toInstant({ date: addDays(date, 1), minutes: 0 });
  const rows = await db
    .selectFrom('bookings')
    .select('id')
    .where('status', 'in', ACTIVE_STATUSES)
    .where((eb) => {
      const inDay = (c: 'confirmed_start' | 'choice1_start' | 'choice2_start') =>
        eb.and([eb(c, '>=', from), eb(c, '<', to)]);
      return eb.or([
        eb.and([eb('status', '=', 'confirmed'), inDay('confirmed_start')]),
        eb.and([eb('status', '=', 'requested'), eb.or([inDay('choice1_start'), inDay('choice2_start')])]),
      ]);
    })
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

export async function latestBookingOf(db: Db, lineUserId: string): Promise<Booking | undefined> {
  return (await recentBookingsOf(db, lineUserId, 1))[0];
}
