import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';
import { bookingOf, type Booking } from './booking.js';

/**
 * What the console's 受付 list shows: requests awaiting staff, and bookings with a time the office
 * proposed that still awaits the person's answer; earliest reply deadline first. A booking whose
 * personal details were erased is over and is left out.
 */
export async function openRequestsForConsole(db: Db, limit = 300): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('personal_data_erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'requested'),
        eb.and([eb('status', '=', 'confirmed'), eb('proposed_start', 'is not', null)]),
      ]),
    )
    .orderBy('reply_due')
    .orderBy('created_at')
    .limit(rowLimit(limit))
    .execute();
  return rows.map(bookingOf);
}

/** One earlier or later booking of a person, as a history count needs it. */
export interface BookingStub {
  id: string;
  lineUserId: string;
  status: Booking['status'];
  cancelReason: string | null;
  createdAt: string;
}

/** Every booking of these people (id, status, when filed), oldest first, for their history counts. */
export async function bookingStubsOf(db: Db, lineUserIds: readonly string[]): Promise<BookingStub[]> {
  if (lineUserIds.length === 0) return [];
  const rows = await db
    .selectFrom('bookings')
    .select(['id', 'line_user_id', 'status', 'cancel_reason', 'created_at'])
    .where('line_user_id', 'in', [...new Set(lineUserIds)])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    lineUserId: r.line_user_id,
    status: r.status,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at,
  }));
}

/** What the office counts about a person (users table): their own cancellations, no-shows, block and flag. */
export interface PersonStanding {
  lineUserId: string;
  cancelCount: number;
  noShowCount: number;
  blockedAt: string | null;
  flaggedAt: string | null;
}

export async function standingsOf(db: Db, lineUserIds: readonly string[]): Promise<Map<string, PersonStanding>> {
  if (lineUserIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['line_user_id', 'cancel_count', 'no_show_count', 'blocked_at', 'flagged_at'])
    .where('line_user_id', 'in', [...new Set(lineUserIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.line_user_id,
      {
        lineUserId: r.line_user_id,
        cancelCount: r.cancel_count,
        noShowCount: r.no_show_count,
        blockedAt: r.blocked_at,
        flaggedAt: r.flagged_at,
      },
    ]),
  );
}

/** A booking found by the start of its id: what tells two such bookings apart, and no personal data. */
export interface BookingByReceipt {
  id: string;
  status: Booking['status'];
  kind: Booking['kind'];
  createdAt: string;
  /** The confirmed start, else the first choice. */
  sessionStart: string;
}

/**
 * The bookings whose id starts with `prefix` (a receipt number 受付番号 is an id's first 8
 * characters; lower-case hexadecimal and hyphens only, as ids are written), newest request first,
 * at most `limit`. Reads no encrypted column.
 */
export async function bookingsByIdPrefix(db: Db, prefix: string, limit = 20): Promise<BookingByReceipt[]> {
  if (!/^[0-9a-f-]+$/.test(prefix)) return [];
  const rows = await db
    .selectFrom('bookings')
    .select(['id', 'status', 'kind', 'created_at', 'confirmed_start', 'choice1_start'])
    .where('id', 'like', `${prefix}%`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(rowLimit(limit))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    kind: r.kind,
    createdAt: r.created_at,
    sessionStart: r.confirmed_start ?? r.choice1_start,
  }));
}
