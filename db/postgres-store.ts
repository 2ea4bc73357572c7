import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Logger } from '../src/infra/logger.js';
import { migrateToLatest, type Db } from './database.js';
import type { Database } from './schema.js';
import type { PostgresStoreConfig } from './store-config.js';
import { createTransactionCommitter } from './transaction-committer.js';
import type { Committer } from './committer.js';

/** The database could not be opened; the message names DATABASE_URL and says what to check. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/**
 * Counts come back from PostgreSQL as 64-bit integers and averages as numerics, which `pg` gives
 * as strings; every count here is far below 2^53, so they are read as numbers, as SQLite gives them.
 * Set on this pool's connections only, not on the `pg` module for the whole process.
 */
const NUMBER_TYPES = new Set([20 /* int8 */, 1700 /* numeric */]);
export const numberReadingTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    NUMBER_TYPES.has(oid) ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function partsOf(url: string): { where: string; user: string; database: string } | null {
  try {
    const u = new URL(url);
    return {
      where: `${u.hostname || 'localhost'}:${u.port || '5432'}`,
      user: decodeURIComponent(u.username),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    };
  } catch {
    return null;
  }
}

/** What went wrong, said against DATABASE_URL, without its password. */
export function describeConnectError(error: unknown, url: string): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const parts = partsOf(url);
  if (!parts) return 'DATABASE_URL: expected postgres://user:password@host:port/database';
  const { where, user, database } = parts;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code))
    return `DATABASE_URL: cannot reach the PostgreSQL server at ${where} (${code}); is it running, and are the host and port right?`;
  if (code === '28P01' || code === '28000')
    return `DATABASE_URL: the PostgreSQL server at ${where} refused the user "${user}" (wrong user name or password)`;
  if (code === '3D000')
    return `DATABASE_URL: the database "${database}" does not exist on ${where}; create it first (see "PostgreSQL" in README.md)`;
  const message = typeof e?.message === 'string' ? e.message : 'unknown error';
  if (/timeout/i.test(message))
    return `DATABASE_URL: no answer from the PostgreSQL server at ${where} in time; is it running and reachable?`;
  return `DATABASE_URL: could not open the PostgreSQL database at ${where}: ${message}`;
}

/** Work on a database being opened: before its migrations (nothing touched yet), and after them. */
export interface StoreHooks {
  beforeMigrations?: (db: Db) => Promise<void>;
  /** Returns the instance the server then uses (with the cipher installed). */
  afterMigrations?: (db: Db) => Promise<Db>;
}

export interface PostgresHandle {
  db: Db;
  committer: Committer;
}

/**
 * Connects to PostgreSQL, checks the connection (so a wrong DATABASE_URL stops start-up with a
 * clear message) and brings the schema up to date. The migrations run in one transaction under
 * an advisory lock (Kysely's own), so processes starting at once take turns and the second finds
 * nothing left to do.
 */
export async function openPostgres(
  config: PostgresStoreConfig,
  logger: Logger,
  hooks: StoreHooks = {},
): Promise<PostgresHandle> {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    statement_timeout: config.statementTimeoutMs,
    // A lock held elsewhere (a long manual statement) fails a write after 2 s instead of holding a
    // webhook past LINE's patience: it is answered 503 and LINE sends it again.
    lock_timeout: Math.min(2000, config.statementTimeoutMs),
    // A transaction left open by a stuck client would hold its locks for ever.
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'aomori-consultation-bot',
    types: numberReadingTypes,
  });
  // An idle connection the server closed (a restart, a failover) must not take the process with it.
  pool.on('error', (error: Error & { code?: string }) => {
    logger.warn({ code: error.code ?? null }, 'an idle database connection was lost; the pool opens another');
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error: unknown) {
    await pool.end().catch(() => undefined);
    throw new StoreOpenError(describeConnectError(error, config.url));
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let ready: Db;
  try {
    await hooks.beforeMigrations?.(db);
    await migrateToLatest(db);
    ready = hooks.afterMigrations ? await hooks.afterMigrations(db) : db;
  } catch (error: unknown) {
    await db.destroy();
    throw error;
  }
  return { db: ready, committer: createTransactionCommitter(ready) };
}
