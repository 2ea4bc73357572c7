import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { textEvent } from '../support/line-events.js';
import { onPostgres } from '../support/test-store.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process (an operator's shell, a backup tool) takes the write lock; resolves once it holds it. */
function holdWriteLock(sqlitePath: string): Promise<{ release(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D = require(${JSON.stringify(betterSqlite)}); const db = new D(${JSON.stringify(sqlitePath)}); db.exec('BEGIN IMMEDIATE'); console.log('locked'); process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      if (String(d).includes('locked')) {
        resolve({
          release: async () => {
            child.stdin.write('go\n');
            await exited;
          },
        });
      }
    });
  });
}

// SQLite only: SQLite's one write lock held by another connection (busy_timeout); PostgreSQL has no such lock.
describe.skipIf(onPostgres)('while another process holds the database write lock', () => {
  it('answers webhooks 503 at once instead of freezing, and takes the redelivery once the lock is gone', async () => {
    const userId = 'Ubusy000000000000000000000000000001';
    const event = textEvent({ userId, text: '予約する', replyToken: h.platform.issueReplyToken(userId) });
    const lock = await holdWriteLock(h.sqlitePath);
    try {
      // Without a short wait for the lock, this request would sit until the lock went away.
      const refused = await Promise.race([
        h.post([event]).then((r) => r.status),
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 1500)),
      ]);
      expect(refused).toBe(503);
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await lock.release();
    }
    // LINE sends it again; now it is stored and answered.
    expect((await h.post([{ ...event, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    await h.settle();
    expect(h.platform.delivered().filter((d) => d.to === userId).length).toBeGreaterThan(0);
  });
});
