import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf, probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const HOUR = 60 * 60_000;

// The tests share one clock and run in order: 23 h, then 25 h more.
describe('a conversation left idle', () => {
  it('for 23 hours continues where it was', async () => {
    const u = new ChatDriver(h, 'Uidle00000000000000000000000000001');
    await typeUntil(u, 'email', { choice1: '12/7 10:00', choice2: '12/8 10:00' });
    h.clock.advance(23 * HOUR);
    await u.say('hanako@example.jp');
    expect(u.lastText()).not.toContain('1日以上');
    expect(u.lastText()).toContain('電話番号を入力してください');
    expect(await conversationStateOf(h, u.userId)).toBe('phone');
  });

  it('for more than a day starts fresh, says so, and keeps nothing of the old draft', async () => {
    const u = new ChatDriver(h, 'Uidle00000000000000000000000000002');
    await typeUntil(u, 'email', { name: '古い 名前', choice1: '12/9 10:00', choice2: '12/10 10:00' });
    h.clock.advance(25 * HOUR);
    await u.say('hanako@example.jp');
    expect(u.lastText()).toContain('前回の入力から1日以上たったため、入力途中のお申し込みは終了しました');
    // The e-mail answered a question that is gone: no new booking is started unasked.
    expect(await conversationStateOf(h, u.userId)).toBe('idle');
    expect(u.lastActions().map((a) => a.label)).toEqual(['予約する', '予約確認', 'ヘルプ']);
    // Starting again (one tap): consent is on record, so the terms are not asked again.
    await u.tap('予約する');
    expect(u.lastText()).not.toContain('1日以上');
    expect(u.lastText()).toContain('求職登録');
    for (const text of ['登録済み', '長期療養中', 'はい', 'はい', '確認しました', '一般', 'Zoom']) await u.say(text);
    expect(u.lastText()).toContain('お名前（フルネーム）を入力してください');
    for (const text of [
      '新しい 名前',
      '02010-12345678',
      '12/9 10:00',
      '12/10 10:00',
      'new@example.jp',
      '090-1234-5678',
      'いいえ',
    ])
      await u.say(text);
    expect(u.lastText()).not.toContain('古い 名前');
    await u.say('申し込む');
    const mine = (await fetchBookings(h)).filter((b) => b.email === 'new@example.jp');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.name).toBe('新しい 名前');
  });

  it('for more than a day, a button from the old conversation is not taken as an answer', async () => {
    const u = new ChatDriver(h, 'Uidle00000000000000000000000000003');
    await typeUntil(u, 'kind');
    h.clock.advance(25 * HOUR);
    await u.tap('一般の職業相談');
    expect(u.lastText()).toContain('1日以上たったため、入力途中のお申し込みは終了しました');
    expect(await conversationStateOf(h, u.userId)).toBe('idle');
    await u.tap('予約する');
    expect(u.lastText()).not.toContain('1日以上');
    expect(await conversationStateOf(h, u.userId)).not.toBe('idle');
  });

  it('for more than a week (the conversation deleted), an old button says it no longer works and offers the menu', async () => {
    const u = new ChatDriver(h, 'Uidle00000000000000000000000000004');
    await typeUntil(u, 'kind');
    const old = u.lastActions().find((a) => a.label === '一般の職業相談');
    await probe(h).run('DELETE FROM conversations WHERE line_user_id = ?', u.userId);
    await u.tapData((old as { data: string }).data);
    expect(u.lastText()).toContain(
      'そのボタンは、すでに使えなくなっています（操作が済んだか、時間がたって終了したご案内のボタンです）',
    );
    expect(u.lastActions().map((a) => a.label)).toEqual(['予約する', '予約確認', 'ヘルプ']);
  });
});
