import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import type { BookedChoice, NewBooking, PreferredChoices } from '../../db/repositories/bookings-repository.js';

export interface TempDatabase {
  db: Db;
  /** The folder holding it, removed after each test. */
  dir: string;
  file: string;
}

/**
 * A fresh, migrated SQLite file (WAL, synchronous=FULL, as the product opens it) for each test of
 * the calling file. Read the fields inside tests: they change before every test.
 */
export function useTempDatabase(prefix: string): TempDatabase {
  const current = {} as TempDatabase;
  beforeEach(async () => {
    current.dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    current.file = path.join(current.dir, 'db.sqlite');
    current.db = await openDatabase({ path: current.file });
  });
  afterEach(async () => {
    await current.db.destroy();
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
