/**
 * Natural replies understood where the meaning is plain: 「はい、同意します」 at the terms, half a day
 * with a date (that half-day's free starts as buttons), two wishes in one message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

it('「はい、同意します」 at the terms is the agreement', async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000001');
  await u.say('予約する');
  expect(u.lastText()).toContain('利用規約');
  await u.say('はい、同意します');
  expect(await conversationStateOf(h, u.userId)).toBe('registered');
});

it("「12/16 午前中」 offers that morning's free starts as buttons, and one tap chooses", async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000002');
  await typeUntil(u, 'choice1Date');
  await u.say('12/16 午前中');
  expect(u.lastText()).toContain('12月16日(水)午前の空いている時間です');
  const times = new Set(u.lastActions().map((a) => a.label));
  expect(times).toEqual(new Set(['10:00〜10:40', '10:30〜11:10', '11:00〜11:40', '別の日を選ぶ', 'ひとつ前に戻る']));
  await u.tap('10:30〜11:10');
  expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
});

it('「午後」 at the time question of a day offers its afternoon', async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000003');
  await typeUntil(u, 'choice1Date');
  await u.tap('12月4日(金)');
  await u.say('午後');
  expect(new Set(u.lastActions().map((a) => a.label))).toEqual(
    new Set(['13:30〜14:10', '14:00〜14:40', '14:30〜15:10', '別の日を選ぶ', 'ひとつ前に戻る']),
  );
});

it('「16日14時か17日10時」 fills both choices after checking each, and asks for the e-mail next', async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000004');
  await typeUntil(u, 'choice1Date');
  await u.say('16日14時か17日10時');
  expect(await conversationStateOf(h, u.userId)).toBe('email');
  expect(u.lastText()).toContain(
    '第1希望を12月16日(水) 14:00〜14:40、第2希望を12月17日(木) 10:00〜10:40として承りました',
  );
  for (const step of ['hanako@example.jp', '090-1234-5678', '同席しません']) await u.say(step);
  expect(u.lastText()).toMatch(/12月16日\(水\)\s+14:00/);
  expect(u.lastText()).toMatch(/12月17日\(木\)\s+10:00/);
});

it('the 「ひとつ前に戻る」 button under a question goes back, as typing 「戻る」 does', async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000007');
  await typeUntil(u, 'phone', { choice1: '12/7 10:00', choice2: '12/8 14:00' });
  await u.tap('ひとつ前に戻る');
  expect(u.lastText()).toContain('ひとつ前の質問に戻ります');
  expect(u.lastText()).toContain('メールアドレスを入力してください');
  expect(await conversationStateOf(h, u.userId)).toBe('email');
  // The first question of a booking has nothing before it: no button there.
  await u.say('やめる');
  await u.say('予約する');
  expect(await conversationStateOf(h, u.userId)).not.toBe('idle');
  expect(u.lastActions().map((a) => a.label)).not.toContain('ひとつ前に戻る');
});

it('「戻る」 goes back to the previous question, keeping what was given', async () => {
  const u = new ChatDriver(h, 'Unatural0000000000000000000000005');
  await typeUntil(u, 'email', { choice1: '12/7 10:00', choice2: '12/8 14:00' });
  await u.say('戻る');
  expect(u.lastText()).toContain('ひとつ前の質問に戻ります');
  expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
  // The second choice is answered again; the rest stays.
  await u.say('12/9 14:00');
  for (const step of ['hanako@example.jp', '090-1234-5678', '同席しません']) await u.say(step);
  expect(u.lastText()).toMatch(/12月7日\(月\)\s+10:00/);
  expect(u.lastText()).toMatch(/12月9日\(水\)\s+14:00/);
  expect(u.lastText()).toContain('青森 花子');
});
