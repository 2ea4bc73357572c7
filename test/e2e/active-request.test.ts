import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { followEvent } from '../support/line-events.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
let u: ChatDriver;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  u = new ChatDriver(h, 'Uactive00000000000000000000000001');
  await typeUntil(u, 'review', { name: '青森 花子', choice1: '12/3 10:00', choice2: '12/4 14:00' });
  await u.say('申し込む');
  expect(u.lastText()).toContain('受け付けました');
});
afterAll(async () => {
  await h.close();
});

/** The opening line of the answer that shows the open request (its wording has varied). */
const SHOWN = /すでに[^。\n]*予約があります/;

async function expectShownNotRestarted() {
  expect(u.lastText()).toMatch(SHOWN);
  expect(u.lastText()).toContain('受付済み（日程調整中）');
  expect(u.lastText()).toContain('12月3日(木)\n10:00〜10:40');
  expect(u.lastText()).toContain('12月4日(金)\n14:00〜14:40');
  expect(u.lastText()).toContain('017-776-1561');
  expect(u.lastText()).not.toContain('求職登録をされていますか');
  expect(await conversationStateOf(h, u.userId)).toBe('idle');
  expect(await fetchBookings(h)).toHaveLength(1);
  expect(h.platform.delivered().filter((d) => d.to === STAFF_GROUP)).toHaveLength(1);
}

describe('a user with an active request', () => {
  it('who sends 予約する is shown the request instead of starting a second one', async () => {
    await u.say('予約する');
    await expectShownNotRestarted();
  });

  it('who sends 予約 or 最初から is shown it too', async () => {
    await u.say('予約');
    await expectShownNotRestarted();
    await u.say('最初から');
    await expectShownNotRestarted();
  });

  it('who blocks and adds the account again is shown it too', async () => {
    const before = h.platform.delivered().length;
    const res = await h.post([
      followEvent({ userId: u.userId, isUnblocked: true, replyToken: h.platform.issueReplyToken(u.userId) }),
    ]);
    expect(res.status).toBe(200);
    await h.settle();
    const answer = h.platform
      .delivered()
      .slice(before)
      .filter((d) => d.to === u.userId)
      .map((d) => textOf(d.message))
      .join('\n');
    expect(answer).toMatch(SHOWN);
    await u.say('予約する');
    await expectShownNotRestarted();
  });

  it('who writes thanks is thanked back and pointed to 予約確認, not told the bot could not answer', async () => {
    await u.say('ありがとうございました！');
    expect(u.lastText()).toBe('どういたしまして。ご予約の内容は「予約確認」でいつでもご確認いただけます。');
    await u.say('こんにちは');
    expect(u.lastText()).toContain('こんにちは。');
    expect(u.lastText()).not.toContain('申し訳ありません');
  });
});
