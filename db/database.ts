import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for throwaway databases. */
  path: string;
  /** How long a statement waits for a lock held by another process before failing, in ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens the SQLite file (creating its folder), sets the durability pragmas the product relies on
 * (WAL, synchronous=FULL: an acknowledged event survives a power cut) and runs pending
 * migrations. Throws when a migration fails, so the server never runs on a half-built schema.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.path !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const sqlite = new SQLite(options.path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return db;
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${reason}`);
  }
}
