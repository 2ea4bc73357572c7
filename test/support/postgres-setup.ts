/**
 * Vitest's global setup: on a PostgreSQL run (DATABASE_URL set), builds the migrated template
 * every test database of this run is cloned from, once, under a name of this run's own, and
 * afterwards drops it with any test database of this run a test left behind. On a SQLite run it
 * does nothing.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../db/postgres-store.js';
import { createLogger } from '../../src/infra/logger.js';
import { dropDatabase, POSTGRES_URL, runPrefix, templateOf, urlOf, withAdmin } from './test-store.js';

const admin = (baseUrl: string, sql: string): Promise<pg.QueryResult> => withAdmin(baseUrl, (c) => c.query(sql));

async function dropRun(baseUrl: string, prefix: string): Promise<void> {
  const { rows } = await admin(
    baseUrl,
    `SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}_') AND datname <> '${templateOf(prefix)}'`,
  );
  for (const row of rows as { datname: string }[]) await dropDatabase(baseUrl, row.datname);
  await dropDatabase(baseUrl, templateOf(prefix));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('postgresRunPrefix', '');
  if (!POSTGRES_URL) return () => Promise.resolve();
  const baseUrl = POSTGRES_URL;
  const prefix = runPrefix(baseUrl, `r${randomBytes(4).toString('hex')}`);
  project.provide('postgresRunPrefix', prefix);
  const template = templateOf(prefix);
  await admin(baseUrl, `CREATE DATABASE "${template}"`);
  const store = await openPostgres(
    { kind: 'postgres', url: urlOf(baseUrl, template), poolSize: 1, statementTimeoutMs: 60_000 },
    createLogger('silent'),
  );
  await store.db.destroy();
  return () => dropRun(baseUrl, prefix);
}
