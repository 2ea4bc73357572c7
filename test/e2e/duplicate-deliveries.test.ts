import type { webhook } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { conversationStateOf, outboxRows, probe } from '../support/db-inspect.js';
import { STAFF_GROUP, TEST_SECRET, startHarness, type Harness } from '../support/harness.js';
import { newWebhookEventId, postbackEvent, signedWebhookRequest, textEvent } from '../support/line-events.js';
import { fetchBookings } from '../support/staff-api.js';
import { typedSteps, typeUntil } from '../support/typed-booking.js';

// One server for the file; each test has its own user (and name) and its own first-choice day,
// and counts what happened since it began.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

/** Posts exactly this body text (already signed) and returns the status. */
async function postBody(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${h.baseUrl}/webhook`, { method: 'POST', body, headers });
  await res.arrayBuffer();
  return res.status;
}

/** A user at the review card, and the postback event of tapping 「この内容で申し込む」 there. */
async function atReview(userId: string, name: string, choice1: string, options: { isRedelivery?: boolean } = {}) {
  const u = new ChatDriver(h, userId);
  await typeUntil(u, 'review', { name, choice1 });
  const submit = u.lastActions().find((a) => a.type === 'postback' && a.label === 'この内容で申し込む') as
    { data: string } | undefined;
  if (!submit) throw new Error('no submit button on the review card');
  const webhookEventId = newWebhookEventId();
  const event = postbackEvent({
    userId,
    data: submit.data,
    webhookEventId,
    replyToken: h.platform.issueReplyToken(userId),
    timestamp: h.clock.now().getTime(),
    ...options,
  });
  const staffBefore = deliveredTo(STAFF_GROUP).length;
  return { u, event, webhookEventId, staffBefore };
}

function deliveredTo(to: string, fromIndex = 0) {
  return h.platform
    .delivered()
    .slice(fromIndex)
    .filter((d) => d.to === to);
}

async function expectOneBookingOneCardOneAnswer(
  userId: string,
  name: string,
  webhookEventId: string,
  deliveredBefore: number,
  staffBefore: number,
) {
  await h.settle();
  const mine = (await fetchBookings(h)).filter((b) => b.name === name);
  expect(mine).toHaveLength(1);
  const rowsOfUser = await probe(h).get<{ n: number }>(
    'SELECT count(*) AS n FROM bookings WHERE line_user_id = ?',
    userId,
  );
  expect(rowsOfUser?.n).toBe(1);
  const cards = deliveredTo(STAFF_GROUP).slice(staffBefore);
  expect(cards).toHaveLength(1);
  // The card names the booking (its receipt number), not the person in full.
  expect(JSON.stringify(cards[0]?.message)).toContain(`受付番号 ${mine[0]!.id.slice(0, 8)}`);
  const answer = deliveredTo(userId, deliveredBefore);
  expect(answer).toHaveLength(1);
  expect(textOf(answer[0]!.message)).toContain('受け付けました');
  // One queued user answer and one staff card for the event, each sent.
  const rows = (await outboxRows(h)).filter((r) => r.dedupe_key.startsWith(`${webhookEventId}:`));
  expect(rows.map((r) => [r.dedupe_key.slice(webhookEventId.length), r.status])).toEqual([
    [':user:0', 'sent'],
    [':staff:0', 'sent'],
  ]);
  expect(await conversationStateOf(h, userId)).toBe('idle');
}

describe('the same webhook event delivered 20 times', () => {
  it('sequentially: one booking, one staff card, one answer', async () => {
    const userId = 'Udup0000000000000000000000000000a1';
    const name = '重複 一郎';
    const { event, webhookEventId, staffBefore } = await atReview(userId, name, '12/3 10:00');
    const before = h.platform.delivered().length;
    const { body, headers } = signedWebhookRequest(TEST_SECRET, [event]);
    for (let i = 0; i < 20; i += 1) expect(await postBody(body, headers)).toBe(200);
    await expectOneBookingOneCardOneAnswer(userId, name, webhookEventId, before, staffBefore);
    expect(deliveredTo(userId, before)[0]?.via).toBe('reply');
  });

  it('concurrently with the identical body: one booking, one staff card, one answer', async () => {
    const userId = 'Udup0000000000000000000000000000a2';
    const name = '重複 二郎';
    const { event, webhookEventId, staffBefore } = await atReview(userId, name, '12/7 10:00');
    const before = h.platform.delivered().length;
    const { body, headers } = signedWebhookRequest(TEST_SECRET, [event]);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => postBody(body, headers)));
    expect(statuses).toEqual(Array(20).fill(200));
    await expectOneBookingOneCardOneAnswer(userId, name, webhookEventId, before, staffBefore);
  });

  it('concurrently as redeliveries (isRedelivery true): one booking, one answer pushed with a retry key', async () => {
    const userId = 'Udup0000000000000000000000000000a3';
    const name = '重複 三郎';
    const { event, webhookEventId, staffBefore } = await atReview(userId, name, '12/8 10:00', { isRedelivery: true });
    const before = h.platform.delivered().length;
    const { body, headers } = signedWebhookRequest(TEST_SECRET, [event]);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => postBody(body, headers)));
    expect(statuses).toEqual(Array(20).fill(200));
    await expectOneBookingOneCardOneAnswer(userId, name, webhookEventId, before, staffBefore);
    const answer = deliveredTo(userId, before)[0];
    // A redelivered event's reply token may already be used: the answer goes by push.
    expect(answer?.via).toBe('push');
    expect(answer?.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the original and 19 redeliveries at once, some in bodies with other events: still one of everything', async () => {
    const userId = 'Udup0000000000000000000000000000a4';
    const name = '重複 四郎';
    const { event, webhookEventId, staffBefore } = await atReview(userId, name, '12/9 10:00');
    const before = h.platform.delivered().length;
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } } satisfies webhook.Event;
    const other = 'Udup0000000000000000000000000000b4';
    const bodies = Array.from({ length: 20 }, (_, i) =>
      signedWebhookRequest(
        TEST_SECRET,
        i === 0
          ? [event]
          : i % 2 === 0
            ? [redelivered]
            : [textEvent({ userId: other, text: 'ヘルプ', timestamp: h.clock.now().getTime() }), redelivered],
      ),
    );
    const statuses = await Promise.all(bodies.map((b) => postBody(b.body, b.headers)));
    expect(statuses).toEqual(Array(20).fill(200));
    await expectOneBookingOneCardOneAnswer(userId, name, webhookEventId, before, staffBefore);
  });

  it('a mid-conversation answer delivered 20 times at once moves the conversation on once and is answered once', async () => {
    const userId = 'Udup0000000000000000000000000000a5';
    const u = new ChatDriver(h, userId);
    await typeUntil(u, 'name');
    const before = h.platform.delivered().length;
    const event = textEvent({
      userId,
      text: '青森 花子',
      replyToken: h.platform.issueReplyToken(userId),
      timestamp: h.clock.now().getTime(),
    });
    const { body, headers } = signedWebhookRequest(TEST_SECRET, [event]);
    await Promise.all(Array.from({ length: 20 }, () => postBody(body, headers)));
    await h.settle();
    expect(await conversationStateOf(h, userId)).toBe('jobSeekerNumber');
    const answers = deliveredTo(userId, before);
    expect(answers).toHaveLength(1);
    expect(textOf(answers[0]!.message)).toContain('求職番号を入力してください');
    const inboxOfUser = await probe(h).get<{ n: number }>('SELECT count(*) AS n FROM inbox WHERE chat_key = ?', userId);
    expect(inboxOfUser?.n).toBe(typedSteps().findIndex((s) => s.question === 'name') + 1);
  });

  it('a whole booking where LINE delivers every event twice (then once more as a redelivery) looks the same to the user as one without', async () => {
    const once = new ChatDriver(h, 'Udup0000000000000000000000000000c1');
    const thrice = 'Udup0000000000000000000000000000c2';
    const staffBefore = deliveredTo(STAFF_GROUP).length;
    const stepsOnce = typedSteps({ name: '一回 花子', choice1: '12/10 10:00' });
    const stepsThrice = typedSteps({ name: '三回 花子', choice1: '12/11 10:00' });
    const countsOnce: number[] = [];
    for (const s of [...stepsOnce, { question: 'review', text: '申し込む' }]) {
      await once.say(s.text);
      countsOnce.push(once.last.length);
    }
    const countsThrice: number[] = [];
    for (const s of [...stepsThrice, { question: 'review', text: '申し込む' }]) {
      const before = h.platform.delivered().length;
      const event = textEvent({
        userId: thrice,
        text: s.text,
        replyToken: h.platform.issueReplyToken(thrice),
        timestamp: h.clock.now().getTime(),
      });
      const first = signedWebhookRequest(TEST_SECRET, [event]);
      const again = signedWebhookRequest(TEST_SECRET, [{ ...event, deliveryContext: { isRedelivery: true } }]);
      expect(await postBody(first.body, first.headers)).toBe(200);
      expect(await postBody(first.body, first.headers)).toBe(200);
      await h.settle();
      expect(await postBody(again.body, again.headers)).toBe(200);
      await h.settle();
      countsThrice.push(deliveredTo(thrice, before).length);
    }
    expect(countsThrice).toEqual(countsOnce);
    const both = (await fetchBookings(h)).filter((b) => b.name === '一回 花子' || b.name === '三回 花子');
    expect(both.map((b) => b.choices[0]?.start).sort()).toEqual([
      '2026-12-10T10:00:00+09:00',
      '2026-12-11T10:00:00+09:00',
    ]);
    expect(deliveredTo(STAFF_GROUP).slice(staffBefore)).toHaveLength(2);
  });
});
