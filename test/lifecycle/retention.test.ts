import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { answerUpToDates, bookByButtons } from '../support/booking-flow.js';
import { opened } from '../support/data-key.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const count = async (table: 'inbox' | 'outbox') =>
  (await probe(h).get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n;

describe('retention of personal data in transit', () => {
  it('deletes handled events and sent messages after a week, and keeps the booking itself', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    expect(await count('outbox')).toBeGreaterThan(0);
    await h.app.jobs.purge();
    expect(await count('outbox')).toBeGreaterThan(0); // nothing is a week old yet
    const bookedBy = h.clock.now().toISOString();
    h.clock.advance(8 * 24 * 60 * 60 * 1000);
    await h.app.jobs.purge();
    // Only what the booking left: timed jobs that fell due with the move (its reply deadline) may
    // queue messages of their own now, which are a moment old, not a week.
    expect(await probe(h).get('SELECT count(*) AS n FROM inbox WHERE received_at <= ?', bookedBy)).toEqual({ n: 0 });
    expect(await probe(h).get('SELECT count(*) AS n FROM outbox WHERE created_at <= ?', bookedBy)).toEqual({ n: 0 });
    expect((await probe(h).get<{ n: number }>('SELECT count(*) AS n FROM bookings'))?.n).toBe(1);
  });
});

describe('retention of a booking given up halfway', () => {
  it('deletes the unfinished conversation, with the name and number it had collected, after a week idle', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000003');
    await u.say('予約する');
    await u.tap('同意する');
    await answerUpToDates(u, 'TeleOffice', '青森 花子');
    // The draft is stored encrypted: opened with the product's cipher under the test key.
    const holdsNumber = async () =>
      (await probe(h).all<{ snapshot: string }>('SELECT snapshot FROM conversations')).filter((r) =>
        opened(r.snapshot).includes('02010'),
      ).length;
    expect(await holdsNumber()).toBe(1);
    h.clock.advance(8 * 24 * 60 * 60 * 1000);
    await h.app.jobs.purge();
    expect(await holdsNumber()).toBe(0);
    // The person can simply start again.
    await u.say('予約する');
    expect(u.lastText()).toContain('求職登録');
  });

  it('purges once when the server starts, not only an hour later', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000004');
    await bookByButtons(u, 'TeleOffice');
    h.clock.advance(8 * 24 * 60 * 60 * 1000);
    await h.restart();
    await expect.poll(() => count('outbox')).toBe(0);
  });
});

describe('requests nobody answered', () => {
  it('are closed once both preferred times have passed, and both sides are told', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    h.clock.set(new Date('2026-12-03T01:31:00Z')); // 12/3 10:31 JST, after both choices (10:00, 10:30)
    await h.runJobs();
    await h.settle();
    const status = await probe(h).get<{ status: string; cancel_reason: string }>(
      'SELECT status, cancel_reason FROM bookings',
    );
    expect(status).toEqual({ status: 'cancelled', cancel_reason: 'expired' });
    const toUser = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => JSON.stringify(d.message));
    expect(toUser.at(-1)).toContain('希望日時が過ぎてしまいました');
  });
});

describe('messages LINE would not take', () => {
  it('are given up after 30 days, with the cards they hold, and never sent late', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000005');
    await u.say('予約する');
    const delivered = h.platform.delivered().length;
    h.platform.setDown(503);
    await u.tap('同意する');
    const pending = async () =>
      (await probe(h).get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"))?.n;
    expect(await pending()).toBeGreaterThan(0);
    // Each clock jump makes the waiting messages due; the sender's timer may try them at once.
    // Letting that attempt finish (LINE still down) before the purge keeps an attempt begun
    // before the give-up from landing after LINE is back, which would be a race of the test.
    h.clock.advance(29 * 24 * 60 * 60 * 1000);
    await h.settle();
    await h.app.jobs.purge();
    expect(await pending()).toBeGreaterThan(0); // still trying
    h.clock.advance(2 * 24 * 60 * 60 * 1000);
    await h.settle();
    await h.app.jobs.purge();
    expect(await pending()).toBe(0);
    h.platform.setDown(null);
    await h.settle();
    expect(h.platform.delivered().length).toBe(delivered);
  });
});
