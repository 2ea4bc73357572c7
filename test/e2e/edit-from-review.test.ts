import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan; every user has first-choice days of their own.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const REVIEW = 'お申し込み内容をご確認ください';

async function bookingsOf(name: string) {
  return (await fetchBookings(h)).filter((b) => b.name === name);
}

// In order, one person at the review card: each test changes one item and comes back.
describe('editing one item from the review card', () => {
  let u: ChatDriver;
  let review = '';
  beforeAll(async () => {
    u = new ChatDriver(h, 'Uedit00000000000000000000000000001');
    await typeUntil(u, 'review', { name: '編集 一郎', choice1: '12/7 10:00', choice2: '12/8 14:00' });
    expect(u.lastText()).toContain(REVIEW);
    review = u.lastText();
  });

  it('the e-mail address, with buttons: back at the review with everything else as it was', async () => {
    await u.tap('修正する');
    expect(u.lastText()).toContain('ほかの項目はそのまま残ります');
    await u.tap('メールアドレス');
    expect(u.lastText()).toContain('メールアドレスを入力してください');
    await u.say('ichiro.new@example.jp');
    expect(await conversationStateOf(h, u.userId)).toBe('review');
    const after = u.lastText();
    expect(after).toContain('ichiro.new@example.jp');
    expect(after).not.toContain('hanako@example.jp');
    expect(after.replace('ichiro.new@example.jp', 'hanako@example.jp')).toBe(review);
    review = after;
  });

  it('the first choice, with the date and time buttons: the second choice is kept', async () => {
    await u.tap('修正する');
    await u.tap('第1希望');
    expect(u.lastText()).toContain('第1希望の日付');
    await u.tap('12月10日(木)');
    await u.tap('13:30〜14:10');
    expect(await conversationStateOf(h, u.userId)).toBe('review');
    expect(u.lastText()).toContain('12月10日(木)\n13:30〜14:10');
    expect(u.lastText()).toContain('12月8日(火)\n14:00〜14:40');
    expect(u.lastText()).toContain('ichiro.new@example.jp');
    review = u.lastText();
  });

  it('the name, typed, refused once: asked again, then back to the review (not to the next question)', async () => {
    await u.say('修正');
    await u.say('お名前');
    await u.say('4郎');
    expect(u.lastText()).toContain('お名前として読み取れませんでした');
    expect(await conversationStateOf(h, u.userId)).toBe('name');
    await u.say('編集 史郎');
    expect(await conversationStateOf(h, u.userId)).toBe('review');
    expect(u.lastText()).toContain('編集 史郎');
    review = u.lastText();
  });

  it('「修正せずに戻る」 returns to the same review', async () => {
    await u.tap('修正する');
    await u.tap('修正せずに戻る');
    expect(u.lastText()).toBe(review);
    expect(await conversationStateOf(h, u.userId)).toBe('review');
  });

  it('submitting stores the edited values and the untouched ones', async () => {
    await u.tap('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    expect(await bookingsOf('編集 一郎')).toHaveLength(0);
    const mine = await bookingsOf('編集 史郎');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      email: 'ichiro.new@example.jp',
      jobSeekerNumber: '02010-12345678',
      phone: '09012345678',
      app: 'zoom',
      kind: 'regular',
      interpreter: false,
      choices: [
        { start: '2026-12-10T13:30:00+09:00', end: '2026-12-10T14:10:00+09:00' },
        { start: '2026-12-08T14:00:00+09:00', end: '2026-12-08T14:40:00+09:00' },
      ],
    });
  });
});

describe('edits that touch other items', () => {
  it('a first choice changed to equal the second: the second is asked again, then the review', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000003');
    await typeUntil(u, 'review', { name: '編集 三郎', choice1: '12/11 10:00', choice2: '12/14 11:00' });
    await u.say('修正');
    await u.say('第一希望');
    await u.say('12/14 11:00');
    expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
    expect(u.lastText()).toContain('第2希望の日付');
    await u.say('12/14 10:30');
    expect(await conversationStateOf(h, u.userId)).toBe('review');
    await u.say('申し込む');
    const [b] = await bookingsOf('編集 三郎');
    expect(b?.choices.map((c) => c.start)).toEqual(['2026-12-14T11:00:00+09:00', '2026-12-14T10:30:00+09:00']);
  });

  it('the kind: both choices are asked again (another grid), then the review with the rest kept', async () => {
    const u = new ChatDriver(h, 'Uedit00000000000000000000000000005');
    await typeUntil(u, 'review', { name: '編集 五郎', choice1: '12/16 10:00', email: 'goro@example.jp' });
    await u.tap('修正する');
    await u.tap('相談の種類');
    await u.tap('マザーズコーナー');
    expect(u.lastText()).toContain('第1希望と第2希望をもう一度お選びください');
    await u.say('12/17 11:00');
    await u.say('12/17 13:30');
    expect(await conversationStateOf(h, u.userId)).toBe('review');
    expect(u.lastText()).toContain('マザーズコーナー');
    expect(u.lastText()).toContain('goro@example.jp');
    await u.tap('この内容で申し込む');
    const [b] = await bookingsOf('編集 五郎');
    expect(b).toMatchObject({
      kind: 'mothers',
      email: 'goro@example.jp',
      app: 'zoom',
      jobSeekerNumber: '02010-12345678',
    });
    expect(b?.choices.map((c) => c.start)).toEqual(['2026-12-17T11:00:00+09:00', '2026-12-17T13:30:00+09:00']);
  });
});
