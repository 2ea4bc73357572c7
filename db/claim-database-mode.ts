import type { Db } from './database.js';
import { holdsActivity, recordDatabaseMode, recordedDatabaseMode } from './repositories/database-mode-repository.js';
import { decideDatabaseMode, type DatabaseMode, type DatabasePlace } from './database-mode.js';

/** The database belongs to the other mode; the message says which file and what to do. */
export class DatabaseModeError extends Error {
  override readonly name = 'DatabaseModeError';
}

/**
 * Records `mode` in a database used for the first time, or throws DatabaseModeError if the
 * database belongs to the other mode (see decideDatabaseMode). Runs before anything reads the
 * inbox, the outbox or the jobs, so a refused database is left exactly as it was. Returns true
 * when it adopted a database that already held data from before modes were recorded: the caller
 * says so, since an old demo database at the old shared default path cannot be told apart.
 */
export async function claimDatabaseMode(
  db: Db,
  mode: DatabaseMode,
  place: DatabasePlace,
  now: string,
): Promise<boolean> {
  const facts = { recorded: await recordedDatabaseMode(db), active: await holdsActivity(db) };
  const decision = decideDatabaseMode(mode, facts, place);
  if (!decision.ok) throw new DatabaseModeError(decision.reason);
  if (decision.record) await recordDatabaseMode(db, mode, now);
  return decision.record && facts.active;
}

/**
 * The refusal of claimDatabaseMode, read only, for a database as found before its migrations:
 * checked before the data key, so a database of the other mode is refused for that reason (what
 * to do about it) rather than for holding data under another key. A new database passes.
 */
export async function refuseOtherMode(db: Db, mode: DatabaseMode, place: DatabasePlace): Promise<void> {
  const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
  if (!tables.has('office_state') || !['users', 'inbox', 'bookings', 'outbox'].every((t) => tables.has(t))) return;
  const facts = { recorded: await recordedDatabaseMode(db), active: await holdsActivity(db) };
  const decision = decideDatabaseMode(mode, facts, place);
  if (!decision.ok) throw new DatabaseModeError(decision.reason);
}
