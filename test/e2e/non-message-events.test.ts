import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { unsendEvent } from '../support/extra-events.js';
import { startHarness, type Harness } from '../support/harness.js';
import { unfollowEvent } from '../support/line-events.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

/** Posts events and returns what was sent to `userId` because of them. */
async function answersTo(userId: string, events: Parameters<Harness['post']>[0]): Promise<string[]> {
  const before = h.platform.delivered().length;
  expect((await h.post(events)).status).toBe(200);
  await h.settle();
  return h.platform
    .delivered()
    .slice(before)
    .filter((d) => d.to === userId)
    .map((d) => `${d.via}: ${textOf(d.message)}`);
}

// Found while writing these tests (was a bug): every event other than a follow, a text or a
// postback was treated like a sticker: 「スタンプや画像にはお答えできません」 plus the current question
// were queued. An unfollow or an unsend has no reply token, so these went out as pushes (monthly
// quota) to a person who had just blocked the account or had only retracted a message.
// Reproduction: a user mid-booking blocks the account (unfollow event) -> two pushes to them.
describe('events that are not messages to answer', () => {
  it('blocking the account mid-booking sends nothing to the person who blocked', async () => {
    const u = new ChatDriver(h, 'Unonmsg00000000000000000000000001');
    await u.say('予約する');
    await u.say('同意します');
    const sent = await answersTo(u.userId, [unfollowEvent({ userId: u.userId })]);
    expect(sent).toEqual([]);
  });

  it('retracting a message (unsend) is not answered with "we cannot read stickers"', async () => {
    const u = new ChatDriver(h, 'Unonmsg00000000000000000000000002');
    await u.say('予約する');
    const sent = await answersTo(u.userId, [unsendEvent({ userId: u.userId })]);
    expect(sent).toEqual([]);
  });

  it('neither moves the conversation', async () => {
    const u = new ChatDriver(h, 'Unonmsg00000000000000000000000003');
    await u.say('予約する');
    await u.say('同意します');
    await answersTo(u.userId, [unfollowEvent({ userId: u.userId }), unsendEvent({ userId: u.userId })]);
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('registered');
  });
});
