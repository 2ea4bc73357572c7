import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const HOUR = 3_600_000;

describe('users check, change and cancel in the chat', () => {
  it('予約確認 shows the request and its status, or says there is none', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000001');
    await u.say('予約確認');
    expect(u.lastText()).toContain('お申し込み中の予約はありません');
    await bookByButtons(u, 'TeleOffice');
    await u.say('予約確認');
    expect(u.lastText()).toContain('受付済み（日程調整中）');
    expect(u.lastText()).toContain('12月3日(木)\n10:00〜10:40');
  });

  it('予約キャンセル asks for confirmation and cancels up to the day before', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('キャンセルします。よろしいですか');
    await u.tap('キャンセルする');
    expect(u.lastText()).toContain('キャンセルしました');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'cancelled' });
    const staffNotes = h.platform
      .delivered()
      .filter((d) => d.to.startsWith('C'))
      .map((d) => JSON.stringify(d.message));
    expect(staffNotes.some((t) => t.includes('ご本人がキャンセルしました'))).toBe(true);
  });

  it('refuses to cancel on the day of the session and gives the office phone number', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    h.clock.set(new Date('2026-12-02T23:30:00Z')); // 12/3 08:30 JST, the day of the session
    // Refused at once: no confirmation question first.
    await u.say('予約キャンセル');
    expect(u.lastActions().map((a) => a.label)).not.toContain('キャンセルする');
    expect(u.lastText()).toContain('当日のキャンセルや日時の変更は、お電話でのみ');
    expect(u.lastText()).toContain('017-776-1561');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'confirmed' });
  });

  it('予約変更 picks new times and becomes a change request; the confirmed booking stays until staff confirm', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000004');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    await u.say('予約変更');
    expect(u.lastText()).toContain('第1希望の日付');
    await u.tap('12月4日(金)');
    await u.tap('13:30〜14:10');
    await u.tap('12月4日(金)');
    await u.tap('14:00〜14:40');
    expect(u.lastText()).toContain('お申し込み内容をご確認ください');
    expect(u.lastText()).toContain('青森 花子');
    await u.tap('この内容で申し込む');
    let bookings = await fetchBookings(h);
    expect(bookings.map((b) => b.status).sort()).toEqual(['confirmed', 'requested']);
    const staff = new StaffDriver(h);
    await staff.tap('第1希望で確定');
    bookings = await fetchBookings(h);
    expect(bookings.map((b) => b.status).sort()).toEqual(['cancelled', 'confirmed']);
    expect(bookings.find((b) => b.status === 'confirmed')!.confirmed!.start).toBe('2026-12-04T13:30:00+09:00');
  });

  it('担当者と話す pauses the bot and tells staff; handing back resumes it', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000005');
    await bookByButtons(u, 'TeleOffice');
    await u.say('担当者と話す');
    expect(u.lastText()).toContain('担当者に引き継ぎました。職員からこのトークでお返事しますので');
    expect(u.lastText()).toContain('「予約確認」と送るとご予約の内容を確認できます');
    await u.say('こんにちは、質問があります');
    expect(u.last).toHaveLength(0);
    // 予約確認 and ヘルプ still answer, saying that staff still have the chat; other commands are
    // not carried out, and the person is told to tell staff.
    await u.say('予約確認');
    expect(u.lastText()).toContain('12月3日(木)\n10:00〜10:40');
    expect(u.lastText()).toContain('ただいま職員が対応しています');
    await u.say('ヘルプ');
    expect(u.lastText()).toContain('「予約する」… 予約を始めます');
    await u.say('予約する');
    expect(u.lastText()).toContain('予約のキャンセルや日時の変更も、このトークのまま職員にお伝えください');
    const staff = new StaffDriver(h);
    await staff.tap('自動応答に戻す');
    await u.say('予約確認');
    expect(u.lastText()).toContain('受付済み');
  });
});

describe('asking for a person while the office is closed', () => {
  it('says when staff will answer: the next opening time', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000009');
    await bookByButtons(u, 'TeleOffice');
    h.clock.set(new Date('2026-12-04T11:00:00Z')); // Friday 20:00 in Japan
    await u.say('担当者と話す');
    expect(u.lastText()).toContain('ただいま閉庁時間のため、職員からのお返事は12月7日(月) 8:30以降になります。');
  });
});

