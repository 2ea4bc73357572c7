import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { textEvent } from '../support/line-events.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

async function changeTo(u: ChatDriver, date: string, first: string, second: string): Promise<void> {
  await u.say('予約変更');
  await u.tap(date);
  await u.tap(first);
  await u.tap(date);
  await u.tap(second);
  await u.tap('この内容で申し込む');
}

describe('changing a confirmed booking more than once', () => {
  it('keeps one confirmed session: the last change replaces the confirmed booking when staff confirm it', async () => {
    const u = new ChatDriver(h, 'U5000000000000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    await changeTo(u, '12月4日(金)', '13:30〜14:10', '14:00〜14:40');
    await changeTo(u, '12月7日(月)', '10:00〜10:40', '10:30〜11:10');
    let statuses = (await fetchBookings(h)).map((b) => b.status).sort();
    expect(statuses).toEqual(['cancelled', 'confirmed', 'requested']);
    await new StaffDriver(h).tap('第1希望で確定');
    const bookings = await fetchBookings(h);
    statuses = bookings.map((b) => b.status).sort();
    expect(statuses).toEqual(['cancelled', 'cancelled', 'confirmed']);
    expect(bookings.find((b) => b.status === 'confirmed')!.confirmed!.start).toBe('2026-12-07T10:00:00+09:00');
  });

  it('shows both the confirmed booking and the pending change, and cancelling cancels both', async () => {
    const u = new ChatDriver(h, 'U5000000000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    await changeTo(u, '12月4日(金)', '13:30〜14:10', '14:00〜14:40');
    await u.say('予約確認');
    expect(u.lastText()).toContain('確定しているご予約');
    expect(u.lastText()).toContain('日時変更のお申し込み');
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    expect((await fetchBookings(h)).every((b) => b.status === 'cancelled')).toBe(true);
  });

  it('refuses a change on the day of the confirmed session and gives the phone number', async () => {
    const u = new ChatDriver(h, 'U5000000000000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    h.clock.set(new Date('2026-12-02T23:00:00Z')); // 12/3 08:00 JST
    await u.say('予約変更');
    expect(u.lastText()).toContain('お電話でのみ');
    expect(u.lastText()).toContain('017-776-1561');
  });
});

describe('quiet hours never hold an answer to the user\u2019s own message', () => {
  it('answers at 22:00 at once; a confirmation held for the morning comes just before, as the person is writing anyway', async () => {
    const u = new ChatDriver(h, 'U5000000000000000000000000000004');
    await bookByButtons(u, 'TeleOffice');
    h.clock.set(new Date('2026-12-01T12:30:00Z')); // 21:30 JST
    await new StaffDriver(h).tap('第1希望で確定');
    expect(
      h.platform
        .delivered()
        .filter((d) => d.to === u.userId && JSON.stringify(d.message).includes('日時が確定しました')),
    ).toHaveLength(0);
    h.clock.set(new Date('2026-12-01T13:00:00Z')); // 22:00 JST
    await u.say('ヘルプ');
    expect(u.last.map((m) => JSON.stringify(m))).toEqual([
      expect.stringContaining('日時が確定しました'),
      expect.stringContaining('予約確認'),
    ]);
  });

  it('never delivers a held confirmation after the person cancelled the booking in the meantime', async () => {
    const u = new ChatDriver(h, 'U5000000000000000000000000000006');
    await bookByButtons(u, 'TeleOffice');
    h.clock.set(new Date('2026-12-01T13:00:00Z')); // 22:00 JST
    await new StaffDriver(h).tap('第1希望で確定');
    h.clock.set(new Date('2026-12-01T22:30:00Z')); // 07:30 JST, before the morning
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    h.clock.set(new Date('2026-12-01T23:00:01Z')); // 08:00 JST
    await h.app.sender.flush();
    const said = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => JSON.stringify(d.message));
    const confirmedAt = said.findIndex((t) => t.includes('日時が確定しました'));
    expect(confirmedAt).toBeGreaterThanOrEqual(0);
    expect(said.slice(confirmedAt + 1).some((t) => t.includes('キャンセルしました'))).toBe(true);
    expect(said.at(-1)).not.toContain('日時が確定しました');
  });

  it('answers a redelivered message at night by push at once', async () => {
    const userId = 'U5000000000000000000000000000005';
    h.clock.set(new Date('2026-12-01T13:00:00Z')); // 22:00 JST
    await h.post([textEvent({ userId, text: 'ヘルプ', isRedelivery: true })]);
    await h.settle();
    expect(h.platform.delivered().filter((d) => d.to === userId && d.via === 'push').length).toBeGreaterThan(0);
  });
});
