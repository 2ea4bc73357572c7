/**
 * What a person reads in situations a review found answered wrongly: booking commands
 * mid-booking, キャンセル typed, the cancel confirmation with a pending change, stale buttons
 * while idle, immediate-session hours, dates read as next year's, whole days full, and cancelling
 * on the day of the session. Each test runs the real server against the fake LINE platform.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerUpToDates } from '../support/booking-flow.js';
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
  const res = await staffApi('POST', `/api/bookings/${booking!.id}/confirm`, { choice: 1, meetingId: '123 456 789', passcode: 'abc123', by: 'tester' });
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
    expect(card).toContain('日時変更のお申し込み: 第1希望 12月8日(火) 10:00〜10:40 / 第2希望 12月9日(水) 10:00〜10:40（日程調整中）');
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
      expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('email');
    }
    await u.say('hanako@example.jp');
    await u.say('090-1234-5678');
    await u.say('同席しません');
    expect(u.lastText()).toContain('12月3日(木) 10:00〜10:40');
  });
});

describe('キャンセル typed', () => {
  it('at the name question stops the input instead of becoming the name', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000004');
    await typeUntil(u, 'name');
    await u.say('キャンセル');
    expect(u.lastText()).toContain('お申し込みの入力を中止しました');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('idle');
  });

  it('while idle, 「予約をキャンセルしたい」 asks to confirm cancelling the booking', async () => {
    const u = await requested('Ureview0000000000000000000000005');
    await u.say('予約をキャンセルしたい');
    expect(u.lastText()).toContain('次の予約をキャンセルします。よろしいですか');
  });
});

describe('a day that fills up while the person picks its time', () => {
  it('says the day has no time left and offers another day, instead of an empty time question', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000097');
    await u.say('予約する');
    await u.tap('同意する');
    await answerUpToDates(u, 'TeleOffice');
    await u.tap('12月3日(木)');
    expect(u.lastText()).toContain('空いている時間です');
    // Meanwhile every slot of that day is taken (here: closed by staff).
    for (const start of ['10:00', '10:30', '11:00', '13:30', '14:00', '14:30']) {
      expect((await staffApi('PUT', '/api/capacity', { kind: 'regular', date: '2026-12-03', start, capacity: 0, by: '山田' })).status).toBe(200);
    }
    await u.say('10:00');
    expect(u.lastText()).toContain('ただいま空いている時間がなくなりました');
    expect(new Set(u.lastActions().map((a) => a.label))).toEqual(new Set(['別の日を選ぶ']));
  });
});

describe('emoji in a typed answer', () => {
  it('a LINE emoji ($ in the text) or a Unicode one after an option does not stop it from matching', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000098');
    await u.say('予約する😊');
    expect(u.lastText()).toContain('利用規約');
    await u.say('同意します$');
    expect(u.lastText()).toContain('求職登録');
  });
});

describe('a reply that is not a name', () => {
  it('「はい」 at the name question is asked again instead of becoming the name on the request', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000099');
    await typeUntil(u, 'name');
    await u.say('はい');
    expect(u.lastText()).toContain('求職登録されているお名前（フルネーム）を入力してください');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('name');
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
    expect(u.lastText()).toContain('「予約確認」');
    expect(u.lastText()).not.toContain('いまの質問にお答えください');
    expect(await fetchBookings(h)).toHaveLength(1);
  });
});

describe('今すぐ相談 after the last start', () => {
  it('at 11:45 says until when a 30-minute session can start', async () => {
    h.clock.set(new Date('2026-12-01T02:45:00Z')); // 11:45 in Japan
    expect((await staffApi('PUT', '/api/immediate', { enabled: true, by: 'tester' })).status).toBe(200);
    const u = new ChatDriver(h, 'Ureview0000000000000000000000008');
    await u.say('こんにちは');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('今すぐ相談（30分）は、相談時間内に終えられるよう、開庁日の10:00〜11:30、13:30〜15:00に始める場合にご利用いただけます');
    expect(u.lastText()).not.toContain('10:00〜12:00');
  });
});

describe('dates', () => {
  it('a yearless date already past this year is refused showing the year it was read as', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000009');
    await typeUntil(u, 'choice1Date');
    await u.say('11/30 10:00');
    expect(u.lastText()).toContain('2027年11月30日(火)はご予約の受付期間外です');
  });

  it('a date typed alone whose day is full is refused as a full day, naming no time', async () => {
    for (const start of ['10:00', '10:30', '11:00', '13:30', '14:00', '14:30']) {
      expect((await staffApi('PUT', '/api/capacity', { kind: 'regular', date: '2026-12-03', start, capacity: 0, by: 'tester' })).status).toBe(200);
    }
    const u = new ChatDriver(h, 'Ureview000000000000000000000000a');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3');
    expect(u.lastText()).toContain('12月3日(木)は、すべての時間の枠がすでに埋まっております');
    expect(u.lastText()).not.toContain('10:00の枠');
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
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('idle');
  });
});