describe('timed work', () => {
  it('reminds staff and tells the user to phone when the reply deadline passes unanswered', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000006');
    await bookByButtons(u, 'TeleOffice');
    h.clock.advance(33 * HOUR); // past 12/2 17:15 JST
    await h.runJobs();
    await h.settle();
    const toUser = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => JSON.stringify(d.message));
    expect(toUser.at(-1)).toContain('お電話でご確認ください');
    // Which request, and that it still stands: the deadline falls at closing time.
    expect(toUser.at(-1)).toContain('第1希望 12月3日(木) 10:00');
    expect(toUser.at(-1)).toContain('そのまま有効');
    const toStaff = h.platform
      .delivered()
      .filter((d) => d.to.startsWith('C'))
      .map((d) => JSON.stringify(d.message));
    expect(toStaff.at(-1)).toContain('返信期限切れ');
  });

  it('sends the day-before and morning reminders, asks staff at start + 10 minutes, records the no-show they report and flags after two', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000007');
    await bookByButtons(u, 'TeleOffice', '青森 三郎');
    await new StaffDriver(h).tap('第1希望で確定');
    h.clock.set(new Date('2026-12-02T03:00:00Z')); // 12/2 12:00 JST: day-before reminder
    await h.runJobs();
    await h.settle();
    const texts = (id: string) =>
      h.platform
        .delivered()
        .filter((d) => d.to === id)
        .map((d) => JSON.stringify(d.message));
    expect(texts('U3000000000000000000000000000007').some((t) => t.includes('明日はオンライン相談の日です'))).toBe(
      true,
    );
    h.clock.set(new Date('2026-12-02T23:30:00Z')); // 12/3 08:30 JST
    await h.runJobs();
    await h.settle();
    expect(texts('U3000000000000000000000000000007').some((t) => t.includes('本日はオンライン相談の日です'))).toBe(
      true,
    );
    h.clock.set(new Date('2026-12-03T01:09:59Z')); // 10:09:59: still confirmed
    await h.runJobs();
    expect((await fetchBookings(h)).filter((b) => b.status === 'no_show')).toHaveLength(0);
    h.clock.set(new Date('2026-12-03T01:10:00Z')); // 10:10:00: staff are asked, nothing is recorded yet
    await h.runJobs();
    await h.settle();
    expect((await fetchBookings(h)).filter((b) => b.status === 'no_show')).toHaveLength(0);
    await new StaffDriver(h).tap('接続なし');
    expect((await fetchBookings(h)).filter((b) => b.status === 'no_show')).toHaveLength(1);
    const staffText = () =>
      h.platform
        .delivered()
        .filter((d) => d.to.startsWith('C'))
        .map((d) => JSON.stringify(d.message))
        .join('\n');
    expect(staffText()).not.toContain('要確認');
    // A second missed session by the same person flags them for staff (staff decide; nobody is banned).
    h.clock.set(new Date('2026-12-03T03:00:00Z'));
    await bookByButtons(u, 'TeleOffice', '青森 三郎');
    await new StaffDriver(h).tap('第1希望で確定');
    const second = (await fetchBookings(h)).find((b) => b.status === 'confirmed')!;
    h.clock.set(new Date(Date.parse(second.confirmed!.start) + 10 * 60_000));
    await h.runJobs();
    await h.settle();
    await new StaffDriver(h).tap('接続なし');
    expect((await fetchBookings(h)).filter((b) => b.status === 'no_show')).toHaveLength(2);
    expect(staffText()).toContain('要確認');
    await u.say('予約する');
    expect(u.lastText()).not.toContain('停止');
  });

  it('holds pushes to users during quiet hours until the morning', async () => {
    const u = new ChatDriver(h, 'U3000000000000000000000000000009');
    await bookByButtons(u, 'TeleOffice');
    h.clock.set(new Date('2026-12-01T13:00:00Z')); // 22:00 JST
    await new StaffDriver(h).tap('第1希望で確定');
    const pushesTo = () => h.platform.delivered().filter((d) => d.to === u.userId && d.via === 'push');
    expect(pushesTo()).toHaveLength(0);
    h.clock.set(new Date('2026-12-01T23:00:01Z')); // 08:00:01 JST
    await h.settle();
    expect(
      pushesTo()
        .map((d) => JSON.stringify(d.message))
        .join(),
    ).toContain('日時が確定しました');
  });

  it('a job whose messages were queued is not sent twice after a restart', async () => {
    const u = new ChatDriver(h, 'U300000000000000000000000000000a');
    await bookByButtons(u, 'TeleOffice');
    h.clock.advance(33 * HOUR);
    h.platform.setDown(503);
    await h.runJobs();
    await h.settle();
    await h.restart();
    await h.runJobs();
    h.platform.setDown(null);
    h.clock.advance(10 * 60_000);
    await h.settle();
    const overdue = h.platform
      .delivered()
      .filter((d) => d.to === u.userId && JSON.stringify(d.message).includes('ご連絡が遅れており'));
    expect(overdue).toHaveLength(1);
  });
});
