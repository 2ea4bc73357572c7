import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { advanceUntil, expectDeliveredExactlyOnce } from '../support/delivery-checks.js';
import { conversationStateOf, probe } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { newWebhookEventId, textEvent } from '../support/line-events.js';
import { fetchBookings } from '../support/staff-api.js';
import { typedSteps, typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  h.platform.setDown(null);
  await h.close();
});

const deliveredTo = (to: string) => h.platform.delivered().filter((d) => d.to === to);

describe('a server restart', () => {
  it('mid-conversation: the user continues where they were, typed answers and earlier buttons alike', async () => {
    const u = new ChatDriver(h, 'Urestart000000000000000000000000001');
    await typeUntil(u, 'choice1Date');
    await h.restart();
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    // A button shown before the restart still answers the current question.
    await u.tap('12月3日(木)');
    expect(u.lastText()).toContain('12月3日(木)の空いている時間');
    await h.restart();
    await u.tap('10:00〜10:40');
    expect(u.lastText()).toContain('第2希望の日付');
    await h.restart();
    for (const text of ['12/4 14:00', 'hanako@example.jp', '090-1234-5678', 'いいえ']) await u.say(text);
    expect(u.lastText()).toContain('青森 花子');
    await h.restart();
    await u.tap('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    const bookings = await fetchBookings(h);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ name: '青森 花子', jobSeekerNumber: '02010-12345678' });
    expect(deliveredTo(STAFF_GROUP)).toHaveLength(1);
  });

  it('an event stored before a crash but not processed is processed after the restart, once', async () => {
    const u = new ChatDriver(h, 'Urestart000000000000000000000000002');
    await typeUntil(u, 'name');
    await h.stop();
    // What a crash between "stored and acknowledged" and "processed" leaves: a pending inbox row.
    const replyToken = h.platform.issueReplyToken(u.userId);
    const webhookEventId = newWebhookEventId();
    const event = textEvent({ userId: u.userId, text: '青森 花子', replyToken, webhookEventId });
    await probe(h).run(
      "INSERT INTO inbox (webhook_event_id, chat_key, payload, received_at, status, attempts, processed_at) VALUES (?, ?, ?, ?, 'pending', 0, NULL)",
      webhookEventId,
      u.userId,
      JSON.stringify(event),
      h.clock.now().toISOString(),
    );
    const before = deliveredTo(u.userId).length;
    await h.start();
    await h.settle();
    expect(await conversationStateOf(h, u.userId)).toBe('jobSeekerNumber');
    const answer = deliveredTo(u.userId).slice(before);
    expect(answer).toHaveLength(1);
    expect(textOf(answer[0]!.message)).toContain('求職番号を入力してください');
    expect(await probe(h).get('SELECT status, payload FROM inbox WHERE webhook_event_id = ?', webhookEventId)).toEqual({
      status: 'done',
      payload: null,
    });
    // Restarting again does not process it a second time.
    await h.restart();
    await h.settle();
    expect(deliveredTo(u.userId).slice(before)).toHaveLength(1);
  });

  it('several events of one user left pending are processed after the restart in their order', async () => {
    const u = new ChatDriver(h, 'Urestart000000000000000000000000003');
    await typeUntil(u, 'name');
    await h.stop();
    const texts = ['青森 花子', '02010-12345678', '12/3 10:00'];
    const base = h.clock.now().getTime();
    for (const [i, text] of texts.entries()) {
      const id = newWebhookEventId(base + i);
      await probe(h).run(
        "INSERT INTO inbox (webhook_event_id, chat_key, payload, received_at, status, attempts, processed_at) VALUES (?, ?, ?, ?, 'pending', 0, NULL)",
        id,
        u.userId,
        JSON.stringify(textEvent({ userId: u.userId, text, webhookEventId: id })),
        new Date(base + i).toISOString(),
      );
    }
    await h.start();
    await h.settle();
    expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
  });

  it("an event another process stored and left pending is handled before this chat's next one, without waiting for recovery", async () => {
    const u = new ChatDriver(h, 'Urestart000000000000000000000000005');
    await typeUntil(u, 'name');
    // What another server process on the same database leaves when it stops after its 200: the
    // name, stored a moment ago and pending. The person's next message (the number) reaches us.
    const id = newWebhookEventId();
    await probe(h).run(
      "INSERT INTO inbox (webhook_event_id, chat_key, payload, received_at, status, attempts, processed_at) VALUES (?, ?, ?, ?, 'pending', 0, NULL)",
      id,
      u.userId,
      JSON.stringify(textEvent({ userId: u.userId, text: '青森 花子', webhookEventId: id })),
      new Date(h.clock.now().getTime() - 1000).toISOString(),
    );
    await u.say('02010-12345678');
    // Both were handled, the name first: the number was then the answer to the number question.
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    expect(await probe(h).get('SELECT status FROM inbox WHERE webhook_event_id = ?', id)).toEqual({ status: 'done' });
  });

  it('messages waiting while LINE was down survive a restart and go out once when LINE is back', async () => {
    const u = new ChatDriver(h, 'Urestart000000000000000000000000004');
    await typeUntil(u, 'review');
    const before = deliveredTo(u.userId).length;
    h.platform.setDown(503);
    await u.tap('この内容で申し込む');
    h.clock.advance(2 * 60_000);
    await h.restart();
    await h.restart();
    h.platform.setDown(null);
    await advanceUntil(h, () => deliveredTo(u.userId).length > before && deliveredTo(STAFF_GROUP).length > 0, 10_000);
    expect(deliveredTo(u.userId).slice(before)).toHaveLength(1);
    expect(deliveredTo(STAFF_GROUP)).toHaveLength(1);
    expect(await fetchBookings(h)).toHaveLength(1);
    await expectDeliveredExactlyOnce(h);
  });

  it('events accepted just before a graceful stop are handled before the server closes', async () => {
    const userId = 'Urestart000000000000000000000000005';
    const steps = typedSteps().slice(0, 3);
    for (const s of steps) {
      const res = await h.post([textEvent({ userId, text: s.text, replyToken: h.platform.issueReplyToken(userId) })]);
      expect(res.status).toBe(200);
    }
    await h.stop(); // no settle: close() itself must finish the work in hand
    expect(await conversationStateOf(h, userId)).toBe('target');
    expect(deliveredTo(userId)).toHaveLength(3);
    await h.start();
  });
});
