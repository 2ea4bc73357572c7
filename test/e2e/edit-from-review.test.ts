import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan; every test has its own user and its own first-choice day.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const REVIEW = 'お申し込み内容をご確認ください';

async function bookingOf(userName: string) {
  const all = await fetchBookings(h);
  return all.filter((b) => b.name === userName);
}

describe('editing one item from the review card', () => {
  it('changes the e-mail address with buttons, keeps everything else, and submits the new address', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000001');
    await typeUntil(u, 'review', { name: '編集 一郎', choice1: '12/3 10:00', choice2: '12/4 14:00' });
    expect(u.lastText()).toContain(REVIEW);
    const before = u.lastText();
    await u.tap('修正する');
    expect(u.lastText()).toContain('ほかの項目はそのまま残ります');
    await u.tap('メールアドレス');
    expect(u.lastText()).toContain('メールアドレスを入力してください');
    await u.say('ichiro.new@example.jp');
    expect(u.lastText()).toContain(REVIEW);
    const after = u.lastText();
    expect(after).toContain('ichiro.new@example.jp');
    expect(after).not.toContain('hanako@example.jp');
    // Everything else is exactly as before.
    expect(after.replace('ichiro.new@example.jp', 'hanako@example.jp')).toBe(before);

    await u.tap('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    const [b, ...rest] = await bookingOf('編集 一郎');
    expect(rest).toHaveLength(0);
    expect(b).toMatchObject({
      email: 'ichiro.new@example.jp',
      jobSeekerNumber: '02010-12345678',
      phone: '09012345678',
      app: 'zoom',
      choices: [
        { start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T10:40:00+09:00' },
        { start: '2026-12-04T14:00:00+09:00', end: '2026-12-04T14:40:00+09:00' },
      ],
    });
  });

  it('changes the first choice with the date and time buttons and returns to the review', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000002');
    await typeUntil(u, 'review', { name: '編集 二郎', choice1: '12/7 10:00', choice2: '12/8 14:00' });
    await u.tap('修正する');
    await u.tap('第1希望');
    expect(u.lastText()).toContain('第1希望の日付');
    await u.tap('12月10日(木)');
    await u.tap('13:30〜14:10');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    expect(u.lastText()).toContain('12月10日(木) 13:30〜14:10');
    expect(u.lastText()).toContain('12月8日(火) 14:00〜14:40');
    expect(u.lastText()).toContain('編集 二郎');
    await u.tap('この内容で申し込む');
    const [b] = await bookingOf('編集 二郎');
    expect(b?.choices).toEqual([
      { start: '2026-12-10T13:30:00+09:00', end: '2026-12-10T14:10:00+09:00' },
      { start: '2026-12-08T14:00:00+09:00', end: '2026-12-08T14:40:00+09:00' },
    ]);
  });

  it('asks for the second choice again when the edited first choice now equals it', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000003');
    await typeUntil(u, 'review', { name: '編集 三郎', choice1: '12/11 10:00', choice2: '12/14 11:00' });
    await u.say('修正');
    await u.say('第一希望');
    await u.say('12/14 11:00');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice2Date');
    expect(u.lastText()).toContain('第2希望の日付');
    await u.say('12/14 10:30');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    await u.say('申し込む');
    const [b] = await bookingOf('編集 三郎');
    expect(b?.choices.map((c) => c.start)).toEqual(['2026-12-14T11:00:00+09:00', '2026-12-14T10:30:00+09:00']);
  });

  it('a refused edit is asked again and still returns to the review, not to the next question', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000004');
    await typeUntil(u, 'review', { name: '編集 四郎', choice1: '12/15 10:00' });
    await u.tap('修正する');
    await u.tap('お名前');
    await u.say('4郎');
    expect(u.lastText()).toContain('お名前として読み取れませんでした');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('name');
    await u.say('編集 史郎');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    expect(u.lastText()).toContain('編集 史郎');
    await u.tap('この内容で申し込む');
    const [b] = await bookingOf('編集 史郎');
    expect(b?.jobSeekerNumber).toBe('02010-12345678');
  });

  it('changing the kind asks both choices again, then returns to the review with the rest kept', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000005');
    await typeUntil(u, 'review', { name: '編集 五郎', choice1: '12/16 10:00', email: 'goro@example.jp' });
    await u.tap('修正する');
    await u.tap('相談の種類');
    await u.tap('マザーズコーナー');
    expect(u.lastText()).toContain('第1希望と第2希望をもう一度お選びください');
    await u.say('12/17 11:00');
    await u.say('12/17 13:30');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    expect(u.lastText()).toContain('マザーズコーナー');
    expect(u.lastText()).toContain('goro@example.jp');
    await u.tap('この内容で申し込む');
    const [b] = await bookingOf('編集 五郎');
    expect(b).toMatchObject({ kind: 'mothers', email: 'goro@example.jp', app: 'zoom' });
  });

  it('「修正せずに戻る」 returns to the same review', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000006');
    await typeUntil(u, 'review', { name: '編集 六郎', choice1: '12/18 10:00' });
    const before = u.lastText();
    await u.tap('修正する');
    await u.tap('修正せずに戻る');
    expect(u.lastText()).toBe(before);
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
  });
});
