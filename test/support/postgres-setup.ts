/**
 * Vitest's global setup: on a PostgreSQL run (DATABASE_URL set), builds the migrated template
 * every test database is cloned from, once, and afterwards drops it with any test database a
 * crashed worker left behind. On a SQLite run it does nothing.
 */
import pg from 'pg';
import { openPostgres } from '../../db/postgres-store.js';
import { createLogger } from '../../src/infra/logger.js';
import { POSTGRES_URL, templateName, urlOf } from './test-store.js';

async function admin(baseUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function dropLeftovers(baseUrl: string): Promise<void> {
  const base = new URL(baseUrl).pathname.slice(1);
  const { rows } = await admin(baseUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${base}\\_t%'`);
  for (const row of rows as { datname: string }[])
    await admin(baseUrl, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  await admin(baseUrl, `DROP DATABASE IF EXISTS "${templateName(baseUrl)}" WITH (FORCE)`);
}

export async function setup(): Promise<void> {
  if (!POSTGRES_URL) return;
  await dropLeftovers(POSTGRES_URL);
  const template = templateName(POSTGRES_URL);
  await admin(POSTGRES_URL, `CREATE DATABASE "${template}"`);
  const store = await openPostgres(
    { kind: 'postgres', url: urlOf(POSTGRES_URL, template), poolSize: 1, statementTimeoutMs: 60_000 },
    createLogger('silent'),
  );
  await store.db.destroy();
}

export async function teardown(): Promise<void> {
  if (POSTGRES_URL) await dropLeftovers(POSTGRES_URL);
}
