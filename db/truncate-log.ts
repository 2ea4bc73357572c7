import { sql } from 'kysely';
import type { Db } from './database.js';
import { onPostgres } from './migrations/dialect.js';

/**
 * After erasing personal data: the write-ahead log still holds the pages as they were before,
 * erased values included, until a checkpoint copies the new pages into the database and the log
 * is emptied. TRUNCATE does both (the erased values' own pages were zeroed by `secure_delete`,
 * db/database.ts). PostgreSQL manages its own files; nothing to do there. Returns false when a
 * reader held the log so it could not be emptied this time (the next pass tries again).
 */
export async function truncateLog(db: Db): Promise<boolean> {
  if (onPostgres(db)) return true;
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
