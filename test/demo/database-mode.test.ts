import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDemo } from '../../src/demo/start-demo.js';
import { TEST_DATA_KEY } from '../support/data-key.js';
import { countRows, probe, type DatabaseLocation } from '../support/db-inspect.js';
import { startHarness, type HarnessOptions } from '../support/harness.js';
import { textEvent } from '../support/line-events.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-store.js';
import { DEMO_NOW, startDemoHarness } from './demo-harness.js';

const USER = 'U1111111111111111111111111111111a';
/** The demo's first simulated person. */
const HANAKO = 'U00000000000000000000000000de0001';

let dir: string;
let databases: TestDatabase[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-mode-'));
});
afterEach(async () => {
  for (const d of databases) await d.drop();
  databases = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database of the test's own: the named SQLite file, or on a PostgreSQL run a new database. */
async function databaseNamed(file: string): Promise<DatabaseLocation> {
  const sqlitePath = path.join(dir, file);
  if (!onPostgres) return { sqlitePath };
  const d = await createTestDatabase();
  databases.push(d);
  return { sqlitePath, databaseUrl: d.url };
}

/** How the refusals name the database: the file, or the PostgreSQL database. */
const nameOf = (at: DatabaseLocation) =>
  (at.databaseUrl ? new URL(at.databaseUrl).pathname.slice(1) : path.basename(at.sqlitePath)).replace(/\./g, '\\.');

/**
 * The variable that points a server at the database ('' leaves SQLITE_PATH unset). On PostgreSQL
 * the servers' data key is given: demo mode would otherwise keep its own in data/ beside the repository.
 */
const storeEnv = (at: DatabaseLocation): Record<string, string> =>
  at.databaseUrl
    ? { SQLITE_PATH: '', DATABASE_URL: at.databaseUrl, DATA_ENCRYPTION_KEY: TEST_DATA_KEY }
    : { SQLITE_PATH: at.sqlitePath };

/** A server connected to (the fake) LINE on the database. */
const connectedServer = (at: DatabaseLocation, options: HarnessOptions = {}) =>
  startHarness(
    at.databaseUrl ? { ...options, env: { DATABASE_URL: at.databaseUrl } } : { ...options, sqlitePath: at.sqlitePath },
  );

const modeOf = async (at: DatabaseLocation) =>
  (await probe(at).get<{ value: string }>("SELECT value FROM office_state WHERE key = 'database_mode'"))?.value;
const pendingOf = (at: DatabaseLocation) =>
  probe(at).get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
const demoConfig = (at: DatabaseLocation) =>
  loadConfig({ NODE_ENV: 'test', ...storeEnv(at), APP_NOW: DEMO_NOW, LOG_LEVEL: 'silent' });

/** A database a server connected to LINE has used: one person wrote, and a message waits to be sent. */
async function realDatabase(at: DatabaseLocation): Promise<void> {
  const h = await connectedServer(at);
  await h.post([textEvent({ userId: USER, text: 'ヘルプ' })]);
  await h.settle();
  await h.stop();
  await h.close();
  // As if the server stopped before it could send: demo mode must not send it to its fake LINE.
  await probe(at).run("UPDATE outbox SET status = 'pending'");
}

describe('demo mode and real databases', () => {
  it('should refuse to start demo mode on a database used with real LINE credentials, leaving it as it was', async () => {
    const at = await databaseNamed('booking.db');
    await realDatabase(at);
    expect(await modeOf(at)).toBe('line');
    const before = { rows: await countRows(at), pending: await pendingOf(at) };

    await expect(startDemo(demoConfig(at), { port: 0 })).rejects.toThrow(
      new RegExp(`${nameOf(at)} has been used connected to LINE.*data/demo\\.db`, 's'),
    );
    expect({ rows: await countRows(at), pending: await pendingOf(at) }).toEqual(before);
    expect(await modeOf(at)).toBe('line');
  });

  it('should refuse to connect to LINE on a database used in demo mode, so demo data never reaches real users', async () => {
    const at = await databaseNamed('demo.db');
    const demo = await startDemoHarness(storeEnv(at));
    expect((await demo.post('send', { chat: HANAKO, kind: 'follow' })).status).toBe(200);
    await demo.settle();
    await demo.demo.close();
    expect((await countRows(at)).outbox).toBeGreaterThan(0);
    expect(await modeOf(at)).toBe('demo');

    await expect(connectedServer(at)).rejects.toThrow(new RegExp(`${nameOf(at)} holds demo data`));
    expect(await modeOf(at)).toBe('demo');
  });

  it('should take a used database from before modes were recorded as real: demo mode refuses it, a connected server claims it', async () => {
    const at = await databaseNamed('old.db');
    await realDatabase(at);
    await probe(at).run("DELETE FROM office_state WHERE key = 'database_mode'");

    await expect(startDemo(demoConfig(at), { port: 0 })).rejects.toThrow(/may be real/);
    expect(await modeOf(at)).toBeUndefined();
    // The connected server takes it, and says so: an old demo database cannot be told apart.
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const h = await connectedServer(at, { logger });
    await h.close();
    expect(await modeOf(at)).toBe('line');
    expect(lines.join('')).toContain('recorded as connected to LINE');
    // Once recorded, it is simply its own database: no warning.
    lines.length = 0;
    const again = await connectedServer(at, { logger });
    await again.close();
    expect(lines.join('')).not.toContain('recorded as connected to LINE');
  });
});
