/**
 * A PostgreSQL database of its own for one measured run: created fresh (the server children
 * migrate it as production would), measured from outside (size, transaction counts), dropped
 * afterwards. Admin statements go through the database named in --database-url, never through
 * the one being measured, so they do not count in its statistics.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeConnectError } from '../db/postgres-store.js';
import type { DatabaseUrlSource } from './options.js';

/** Transactions of one database as pg_stat_database counts them. */
export interface TransactionCounts {
  committed: number;
  rolledBack: number;
  deadlocks: number;
}

export interface BenchDatabase {
  /** DATABASE_URL for the server children. */
  url: string;
  sizeMb(): Promise<number>;
  /** Counts since the database was created; waits first for its connections to close, which flushes their statistics. */
  transactionsAfterClose(): Promise<TransactionCounts>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL without its password, for the report and the JSON figures. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/**
 * Checks before any run that the PostgreSQL server answers, so a wrong URL stops the benchmark at
 * once with one line naming the flag or variable it came from, not minutes later.
 */
export async function checkPostgresReachable(url: string, source: DatabaseUrlSource): Promise<void> {
  const origin =
    source === 'default'
      ? `--database-url / BENCH_DATABASE_URL (neither set, so the default ${withoutPassword(url)})`
      : source;
  let mayCreate: boolean;
  try {
    mayCreate = await withClient(url, (c) =>
      c
        .query<{ may: boolean }>('SELECT rolcreatedb OR rolsuper AS may FROM pg_roles WHERE rolname = current_user')
        .then(({ rows }) => rows[0]?.may === true),
    );
  } catch (error: unknown) {
    throw new Error(describeConnectError(error, url).replace(/^DATABASE_URL/, origin), { cause: error });
  }
  if (!mayCreate)
    throw new Error(
      `${origin}: the role in ${withoutPassword(url)} may not create databases; every PostgreSQL run needs one of its own (ALTER ROLE ... CREATEDB)`,
    );
}

const CLOSE_WAIT_MS = 5_000;

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const counts = (c: pg.Client) =>
    c
      .query<{ committed: string; rolled_back: string; deadlocks: string }>(
        'SELECT xact_commit AS committed, xact_rollback AS rolled_back, deadlocks FROM pg_stat_database WHERE datname = $1',
        [name],
      )
      .then(({ rows: [r] }) => ({
        committed: Number(r?.committed ?? 0),
        rolledBack: Number(r?.rolled_back ?? 0),
        deadlocks: Number(r?.deadlocks ?? 0),
      }));
  // A new database's statistics should start at zero; subtracting what is there makes sure.
  const atStart = await withClient(adminUrl, counts);
  return {
    url: url.toString(),
    sizeMb: () =>
      withClient(adminUrl, (c) => c.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [name])).then(
        ({ rows: [r] }) => Number(r?.bytes ?? Number.NaN) / 2 ** 20,
      ),
    transactionsAfterClose: () =>
      withClient(adminUrl, async (c) => {
        // A backend hands its last statistics over as it exits.
        const until = Date.now() + CLOSE_WAIT_MS;
        for (;;) {
          const { rows } = await c.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (Number(rows[0]?.n ?? 0) === 0 || Date.now() > until) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const now = await counts(c);
        return {
          committed: now.committed - atStart.committed,
          rolledBack: now.rolledBack - atStart.rolledBack,
          deadlocks: now.deadlocks - atStart.deadlocks,
        };
      }),
    drop: () =>
      withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
