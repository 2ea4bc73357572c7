import type { Db } from '../database.js';

export interface UserRecord {
  lineUserId: string;
  termsVersion: string | null;
  termsAgreedAt: string | null;
  bookingCount: number;
  cancelCount: number;
  noShowCount: number;
  isNew: boolean;
  blockedAt: string | null;
  handoffAt: string | null;
}

/** Creates the user on first contact and refreshes last_seen_at; `isNew` tells a first contact. */
export async function touchUser(db: Db, lineUserId: string, now: string): Promise<UserRecord> {
  const existing = await db
    .updateTable('users')
    .set({ last_seen_at: now })
    .where('line_user_id', '=', lineUserId)
    .returning(['terms_version', 'terms_agreed_at', 'booking_count', 'cancel_count', 'no_show_count', 'blocked_at', 'handoff_at'])
    .executeTakeFirst();
  if (existing) {
    return {
      lineUserId,
      termsVersion: existing.terms_version,
      termsAgreedAt: existing.terms_agreed_at,
      bookingCount: existing.booking_count,
      cancelCount: existing.cancel_count,
      noShowCount: existing.no_show_count,
      isNew: false,
      blockedAt: existing.blocked_at,
      handoffAt: existing.handoff_at,
    };
  }
  await db
    .insertInto('users')
    .values({ line_user_id: lineUserId, created_at: now, terms_version: null, terms_agreed_at: null, last_seen_at: now })
    .execute();
  return { lineUserId, termsVersion: null, termsAgreedAt: null, bookingCount: 0, cancelCount: 0, noShowCount: 0, isNew: true, blockedAt: null, handoffAt: null };
}

export async function recordConsent(db: Db, lineUserId: string, termsVersion: string, at: string): Promise<void> {
  await db.updateTable('users').set({ terms_version: termsVersion, terms_agreed_at: at }).where('line_user_id', '=', lineUserId).execute();
}

export async function countBooking(db: Db, lineUserId: string): Promise<void> {
  await db.updateTable('users').set((eb) => ({ booking_count: eb('booking_count', '+', 1) })).where('line_user_id', '=', lineUserId).execute();
}

/** Whether staff are talking with the person, and whether the bot is stopped for them. */
export async function chatStateOf(db: Db, lineUserId: string): Promise<{ handoffAt: string | null; blockedAt: string | null } | undefined> {
  const row = await db.selectFrom('users').select(['handoff_at', 'blocked_at']).where('line_user_id', '=', lineUserId).executeTakeFirst();
  return row ? { handoffAt: row.handoff_at, blockedAt: row.blocked_at } : undefined;
}

export async function setHandoff(db: Db, lineUserId: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ handoff_at: at }).where('line_user_id', '=', lineUserId).execute();
}
