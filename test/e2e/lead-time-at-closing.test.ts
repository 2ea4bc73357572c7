import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 17:10 in Japan, five minutes before the office closes (17:15).
  h = await startHarness({ now: '2026-12-01T08:10:00Z' });
});
afterAll(async () => {
  await h.close();
});

describe('the lead time around closing time (17:15)', () => {
  it('a request started before closing and submitted after it: the first choice that became too soon is asked again', async () => {
    const u = new ChatDriver(h, 'Uclosing0000000000000000000000001');
    await typeUntil(u, 'choice1Date');
    // Before 17:15, Thursday 12/3 is still bookable.
    expect(u.lastText()).toContain('12月3日(木)から');
    await u.say('12/3 10:00');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice2Date');
    await u.say('12/4 10:00');
    await u.say('hanako@example.jp');
    await u.say('090-1234-5678');
    await u.say('いいえ');
    expect(u.lastText()).toContain('お申し込み内容をご確認ください');

    h.clock.advance(10 * 60_000); // 17:20: today no longer counts
    await u.say('申し込む');
    expect(u.lastText()).toContain('12月3日(木)のご予約は12月1日(火) 17:15までに完了する必要があります');
    expect(u.lastText()).toContain('12月4日(金)以降');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Date');
    expect(await fetchBookings(h)).toHaveLength(0);

    await u.say('12/7 10:00');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    await u.say('申し込む');
    expect(u.lastText()).toContain('受け付けました');
    // Received after closing: the office answers by the close of the next business day after 12/2.
    expect(u.lastText()).toContain('12月3日(木) 17:15');
    const [b] = await fetchBookings(h);
    expect(b?.replyDue).toBe('2026-12-03T17:15:00+09:00');
    expect(b?.choices.map((c) => c.start)).toEqual(['2026-12-07T10:00:00+09:00', '2026-12-04T10:00:00+09:00']);
  });
});
