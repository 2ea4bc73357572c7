import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for throwaway databases. */
  path: string;
  /**
   * How long a statement waits for a lock held by another process before failing, in ms. Short,
   * because better-sqlite3 waits on the event loop: while it waits, nothing else is served, not
   * even the acknowledgements LINE expects within about 2 s. Failing fast answers 503 (LINE sends
   * again) and retries queued events with backoff. Default 250.
   */
  busyTimeoutMs?: number;
  /** Runs before the migrations, on the database as found: a refusal here leaves it untouched. */
  beforeMigrations?: (db: Db) => Promise<void>;
}

/**
 * Opens the SQLite file (creating its folder), sets the durability pragmas the product relies on
 * (WAL, synchronous=FULL: an acknowledged event survives a power cut; shared commits reach the
 * same durability by syncing the log themselves, see wal-sync.ts) and runs pending migrations. Throws when a migration fails, so the server never runs on a half-built schema.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.path !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
    ownerOnly(options.path);
  }
  const sqlite = new SQLite(options.path);
  // Deleted and overwritten content is zeroed in the file, not left in free space for `strings`
  // to find (erased personal data: docs/storage.md).
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // After a checkpoint the log is reused from its start; this trims a file that a burst grew.
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 250)}`);
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await options.beforeMigrations?.(db);
    await migrateToLatest(db);
  } catch (e: unknown) {
    await db.destroy();
    throw e;
  }
  return db;
}

/**
 * The database file, readable and writable by its owner only, whatever the umask: created so
 * before SQLite opens it, and narrowed if it was not. SQLite gives its log and shared-memory
 * files the database file's permissions; ones left from before are narrowed too.
 */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (e: unknown) {
      if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * Kysely prepares every query afresh; the same few dozen statements run for every event, so
 * keep the prepared ones (SQLite compiles each once). Safe: one connection runs one statement at
 * a time, and better-sqlite3 statements may be re-run with new parameters.
 */
function cachePreparedStatements(sqlite: SQLite.Database, max = 256): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source); // re-insert: most recently used last
    } else {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * The main database file as SQLite itself names it (symbolic links followed, as SQLite does when
 * it names the write-ahead log beside it); '' for an in-memory database.
 */
export async function databaseFile(db: Db): Promise<string> {
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return rows[0]?.file ?? '';
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Kysely's error is unknown: some text of it beats none
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${reason}`);
  }
}
