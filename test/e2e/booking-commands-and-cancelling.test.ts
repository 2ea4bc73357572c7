/**
 * The booking commands typed in the chat (予約変更, 予約キャンセル, 予約確認, キャンセル and
 * their sentence forms): what they answer mid-booking, with a request or a confirmed session, with a
 * change pending, after 「やめる」, for a stale button, and on the day of the session (phone only).
 * Each test runs the real server against the fake LINE platform.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: earliest bookable day Thu 12-03, horizon ends Tue 2027-01-26.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const staffApi = (method: 'POST' | 'PUT', path: string, body: unknown) => callStaffApi(h, method, path, body);

/** A request typed in full (12/3 10:00 and 12/4 14:00) and submitted. */
async function requested(userId: string): Promise<ChatDriver> {
  const u = new ChatDriver(h, userId);
  await typeUntil(u, 'review');
  await u.say('申し込む');
  expect(u.lastText()).toContain('受け付けました');
  return u;
}

/** The same, confirmed by staff on its first choice (12/3 10:00). */
async function confirmed(userId: string): Promise<ChatDriver> {
  const u = await requested(userId);
  const [booking] = await fetchBookings(h);
  const res = await staffApi('POST', `/api/bookings/${booking!.id}/confirm`, {
    choice: 1,
    meetingId: '123 456 789',
    passcode: 'abc123',
    by: 'tester',
  });
  expect(res.status).toBe(200);
  await u.say('予約確認'); // reads the confirmation the user was pushed, so later answers stand alone
  expect(u.lastText()).toContain('確定');
  return u;
}

describe('cancelling with a change pending', () => {
  it('names the confirmed session and the change, says both go, and cancels both', async () => {
    const u = await confirmed('Ureview0000000000000000000000001');
    await u.say('予約変更');
    expect(u.lastText()).toContain('それまでは今のご予約が有効です');
    await u.say('12/8 10:00');
    await u.say('12/9 10:00');
    await u.say('申し込む');
    await u.say('予約キャンセル');
    const card = u.lastText();
    expect(card).toContain('確定しているご予約と、お申し込み中の日時変更の両方をキャンセルします');
    expect(card).toContain('確定しているご予約: 12月3日(木) 10:00〜10:40（確定）');
    expect(card).toContain(
      '日時変更のお申し込み: 第1希望 12月8日(火) 10:00〜10:40 / 第2希望 12月9日(水) 10:00〜10:40（日程調整中）',
    );
    await u.tap('キャンセルする');
    expect((await fetchBookings(h)).map((b) => b.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('the change notice', () => {
  it('for a request staff have not confirmed, says the new times replace it when submitted', async () => {
    const u = await requested('Ureview0000000000000000000000002');
    await u.say('予約変更');
    expect(u.lastText()).toContain('今の第1希望・第2希望は新しい希望日時に置き換わります');
    expect(u.lastText()).not.toContain('それまでは今のご予約が有効です');
  });
});

describe('booking commands mid-booking without a booking', () => {
  it('answer and ask the same question again, keeping what was typed', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000003');
    await typeUntil(u, 'email');
    for (const command of ['予約変更', '予約変更・キャンセル', '予約キャンセル', '今すぐ相談', '予約確認']) {
      await u.say(command);
      expect(u.lastText()).toContain('入力中のお申し込みは、このまま続けられます');
      expect(u.lastText()).toContain('メールアドレスを入力してください');
      expect(await conversationStateOf(h, u.userId)).toBe('email');
    }
    await u.say('hanako@example.jp');
    await u.say('090-1234-5678');
    await u.say('同席しません');
    expect(u.lastText()).toContain('12月3日(木)\n10:00〜10:40');
  });
});

describe('キャンセル typed', () => {
  it('at the name question stops the input instead of becoming the name', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000004');
    await typeUntil(u, 'name');
    await u.say('キャンセル');
    expect(u.lastText()).toContain('お申し込みの入力を中止しました');
    expect(await conversationStateOf(h, u.userId)).toBe('idle');
  });

  it('while idle, 「予約をキャンセルしたい」 asks to confirm cancelling the booking', async () => {
    const u = await requested('Ureview0000000000000000000000005');
    await u.say('予約をキャンセルしたい');
    expect(u.lastText()).toContain('次の予約をキャンセルします。よろしいですか');
  });
});

describe('「やめる」 at the cancel confirmation', () => {
  it('says nothing was cancelled, and the booking stays', async () => {
    const u = await requested('Ureview0000000000000000000000006');
    await u.say('予約キャンセル');
    await u.say('やめる');
    expect(u.lastText()).toContain('キャンセルせず、ご予約はそのままにしています');
    expect(u.lastText()).not.toContain('破棄しました');
    expect((await fetchBookings(h))[0]?.status).toBe('requested');
  });
});

describe('a stale button while idle', () => {
  it('a second tap of 「この内容で申し込む」 is told the button is no longer valid and what to send', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000007');
    await typeUntil(u, 'review');
    const submit = u.lastActions().find((a) => a.label === 'この内容で申し込む') as { data: string };
    await u.tapData(submit.data);
    await u.tapData(submit.data);
    expect(u.lastText()).toContain('そのボタンは、すでに使えなくなっています');
    // The request went through: nothing in the answer may read as if it had lapsed.
    expect(u.lastText()).toContain('操作が済んだか');
    expect(u.lastText()).not.toContain('入力途中のお申し込みは、時間がたつと終了します');
    expect(u.lastText()).toContain('「予約確認」');
    expect(u.lastText()).not.toContain('いまの質問にお答えください');
    expect(await fetchBookings(h)).toHaveLength(1);
  });
});

describe('on the day of a confirmed session', () => {
  it('予約キャンセル gives the phone number at once, without asking to confirm', async () => {
    const u = await confirmed('Ureview000000000000000000000000b');
    h.clock.set(new Date('2026-12-02T23:30:00Z')); // 12/3 08:30 in Japan, the session at 10:00
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('ご予約当日のキャンセルや日時の変更は、お電話でのみ承っております');
    expect(u.lastText()).toContain('017-776-1561');
    expect(u.lastText()).not.toContain('よろしいですか');
    expect(await conversationStateOf(h, u.userId)).toBe('idle');
  });
});
