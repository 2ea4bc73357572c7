import type { Db } from '../database.js';
import { officeStateValue } from './office-state-repository.js';

/** What a database has been used with: the fake LINE of demo mode, or a real LINE channel. */
export type DatabaseMode = 'demo' | 'line';

const MODE_KEY = 'database_mode';

/** The mode recorded when the database was first used, or null before (or before modes were recorded). */
export async function recordedDatabaseMode(db: Db): Promise<DatabaseMode | null> {
  const value = await officeStateValue(db, MODE_KEY);
  return value === 'demo' || value === 'line' ? value : null;
}

/** Records `mode` unless one is recorded already (which then stays). */
export async function recordDatabaseMode(db: Db, mode: DatabaseMode, now: string): Promise<void> {
  await db
    .insertInto('office_state')
    .values({ key: MODE_KEY, value: mode, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * True when people have used the database: it holds a LINE account, a webhook event, a booking or
 * a message. A database only started (terms version and its notice job) holds none of these.
 */
export async function holdsActivity(db: Db): Promise<boolean> {
  for (const table of ['users', 'inbox', 'bookings', 'outbox'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.lit(1).as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}
