import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../support/db-inspect.js';
import { ChatDriver } from '../support/chat-driver.js';
import { startHarness, STAFF_API_TOKEN, type Harness } from '../support/harness.js';
import { callStaffApi } from '../support/staff-api.js';
import { textEvent } from '../support/line-events.js';
import { onPostgres } from '../support/test-store.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close().catch(() => undefined);
  h = undefined;
});

// SQLite only: it fails the fsync of SQLite's write-ahead log; PostgreSQL syncs its own WAL on the server.
describe.skipIf(onPostgres)('the disk fails a sync', () => {
  it('refuses every write from then on, says so once, sends nothing more, and still shuts down', async () => {
    // Syncs from this many on fail (Infinity: none do).
    let failFrom = Number.POSITIVE_INFINITY;
    let syncs = 0;
    const failures: unknown[] = [];
    h = await startHarness({
      app: {
        walSync: {
          fdatasync: (fd, done) =>
            (syncs += 1) >= failFrom
              ? done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
              : fs.fdatasync(fd, done),
        },
        onStorageFailure: (e) => failures.push(e),
        // The test counts syncs to fail a chosen commit: no timed job may commit in between.
        jobTimer: false,
      },
    });
    const u = new ChatDriver(h, 'Ustorage000000000000000000000000a1');
    await u.say('予約する');
    expect(u.lastText()).toContain('利用規約');
    const sent = h.platform.delivered().length;

    // The event is accepted (its sync works); the sync of the turn that answers it fails, after
    // that answer was committed: it must not be sent, since the disk may not have it.
    failFrom = syncs + 2;
    expect(
      (await h.post([textEvent({ userId: 'Ustorage000000000000000000000000a1', text: '同意します' })])).status,
    ).toBe(200);
    await expect.poll(() => failures.length).toBe(1);
    failFrom = Number.POSITIVE_INFINITY; // even if the disk seems to recover, nothing more is trusted
    // Webhooks are not acknowledged: LINE keeps the events and sends them again later.
    expect((await h.post([textEvent({ userId: 'Ustorage000000000000000000000000a2', text: '予約する' })])).status).toBe(
      503,
    );
    // A staff change is refused before it runs, so 503 means nothing was changed.
    const res = await callStaffApi(h, 'PUT', '/api/closures/2026-12-24', { note: '点検', by: '山田' });
    expect(res.status).toBe(503);
    const closures = await fetch(`${h.baseUrl}/api/closures`, {
      headers: { authorization: `Bearer ${STAFF_API_TOKEN}` },
    });
    expect(closures.status).toBe(503);
    expect((await probe(h).get<{ n: number }>('SELECT count(*) AS n FROM closures'))?.n).toBe(0);
    // The answer that was committed but not synced is there, unsent.
    expect(
      (await probe(h).get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"))?.n,
    ).toBeGreaterThan(0);
    expect(h.platform.delivered().length).toBe(sent);
    // Shutting down does not hang on messages that can no longer be sent.
    const closed = await Promise.race([
      h.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('hung'), 5000)),
    ]);
    expect(closed).toBe('closed');
    h = undefined;
    expect(failures).toHaveLength(1);
  });
});
