import type { Db } from '../database.js';

/** A signed-in console session. `idHash` is the SHA-256 of the cookie value, never the value. */
export interface StaffSession {
  idHash: string;
  accountId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export async function createStaffSession(db: Db, s: StaffSession): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({
      id_hash: s.idHash,
      account_id: s.accountId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
    })
    .execute();
}

export async function staffSessionOf(db: Db, idHash: string): Promise<StaffSession | undefined> {
  const r = await db.selectFrom('staff_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return r
    ? {
        idHash: r.id_hash,
        accountId: r.account_id,
        csrfToken: r.csrf_token,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
      }
    : undefined;
}

/** Marks the session as used now, which restarts its idle time. */
export async function touchStaffSession(db: Db, idHash: string, now: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteStaffSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account (it was disabled, or its password was reset). */
export async function deleteSessionsOf(db: Db, accountId: number): Promise<void> {
  await db.deleteFrom('staff_sessions').where('account_id', '=', accountId).execute();
}
