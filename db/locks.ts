import { sql } from 'kysely';
import type { Db } from './database.js';
import { onPostgres } from './migrations/dialect.js';

/**
 * The two locks that keep several server processes on one PostgreSQL database as safe as one
 * process on a SQLite file (docs/storage.md). Both are transaction-scoped advisory locks: taken
 * inside the caller's transaction, released by its commit or rollback, also when the process
 * dies. On SQLite there is one writer at a time anyway, so both are no-ops there.
 *
 * Always in this order within one transaction: a chat (the staff group's, then a person's), then
 * the places. PostgreSQL detects a cycle anyway and the committer runs the loser again.
 */

/**
 * One chat's work at a time, across processes: a person's events, and every change to a
 * booking of theirs (staff, timed jobs), so nothing is decided on a booking or a conversation
 * that another transaction is changing. The caller reads what it decides on after the lock.
 * Returns true when it locked (PostgreSQL): a row read before the lock may be out of date.
 */
export async function lockChat(db: Db, chatKey: string): Promise<boolean> {
  if (!onPostgres(db)) return false;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`chat:${chatKey}`}, 0))`.execute(db);
  return true;
}

/**
 * One transaction at a time may take places in slots, from counting them to committing. Returns
 * true when it locked (PostgreSQL): counts read before the lock may be out of date, so the caller
 * counts again; false on SQLite, where nothing can have changed them meanwhile.
 */
export async function lockPlaces(db: Db): Promise<boolean> {
  if (!onPostgres(db)) return false;
  await sql`select pg_advisory_xact_lock(hashtextextended('places', 0))`.execute(db);
  return true;
}

/**
 * What the transaction decided on changed under it (another process took the last place): the
 * committer runs the whole transaction again, which then decides on what is there now. Carries
 * PostgreSQL's own code for such a conflict.
 */
export class ConcurrentChange extends Error {
  override readonly name = 'ConcurrentChange';
  readonly code = '40001';
}
