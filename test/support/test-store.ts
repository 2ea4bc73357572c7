/**
 * Which store the suite runs on. `npm test` uses SQLite files; with DATABASE_URL set (as CI's
 * second pass does: see .ci/run) every test that opens a database gets a PostgreSQL database of
 * its own instead, cloned from a migrated template (test/support/postgres-setup.ts), and drops it
 * afterwards. The URL names a database the test role may connect to; the role needs CREATEDB.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's prefix for database names (test/support/postgres-setup.ts), '' on SQLite. */
    postgresRunPrefix: string;
  }
}

/** The PostgreSQL server the suite runs on, or undefined on SQLite. */
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;
export const onPostgres = POSTGRES_URL !== undefined;

/**
 * Every database of one run is named `<base>_<run id>_...`, so two runs on the same server (two
 * terminals, say) never touch each other's databases.
 */
export function runPrefix(baseUrl: string, runId: string): string {
  return `${new URL(baseUrl).pathname.slice(1)}_${runId}`;
}

export const templateOf = (prefix: string): string => `${prefix}_template`;

/** This run's prefix, as the global setup provided it. */
const currentPrefix = (): string => inject('postgresRunPrefix');

/** The same server and role, another database. */
export function urlOf(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. An autovacuum worker (a superuser's process) busy in it cannot be ended
 * by the test role, so the drop is tried again a few times; one still refused is left for the
 * run's own clean-up (postgres-setup.ts), rather than failing the test that used it.
 */
export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  for (let tried = 1; ; tried += 1) {
    try {
      await withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch {
      if (tried >= 5) return;
      await new Promise((resolve) => setTimeout(resolve, 200 * tried));
    }
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of this run, new, as a copy of `template` or (without one) with no tables at all. */
async function createDatabase(baseUrl: string, template?: string): Promise<TestDatabase> {
  const name = `${currentPrefix()}_t${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return { url: urlOf(baseUrl, name), drop: () => dropDatabase(baseUrl, name) };
}

/** A new database with no tables at all (to watch the migrations run). */
export const createEmptyDatabase = (baseUrl: string = POSTGRES_URL!): Promise<TestDatabase> => createDatabase(baseUrl);

/** A fresh, migrated PostgreSQL database for one test (or one harness). */
export const createTestDatabase = (baseUrl: string = POSTGRES_URL!): Promise<TestDatabase> =>
  createDatabase(baseUrl, templateOf(currentPrefix()));
