import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDemo } from '../../src/demo/start-demo.js';
import { countRows, readDb, writeDb } from '../support/db-inspect.js';
import { startHarness } from '../support/harness.js';
import { textEvent } from '../support/line-events.js';
import { DEMO_NOW, startDemoHarness } from './demo-harness.js';

const USER = 'U1111111111111111111111111111111a';
/** The demo's first simulated person. */
const HANAKO = 'U00000000000000000000000000de0001';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-mode-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string) =>
  readDb(
    file,
    (db) =>
      (db.prepare("SELECT value FROM office_state WHERE key = 'database_mode'").get() as { value: string } | undefined)
        ?.value,
  );
const demoConfig = (file: string) =>
  loadConfig({ NODE_ENV: 'test', SQLITE_PATH: file, APP_NOW: DEMO_NOW, LOG_LEVEL: 'silent' });

/** A database a server connected to LINE has used: one person wrote, and a message waits to be sent. */
async function realDatabase(file: string): Promise<void> {
  const h = await startHarness({ sqlitePath: file });
  await h.post([textEvent({ userId: USER, text: 'ヘルプ' })]);
  await h.settle();
  await h.stop();
  await h.close();
  // As if the server stopped before it could send: demo mode must not send it to its fake LINE.
  writeDb(file, (db) => db.prepare("UPDATE outbox SET status = 'pending'").run());
}

describe('demo mode and real databases', () => {
  it('should refuse to start demo mode on a database used with real LINE credentials, leaving it as it was', async () => {
    const file = path.join(dir, 'booking.db');
    await realDatabase(file);
    expect(modeOf(file)).toBe('line');
    const before = {
      rows: countRows(file),
      pending: readDb(file, (db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()),
    };

    await expect(startDemo(demoConfig(file), { port: 0 })).rejects.toThrow(
      /booking\.db has been used connected to LINE.*data\/demo\.db/s,
    );
    expect({
      rows: countRows(file),
      pending: readDb(file, (db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()),
    }).toEqual(before);
    expect(modeOf(file)).toBe('line');
  });

  it('should refuse to connect to LINE on a database used in demo mode, so demo data never reaches real users', async () => {
    const file = path.join(dir, 'demo.db');
    const demo = await startDemoHarness({ SQLITE_PATH: file });
    expect((await demo.post('send', { chat: HANAKO, kind: 'follow' })).status).toBe(200);
    await demo.settle();
    await demo.demo.close();
    expect(countRows(file).outbox).toBeGreaterThan(0);
    expect(modeOf(file)).toBe('demo');

    await expect(startHarness({ sqlitePath: file })).rejects.toThrow(/demo\.db holds demo data/);
    expect(modeOf(file)).toBe('demo');
  });

  it('should take a used database from before modes were recorded as real: demo mode refuses it, a connected server claims it', async () => {
    const file = path.join(dir, 'old.db');
    await realDatabase(file);
    writeDb(file, (db) => db.prepare("DELETE FROM office_state WHERE key = 'database_mode'").run());

    await expect(startDemo(demoConfig(file), { port: 0 })).rejects.toThrow(/may be real/);
    expect(modeOf(file)).toBeUndefined();
    // The connected server takes it, and says so: an old demo database cannot be told apart.
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const h = await startHarness({ sqlitePath: file, logger });
    await h.close();
    expect(modeOf(file)).toBe('line');
    expect(lines.join('')).toContain('recorded as connected to LINE');
    // Once recorded, it is simply its own database: no warning.
    lines.length = 0;
    const again = await startHarness({ sqlitePath: file, logger });
    await again.close();
    expect(lines.join('')).not.toContain('recorded as connected to LINE');
  });
});
