import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { openPostgres } from '../../db/postgres-store.js';
import { createLogger } from '../../src/infra/logger.js';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-store.js';
import type { BookedChoice, NewBooking, PreferredChoices } from '../../db/repositories/bookings-repository.js';

export interface TempDatabase {
  db: Db;
  /** The folder holding it, removed after each test. */
  dir: string;
  file: string;
}

/** A migrated database on the run's store: a SQLite file at `file`, or a PostgreSQL database of its own. */
async function openTestDb(file: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (!onPostgres) return { db: await openDatabase({ path: file }), drop: () => Promise.resolve() };
  const database: TestDatabase = await createTestDatabase();
  const { db } = await openPostgres(
    { kind: 'postgres', url: database.url, poolSize: 4, statementTimeoutMs: 30_000 },
    createLogger('silent'),
  );
  return { db, drop: () => database.drop() };
}

/**
 * A fresh, migrated database for each test of the calling file: a SQLite file (WAL,
 * synchronous=FULL, as the product opens it), or on a PostgreSQL run a database of its own.
 * Read the fields inside tests: they change before every test.
 */
export function useTempDatabase(prefix: string): TempDatabase {
  const current = {} as TempDatabase;
  let drop: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => {
    current.dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    current.file = path.join(current.dir, 'db.sqlite');
    ({ db: current.db, drop } = await openTestDb(current.file));
  });
  afterEach(async () => {
    await current.db.destroy();
    await drop();
    fs.rmSync(current.dir, { recursive: true, force: true });
  });
  return current;
}

/** A complete request with made-up personal details; `choices` and identity as the test needs. */
export function sampleRequest(
  id: string,
  lineUserId: string,
  choices: PreferredChoices<BookedChoice>,
  createdAt: string,
): NewBooking {
  return {
    id,
    lineUserId,
    kind: 'regular',
    app: 'zoom',
    name: '青森 花子',
    jobSeekerNumber: '0201-123456',
    email: 'a@example.jp',
    phone: '09012345678',
    interpreter: false,
    choices,
    termsVersion: 't1',
    createdAt,
    replyDue: createdAt,
  };
}
