import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../support/db-inspect.js';
import { TEST_SECRET } from '../support/harness.js';
import { startHarnessWithLogs, type HarnessWithLogs } from '../support/harness-with-logs.js';
import { signedWebhookRequest, textEvent } from '../support/line-events.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let h: HarnessWithLogs;
beforeAll(async () => {
  h = await startHarnessWithLogs({ now: '2026-12-01T00:00:00Z', level: 'debug' });
});
afterAll(async () => {
  await h.close();
});

/** Posts exactly these bytes, as someone who captured a signed body would. */
async function postBody(signed: { body: string; headers: Record<string, string> }): Promise<number> {
  const res = await fetch(`${h.baseUrl}/webhook`, { method: 'POST', body: signed.body, headers: signed.headers });
  await res.arrayBuffer();
  return res.status;
}

const answersTo = (userId: string) => h.platform.delivered().filter((d) => d.to === userId).length;
const inboxRows = async (id: string) =>
  (await probe(h).get<{ n: number }>('SELECT count(*) AS n FROM inbox WHERE webhook_event_id = ?', id))!.n;

describe('old webhook events', () => {
  it('should not answer a signed body replayed after its inbox row was purged, but still answer 200', async () => {
    const user = 'Ureplay00000000000000000000000001';
    const event = textEvent({ userId: user, text: 'ヘルプ', timestamp: h.clock.now().getTime() });
    const signed = signedWebhookRequest(TEST_SECRET, [event]);
    expect(await postBody(signed)).toBe(200);
    await h.settle();
    expect(answersTo(user)).toBe(1);

    // Eight days on, the inbox no longer remembers the event id.
    h.clock.advance(8 * DAY);
    await h.app.jobs.purge();
    expect(await inboxRows(event.webhookEventId)).toBe(0);

    expect(await postBody(signed)).toBe(200);
    await h.settle();
    expect(answersTo(user)).toBe(1);
    expect(await inboxRows(event.webhookEventId)).toBe(0);
    const warning = h
      .logLines()
      .find((l) => l.msg === 'webhook events too old to process ignored (a replay, or a clock far off)');
    expect(warning).toMatchObject({ level: 40, ids: [event.webhookEventId] });
    // Event ids only: not who sent it, nor what.
    expect(JSON.stringify(warning)).not.toContain(user);
    expect(JSON.stringify(warning)).not.toContain('ヘルプ');
  });

  it('should still process a late redelivery a day or two old, and the fresh events beside an old one', async () => {
    const late = 'Ulate000000000000000000000000001';
    const fresh = 'Ufresh00000000000000000000000001';
    const old = 'Uold0000000000000000000000000001';
    const now = h.clock.now().getTime();
    const signed = signedWebhookRequest(TEST_SECRET, [
      textEvent({ userId: late, text: 'ヘルプ', timestamp: now - 2 * DAY, isRedelivery: true }),
      textEvent({ userId: fresh, text: 'ヘルプ', timestamp: now }),
      textEvent({ userId: old, text: 'ヘルプ', timestamp: now - 3 * DAY - HOUR }),
    ]);
    expect(await postBody(signed)).toBe(200);
    await h.settle();
    expect([answersTo(late), answersTo(fresh), answersTo(old)]).toEqual([1, 1, 0]);
  });
});
