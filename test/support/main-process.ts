/**
 * The real server as production starts it (src/main.ts), in a process of its own, on the run's
 * store (a SQLite file, or a PostgreSQL database of the test's own) and against a fake LINE
 * platform: for tests of what happens to the process itself (killed, stopped while LINE hangs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startServerChild, type ServerChild } from '../../bench/child-process.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { TEST_DATA_KEY } from './data-key.js';
import type { DatabaseLocation } from './db-inspect.js';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-store.js';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

export interface MainProcessSetup {
  /** The channel secret the server checks webhook signatures with. */
  readonly secret: string;
  /** Where the server stores its data, for the test to read it. */
  readonly where: DatabaseLocation;
  readonly platform: FakeLinePlatform;
  /** Starts the server (on `port`, or one of the system's choosing); the last one started is stopped after the test. */
  start(port?: number): Promise<ServerChild>;
}

/** A fresh store and platform before each test of the file, and all of it gone after. */
export function useMainProcess(name: string): MainProcessSetup {
  let dir = '';
  let database: TestDatabase | undefined;
  let where: DatabaseLocation | undefined;
  let platform: FakeLinePlatform | undefined;
  let latest: ServerChild | undefined;
  const token = `${name}-token`;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    database = onPostgres ? await createTestDatabase() : undefined;
    where = { sqlitePath: path.join(dir, 'db.sqlite'), databaseUrl: database?.url };
    platform = await startFakeLinePlatform({ channelAccessToken: token });
  });
  afterEach(async () => {
    await latest?.stop();
    latest = undefined;
    await platform?.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const setup: MainProcessSetup = {
    secret: `${name}-secret`,
    get where() {
      if (!where) throw new Error('useMainProcess: only inside a test');
      return where;
    },
    get platform() {
      if (!platform) throw new Error('useMainProcess: only inside a test');
      return platform;
    },
    async start(port = 0) {
      latest = await startServerChild(MAIN, {
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
        // The test reads what the server stored, encrypted under this key (docs/storage.md).
        DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
        LINE_CHANNEL_SECRET: setup.secret,
        LINE_CHANNEL_ACCESS_TOKEN: token,
        LINE_API_BASE_URL: setup.platform.url,
        LINE_DATA_API_BASE_URL: setup.platform.url,
        STAFF_GROUP_ID: 'Cstaffgroup000000000000000000000',
        SQLITE_PATH: database ? undefined : setup.where.sqlitePath,
        DATABASE_URL: database?.url,
      });
      return latest;
    },
  };
  return setup;
}
