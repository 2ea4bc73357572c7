import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { advanceUntil, expectDeliveredExactlyOnce } from '../support/delivery-checks.js';
import { outboxRows, probe } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { textEvent } from '../support/line-events.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  h.platform.setDown(null);
  h.platform.setLatency(0);
  await h.close();
});

const RETRY_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sendCalls = () => h.platform.calls().filter((c) => c.path.startsWith('/v2/bot/message/'));
const deliveredTo = (to: string) => h.platform.delivered().filter((d) => d.to === to);

describe("LINE's API failing, then recovering", () => {
  it('three 500s on a reply: LINE may have delivered it, so it goes on as a push with a retry key, with backoff, and arrives once', async () => {
    const u = new ChatDriver(h, 'Ufail00000000000000000000000000001');
    await typeUntil(u, 'name');
    const before = deliveredTo(u.userId).length;
    const callsBefore = sendCalls().length;
    h.platform.failNext(3, 500);
    await u.say('青森 花子');
    expect(deliveredTo(u.userId)).toHaveLength(before); // the first try failed; nothing arrived
    await advanceUntil(h, () => deliveredTo(u.userId).length > before);
    const calls = sendCalls().slice(callsBefore);
    expect(calls.map((c) => `${c.path} ${c.status}`)).toEqual([
      '/v2/bot/message/reply 500',
      '/v2/bot/message/push 500',
      '/v2/bot/message/push 500',
      '/v2/bot/message/push 200',
    ]);
    // The same key on every push, so LINE shows the answer once however often it is retried.
    expect(new Set(calls.slice(1).map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    const answer = deliveredTo(u.userId).slice(before);
    expect(answer).toHaveLength(1);
    expect(answer[0]?.via).toBe('push');
    expect(textOf(answer[0]!.message)).toContain('求職番号を入力してください');
    // Time passing after the recovery sends nothing more.
    h.clock.advance(10 * 60_000);
    await h.settle();
    await expectDeliveredExactlyOnce(h);
  });

  it('LINE down (503) for over two minutes while a request is submitted: the answer is pushed with an X-Line-Retry-Key once LINE is back, the staff card too, each once', async () => {
    const u = new ChatDriver(h, 'Ufail00000000000000000000000000002');
    await typeUntil(u, 'review');
    const before = deliveredTo(u.userId).length;
    h.platform.setDown(503);
    await u.tap('この内容で申し込む');
    expect(await fetchBookings(h)).toHaveLength(1); // stored although nothing could be sent
    // Two minutes pass while LINE is down: the reply token goes stale.
    for (let t = 0; t < 120; t += 10) {
      h.clock.advance(10_000);
      await h.app.sender.flush();
    }
    expect(deliveredTo(u.userId)).toHaveLength(before);
    expect(deliveredTo(STAFF_GROUP)).toHaveLength(0);
    expect(sendCalls().filter((c) => c.status === 503).length).toBeGreaterThan(2);
    h.platform.setDown(null);
    await advanceUntil(h, () => deliveredTo(u.userId).length > before && deliveredTo(STAFF_GROUP).length > 0, 10_000);

    const answer = deliveredTo(u.userId).slice(before);
    expect(answer).toHaveLength(1);
    expect(answer[0]?.via).toBe('push');
    expect(answer[0]?.retryKey).toMatch(RETRY_KEY);
    expect(textOf(answer[0]!.message)).toContain('受け付けました');
    const staff = deliveredTo(STAFF_GROUP);
    expect(staff).toHaveLength(1);
    expect(staff[0]?.retryKey).toMatch(RETRY_KEY);
    // Every push carried a retry key, and the retries of one message carried the same one.
    const pushes = sendCalls().filter((c) => c.path === '/v2/bot/message/push');
    for (const p of pushes) expect(p.headers['x-line-retry-key']).toMatch(RETRY_KEY);
    const keysByRecipient = new Map<string, Set<string>>();
    for (const p of pushes) {
      const to = String((p.body as { to: string }).to);
      keysByRecipient.set(to, (keysByRecipient.get(to) ?? new Set()).add(p.headers['x-line-retry-key']!));
    }
    expect([...keysByRecipient.values()].map((s) => s.size)).toEqual([1, 1]);
    h.clock.advance(10 * 60_000);
    await h.settle();
    await expectDeliveredExactlyOnce(h);
  });

  it('429 (rate limited) is retried like a 5xx and delivered once', async () => {
    const u = new ChatDriver(h, 'Ufail00000000000000000000000000003');
    await typeUntil(u, 'email');
    const before = deliveredTo(u.userId).length;
    h.platform.failNext(2, 429);
    await u.say('hanako@example.jp');
    await advanceUntil(h, () => deliveredTo(u.userId).length > before);
    expect(
      sendCalls()
        .slice(-3)
        .map((c) => c.status),
    ).toEqual([429, 429, 200]);
    expect(deliveredTo(u.userId).slice(before)).toHaveLength(1);
    await expectDeliveredExactlyOnce(h);
  });

  it('a whole booking with failures at several steps delivers every queued message exactly once and in order', async () => {
    const u = new ChatDriver(h, 'Ufail00000000000000000000000000004');
    const failures: Record<number, () => void> = {
      0: () => h.platform.failNext(1, 500),
      3: () => h.platform.failNext(2, 502),
      7: () => h.platform.failNext(1, 429),
      11: () => h.platform.setDown(503),
      12: () => h.platform.setDown(null),
    };
    const steps = [
      '予約する',
      '同意します',
      '登録済み',
      '長期療養中',
      'はい',
      'はい',
      '確認しました',
      '一般',
      'Zoom',
      '青森 花子',
      '02010-12345678',
      '12/3 10:00',
      '12/4 14:00',
      'hanako@example.jp',
      '090-1234-5678',
      'いいえ',
      '申し込む',
    ];
    for (const [i, text] of steps.entries()) {
      failures[i]?.();
      await u.say(text);
      if (i === 11) h.clock.advance(2 * 60_000); // the step sent while LINE was down goes stale
      await advanceUntil(
        h,
        async () =>
          (await outboxRows(h)).every((r) => r.status === 'sent') || h.platform.calls().at(-1)?.status === 503,
        1000,
        400,
      );
    }
    await advanceUntil(h, async () => (await outboxRows(h)).every((r) => r.status === 'sent'), 10_000);
    expect(await fetchBookings(h)).toHaveLength(1);
    await expectDeliveredExactlyOnce(h);
    expect(deliveredTo(STAFF_GROUP)).toHaveLength(1);
    const last = deliveredTo(u.userId).at(-1);
    expect(textOf(last!.message)).toContain('受け付けました');
  });

  it('a push LINE accepted but whose answer was lost is not sent again when retried (409 for the same retry key)', async () => {
    const u = new ChatDriver(h, 'Ufail00000000000000000000000000005');
    await typeUntil(u, 'review');
    await u.tap('この内容で申し込む');
    const staffRow = (await outboxRows(h)).find((r) => r.recipient === STAFF_GROUP);
    expect(staffRow?.status).toBe('sent');
    // As if the server died after LINE accepted the push and before it recorded that.
    await probe(h).run("UPDATE outbox SET status = 'pending', sent_at = NULL WHERE id = ?", staffRow!.id);
    await h.settle();
    const last = sendCalls().at(-1);
    expect(last?.status).toBe(409);
    expect(last?.headers['x-line-retry-key']).toMatch(RETRY_KEY);
    expect(deliveredTo(STAFF_GROUP)).toHaveLength(1);
    expect((await outboxRows(h)).find((r) => r.id === staffRow!.id)?.status).toBe('sent');
  });

  it('a reply token LINE refuses (400) falls back to a push at once', async () => {
    const userId = 'Ufail00000000000000000000000000006';
    // A reply token the platform never issued, as after a long delay on LINE's side.
    const res = await h.post([textEvent({ userId, text: '予約する' })]);
    expect(res.status).toBe(200);
    await h.settle();
    const calls = sendCalls();
    expect(calls.map((c) => `${c.path.split('/').at(-1)} ${c.status}`)).toEqual(['reply 400', 'push 200']);
    expect(deliveredTo(userId)).toHaveLength(1);
    expect(deliveredTo(userId)[0]?.via).toBe('push');
    await expectDeliveredExactlyOnce(h);
  });

  it('a slow LINE API does not hold up the webhook answer', async () => {
    const userId = 'Ufail00000000000000000000000000007';
    h.platform.setLatency(800);
    const res = await h.post([textEvent({ userId, text: '予約する', replyToken: h.platform.issueReplyToken(userId) })]);
    expect(res.status).toBe(200);
    // The 200 came back before LINE had even answered the reply.
    expect(h.platform.calls().filter((c) => c.path === '/v2/bot/message/reply')).toHaveLength(0);
    h.platform.setLatency(0);
    await h.settle();
    expect(deliveredTo(userId)).toHaveLength(1);
  });
});

describe('one LINE call that hangs', () => {
  // Found while writing these tests: a LINE call that never answered used to hold up every other
  // user's messages (the sender awaited whole batches and had no call timeout). Reproduction:
  // make user A's reply hang; user B says 予約する; B must still get the answer at once.
  it("does not hold up another user's answer", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowUser = 'Uhang00000000000000000000000000001';
    const otherUser = 'Uhang00000000000000000000000000002';
    const hc = await startHarness({
      now: '2026-12-01T00:00:00Z',
      wrapLineClient: (real) => ({
        ...real,
        reply: async (token, messages) => {
          if (token === slowToken) await gate;
          return real.reply(token, messages);
        },
      }),
    });
    const slowToken = hc.platform.issueReplyToken(slowUser);
    try {
      await hc.post([textEvent({ userId: slowUser, text: '予約する', replyToken: slowToken })]);
      await new Promise((r) => setTimeout(r, 200)); // A's reply is now in flight and hanging
      await hc.post([
        textEvent({ userId: otherUser, text: '予約する', replyToken: hc.platform.issueReplyToken(otherUser) }),
      ]);
      // Well before A's hanging reply would time out (5 s): B did not wait for it. Not 1 s, which a
      // loaded machine can take for a whole webhook round trip.
      await hc.platform.waitFor((d) => d.some((m) => m.to === otherUser), 3000);
    } finally {
      release();
      await hc.close();
    }
  });
});
