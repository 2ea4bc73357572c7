import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/line/line-client.js';
import { ChatDriver } from '../support/chat-driver.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('reads seconds and HTTP dates, and caps a wait at an hour', () => {
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 00:00:45 GMT', now)).toBe(45_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(3_600_000);
  });
  it('ignores what is absent or unreadable', () => {
    for (const h of [null, '', 'soon', '-5', '1.5']) expect(retryAfterMs(h, now), String(h)).toBeNull();
  });
});

describe('LINE answering 429 with Retry-After', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  });
  afterAll(async () => h.close());

  const sends = () => h.platform.calls().filter((c) => c.method === 'POST' && /\/message\/(reply|push)$/.test(c.path));

  it('holds every chat until LINE says it may be called again, then answers them all once', async () => {
    const a = new ChatDriver(h, 'Uratelimit000000000000000000000001');
    const b = new ChatDriver(h, 'Uratelimit000000000000000000000002');
    h.platform.failNext(1, 429, 30);
    const before = sends().length;
    await a.say('ヘルプ');
    expect(sends().length - before).toBe(1); // the refused call
    // Another person writes during the pause: nothing is sent to LINE for them either.
    await b.say('ヘルプ');
    expect(sends().length - before).toBe(1);
    expect(b.last).toHaveLength(0);
    // Past our own first backoff (1 s) but inside LINE's 30 s: still nothing.
    h.clock.advance(10_000);
    await h.app.sender.flush();
    expect(sends().length - before).toBe(1);
    h.clock.advance(21_000);
    await h.app.sender.flush();
    await h.settle();
    const answered = (u: ChatDriver) =>
      h.platform.delivered().filter((d) => d.to === u.userId && JSON.stringify(d.message).includes('このトークでは'))
        .length;
    expect(answered(a)).toBe(1);
    expect(answered(b)).toBe(1);
  });
});
