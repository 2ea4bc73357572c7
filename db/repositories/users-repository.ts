import type { Db } from '../database.js';

export interface UserRecord {
  lineUserId: string;
  termsVersion: string | null;
  termsAgreedAt: string | null;
  /** When the person last answered the eligibility questions (see recordEligibility). */
  eligibilityAnsweredAt: string | null;
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
    .returning([
      'terms_version',
      'terms_agreed_at',
      'eligibility_answered_at',
      'booking_count',
      'cancel_count',
      'no_show_count',
      'blocked_at',
      'handoff_at',
    ])
    .executeTakeFirst();
  if (existing) {
    return {
      lineUserId,
      termsVersion: existing.terms_version,
      termsAgreedAt: existing.terms_agreed_at,
      eligibilityAnsweredAt: existing.eligibility_answered_at,
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
    .values({
      line_user_id: lineUserId,
      created_at: now,
      terms_version: null,
      terms_agreed_at: null,
      last_seen_at: now,
    })
    .execute();
  return {
    lineUserId,
    termsVersion: null,
    termsAgreedAt: null,
    eligibilityAnsweredAt: null,
    bookingCount: 0,
    cancelCount: 0,
    noShowCount: 0,
    isNew: true,
    blockedAt: null,
    handoffAt: null,
  };
}

export async function recordConsent(db: Db, lineUserId: string, termsVersion: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ terms_version: termsVersion, terms_agreed_at: at })
    .where('line_user_id', '=', lineUserId)
    .execute();
}

/**
 * Records when the person answered the eligibility questions (terms art. 2), as consent is
 * recorded: immediate sessions read it (docs/office-rules.md §14).
 */
export async function recordEligibility(db: Db, lineUserId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ eligibility_answered_at: at }).where('line_user_id', '=', lineUserId).execute();
}

export async function countBooking(db: Db, lineUserId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ booking_count: eb('booking_count', '+', 1) }))
    .where('line_user_id', '=', lineUserId)
    .execute();
}

/** Whether staff are talking with the person, and whether the bot is stopped for them. */
export async function chatStateOf(
  db: Db,
  lineUserId: string,
): Promise<{ handoffAt: string | null; blockedAt: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['handoff_at', 'blocked_at'])
    .where('line_user_id', '=', lineUserId)
    .executeTakeFirst();
  return row ? { handoffAt: row.handoff_at, blockedAt: row.blocked_at } : undefined;
}

export async function setHandoff(db: Db, lineUserId: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ handoff_at: at }).where('line_user_id', '=', lineUserId).execute();
}

/** Everything kept about a LINE account (what staff look up). */
export interface UserAccount {
  lineUserId: string;
  createdAt: string;
  lastSeenAt: string;
  termsVersion: string | null;
  termsAgreedAt: string | null;
  termsNotifiedVersion: string | null;
  bookingCount: number;
  cancelCount: number;
  noShowCount: number;
  handoffAt: string | null;
  blockedAt: string | null;
  flaggedAt: string | null;
}

export async function getUser(db: Db, lineUserId: string): Promise<UserAccount | undefined> {
  const row = await db.selectFrom('users').selectAll().where('line_user_id', '=', lineUserId).executeTakeFirst();
  if (!row) return undefined;
  return {
    lineUserId: row.line_user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    termsVersion: row.terms_version,
    termsAgreedAt: row.terms_agreed_at,
    termsNotifiedVersion: row.terms_notified_version,
    bookingCount: row.booking_count,
    cancelCount: row.cancel_count,
    noShowCount: row.no_show_count,
    handoffAt: row.handoff_at,
    blockedAt: row.blocked_at,
    flaggedAt: row.flagged_at,
  };
}

export async function setBlocked(db: Db, lineUserId: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ blocked_at: at }).where('line_user_id', '=', lineUserId).execute();
}

/** The person cancelled a booking themselves. */
export async function countCancel(db: Db, lineUserId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ cancel_count: eb('cancel_count', '+', 1) }))
    .where('line_user_id', '=', lineUserId)
    .execute();
}

/**
 * Counts a no-show, in the same statement that reads the new count (two no-shows recorded at once
 * each see their own), with whether staff were already flagged. Undefined for an unknown person.
 */
export async function countNoShow(
  db: Db,
  lineUserId: string,
): Promise<{ noShowCount: number; flaggedAt: string | null } | undefined> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ no_show_count: eb('no_show_count', '+', 1) }))
    .where('line_user_id', '=', lineUserId)
    .returning(['no_show_count', 'flagged_at'])
    .executeTakeFirst();
  return row ? { noShowCount: row.no_show_count, flaggedAt: row.flagged_at } : undefined;
}

/** Takes back a no-show recorded by mistake (never below zero); the new count, undefined for an unknown person. */
export async function uncountNoShow(db: Db, lineUserId: string): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      // Never below zero; written as a case, which both stores read alike (max() of two is SQLite's).
      no_show_count: eb
        .case()
        .when('no_show_count', '>', 0)
        .then(eb('no_show_count', '-', 1))
        .else(0)
        .end(),
    }))
    .where('line_user_id', '=', lineUserId)
    .returning('no_show_count')
    .executeTakeFirst();
  return row?.no_show_count;
}

/** Marks (or, with null, unmarks) the person as reported to staff for repeated no-shows. */
export async function setFlagged(db: Db, lineUserId: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ flagged_at: at }).where('line_user_id', '=', lineUserId).execute();
}

/**
 * People to tell that terms version `termsId` took effect: those with a booking open at `openAt`
 * (a session or a time still ahead; a session nobody marked, long past, is not) who neither
 * agreed to that version nor were told of it yet.
 */
export async function usersToTellOfTerms(db: Db, termsId: string, openAt: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('bookings', 'bookings.line_user_id', 'users.line_user_id')
    .select('users.line_user_id')
    .distinct()
    .where('bookings.status', 'in', ['requested', 'confirmed'])
    .where((eb) =>
      eb.or([
        eb('bookings.confirmed_end', '>', openAt),
        eb('bookings.choice1_start', '>', openAt),
        eb('bookings.choice2_start', '>', openAt),
        eb('bookings.proposed_start', '>', openAt),
      ]),
    )
    .where('bookings.personal_data_erased_at', 'is', null)
    .where((eb) => eb.or([eb('users.terms_version', 'is', null), eb('users.terms_version', '!=', termsId)]))
    .where((eb) =>
      eb.or([eb('users.terms_notified_version', 'is', null), eb('users.terms_notified_version', '!=', termsId)]),
    )
    .execute();
  return rows.map((r) => r.line_user_id);
}

/** Records that these people were told of terms version `termsId` (each is told once per version). */
export async function markTermsNotified(db: Db, lineUserIds: readonly string[], termsId: string): Promise<void> {
  if (lineUserIds.length === 0) return;
  await db
    .updateTable('users')
    .set({ terms_notified_version: termsId })
    .where('line_user_id', 'in', lineUserIds)
    .execute();
}
