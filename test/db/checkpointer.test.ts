import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../db/checkpointer.js';
import { openDatabase, type Db } from '../../db/database.js';
import { createLogger } from '../../src/infra/logger.js';

let dir: string;
let file: string;
let db: Db;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
  file = path.join(dir, 'db.sqlite');
  db = await openDatabase({ path: file });
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const logger = createLogger('silent');
/** vi.waitFor gives up after 1 s by default; a worker thread starting on a loaded machine can take longer. */
const WAIT = { timeout: 15_000, interval: 20 };
const autocheckpoint = async () =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint;
async function writeSome(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await db
      .insertInto('closures')
      .values({ date: `2027-01-${String(i + 1).padStart(2, '0')}`, note: 'x'.repeat(2000), created_at: 'now' })
      .execute();
  }
}

describe('checkpoints on a worker thread', () => {
  it('copies the whole log into the database file while the main connection checkpoints on commit only past a cap', async () => {
    const checkpointer = await startCheckpointer(db, { path: file, logger, intervalMs: 60_000 });
    try {
      await writeSome(20);
      const result = await checkpointer.checkpoint();
      expect(await autocheckpoint()).toBe(10_000);
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
      // The rows are now in the database file itself (20 rows of 2 KB).
      expect(fs.statSync(file).size).toBeGreaterThan(40_000);
    } finally {
      await checkpointer.stop();
    }
    expect(await autocheckpoint()).toBe(1000);
  });

  it('starts no thread while the log stays small, and SQLite keeps its own checkpoint meanwhile', async () => {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const checkpointer = await startCheckpointer(db, { path: file, logger, intervalMs: 20 });
    try {
      await writeSome(5);
      // Ten ticks and more: none found a log worth a thread.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await autocheckpoint()).toBe(1000);
    } finally {
      await checkpointer.stop();
    }
  });

  it('checkpoints on its timer without being asked once the log has grown', async () => {
    const checkpointer = await startCheckpointer(db, { path: file, logger, intervalMs: 20, startBytes: 1 });
    try {
      const before = fs.statSync(file).size;
      await writeSome(10);
      // The rows reach the database file itself only through a checkpoint (the main connection's
      // cap is far away): its growth shows the timer's checkpoint ran.
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 15_000), WAIT);
    } finally {
      await checkpointer.stop();
    }
  });

  it('gives the main connection its automatic checkpoint back when the worker cannot run', async () => {
    const checkpointer = await startCheckpointer(db, {
      path: path.join(dir, 'missing', 'no.sqlite'),
      logger,
      intervalMs: 60_000,
    });
    await expect(checkpointer.checkpoint()).rejects.toThrow(/checkpoint worker stopped/);
    await vi.waitFor(async () => expect(await autocheckpoint()).toBe(1000), WAIT);
    await expect(checkpointer.checkpoint()).rejects.toThrow(/not running/);
    await checkpointer.stop();
  });

  it('keeps the log from growing without end when commits never stop', async () => {
    // The log starts empty: what the migrations wrote when the file was made (more with each
    // migration) is not what this measures.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    // The timer never fires here: only the cap keeps the log short.
    const checkpointer = await startCheckpointer(db, { path: file, logger, intervalMs: 60_000, capPages: 100 });
    try {
      await checkpointer.checkpoint(); // starts the worker, and with it the cap
      for (let i = 0; i < 1000; i += 1)
        await db
          .insertInto('closures')
          .values({ date: `d${i}`, note: 'x'.repeat(2000), created_at: 'now' })
          .execute();
      // 1,000 rows of 2 KB went through it; the log was started over near 100 pages (400 KiB).
      expect(fs.statSync(`${file}-wal`).size).toBeLessThan(1_000_000);
    } finally {
      await checkpointer.stop();
    }
  });

  it('lets a process that is shutting down stop it and close the database', () => {
    // In its own process: nothing else holds the event loop, as when the server closes.
    const fixture = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'checkpointer-shutdown.ts');
    const out = execFileSync(process.execPath, ['--import', 'tsx', fixture, path.join(dir, 'own.sqlite')], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(out.trim()).toBe('closed');
  });
});
