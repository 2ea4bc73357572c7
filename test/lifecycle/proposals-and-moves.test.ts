/**
 * Staff proposing another time or moving a confirmed session: the meeting details the person holds
 * until they accept, a proposal that no longer stands once the office cancelled, a colleague's
 * proposal that wins over an answer typed after it, a bare 「2:00」 read as 14:00, and a pending
 * change request cancelled with the session it would have replaced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, STAFF_GROUP, type Harness } from '../support/harness.js';
import { fetchBookings, getStaffApi, postStaffApi } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const api = (path: string, body: unknown) => postStaffApi(h, path, body);
const get = (path: string) => getStaffApi(h, path);
const textsTo = (to: string) => textsDeliveredTo(h, to);
function lookAtLatestCard(u: ChatDriver): void {
  u.last = [
    h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)!.message,
  ];
}

describe('moving a confirmed Zoom session with new meeting details', () => {
  it('keeps the meeting the person was given until they accept the move', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000001');
    await bookByButtons(u, 'Zoom');
    const [b] = await fetchBookings(h);
    expect(
      (
        await api(`/api/bookings/${b!.id}/confirm`, {
          choice: 1,
          meetingId: '123 4567 8901',
          passcode: 'old111',
          by: 'yamada',
        })
      ).status,
    ).toBe(200);
    const proposed = await api(`/api/bookings/${b!.id}/propose`, {
      start: '2026-12-04T14:00:00+09:00',
      meetingId: '999 8888 7777',
      passcode: 'new222',
      by: 'yamada',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.booking.meeting).toEqual({ meetingId: '123 4567 8901', passcode: 'old111' });
    expect(proposed.body.booking.proposed).toMatchObject({
      start: '2026-12-04T14:00:00+09:00',
      meeting: { meetingId: '999 8888 7777', passcode: 'new222' },
      by: 'api:yamada',
    });
    lookAtLatestCard(u);
    await u.tap('別の日時を希望する');
    const after = (await get(`/api/bookings/${b!.id}`)).booking;
    expect(after.status).toBe('confirmed');
    expect(after.confirmed.start).toBe('2026-12-03T10:00:00+09:00');
    expect(after.meeting).toEqual({ meetingId: '123 4567 8901', passcode: 'old111' });
    expect(after.proposed).toBeNull();
  });

  it('tells staff when the person turns the proposal down and then stops giving new times', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000021');
    await bookByButtons(u, 'Zoom');
    const [b] = await fetchBookings(h);
    const proposed = await api(`/api/bookings/${b!.id}/propose`, {
      start: '2026-12-04T14:00:00+09:00',
      meetingId: '999 8888 7777',
      passcode: 'new222',
      by: 'yamada',
    });
    expect(proposed.status).toBe(200);
    lookAtLatestCard(u);
    await u.tap('別の日時を希望する');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('提案の日時を辞退し、別の日時を希望しています');
    await u.say('やめる');
    expect(u.lastText()).toContain('入力をやめたことは担当の職員に伝えました');
    expect(u.lastText()).not.toContain('今のご予約はそのままです');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('新しい希望日時の入力をやめました');
    expect((await get(`/api/bookings/${b!.id}`)).booking.status).toBe('requested');
    // A change begun by the person themselves, stopped: nothing for staff, who wait for nothing.
    const staffNotes = textsTo(STAFF_GROUP).length;
    await u.say('予約変更');
    await u.say('やめる');
    expect(u.lastText()).toContain('日時の変更を中止しました');
    expect(textsTo(STAFF_GROUP)).toHaveLength(staffNotes);
  });

  it('gives the person the new meeting details when they accept the move', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000011');
    await bookByButtons(u, 'Zoom');
    const [b] = await fetchBookings(h);
    await api(`/api/bookings/${b!.id}/confirm`, {
      choice: 1,
      meetingId: '123 4567 8901',
      passcode: 'old111',
      by: 'yamada',
    });
    await api(`/api/bookings/${b!.id}/propose`, {
      start: '2026-12-04T14:00:00+09:00',
      meetingId: '999 8888 7777',
      passcode: 'new222',
      by: 'yamada',
    });
    lookAtLatestCard(u);
    await u.tap('この日時で受ける');
    expect(u.lastText()).toContain('new222');
    const after = await get(`/api/bookings/${b!.id}`);
    expect(after.booking.confirmed.start).toBe('2026-12-04T14:00:00+09:00');
    expect(after.booking.meeting).toEqual({ meetingId: '999 8888 7777', passcode: 'new222' });
    // Confirmed in the name of who arranged it; the history says the person accepted.
    expect(after.booking.confirmedBy).toBe('api:yamada');
    expect(after.actions.at(-1)).toMatchObject({
      action: 'confirm',
      by: 'api:yamada',
      via: 'api',
      detail: { start: '2026-12-04T05:00:00.000Z', acceptedByPerson: true },
    });
  });
});

describe('an old 「別の日時を希望する」 after the office cancelled the booking', () => {
  it('tells the person the proposal no longer stands, and staff hear nothing', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    const [b] = await fetchBookings(h);
    expect(
      (await api(`/api/bookings/${b!.id}/propose`, { start: '2026-12-08T14:00:00+09:00', by: 'yamada' })).status,
    ).toBe(200);
    const proposal = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)!.message;
    expect((await api(`/api/bookings/${b!.id}/cancel`, { reason: '担当者の急病のため', by: 'yamada' })).status).toBe(
      200,
    );
    const staffBefore = textsTo(STAFF_GROUP).length;
    const updatedBefore = (await get(`/api/bookings/${b!.id}`)).booking.updatedAt;
    u.last = [proposal];
    await u.tap('別の日時を希望する');
    expect(textsTo(STAFF_GROUP).slice(staffBefore)).toEqual([]);
    expect(u.lastText()).toContain('ご提案');
    expect((await get(`/api/bookings/${b!.id}`)).booking.updatedAt).toBe(updatedBefore);
  });
});

describe('「日時を変更」 and a colleague moving the same session meanwhile', () => {
  it("refuses the answer typed after the colleague's proposal, which stands", async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000033');
    await bookByButtons(u, 'TeleOffice');
    const a = new StaffDriver(h, 'Ustaff0000000000000000000000000A');
    await a.tap('第1希望で確定');
    await a.tap('日時を変更');
    const [b] = await fetchBookings(h);
    h.clock.advance(1000);
    expect(
      (await api(`/api/bookings/${b!.id}/propose`, { start: '2026-12-09T14:00:00+09:00', by: 'yamada' })).status,
    ).toBe(200);
    const toPersonBefore = textsTo(u.userId).length;
    await a.say('12/8 14:00');
    expect(a.lastText()).toContain('ほかの操作があった');
    expect(textsTo(u.userId).length).toBe(toPersonBefore);
    expect((await get(`/api/bookings/${b!.id}`)).booking.proposed.start).toBe('2026-12-09T14:00:00+09:00');
  });

  it("reads a bare 「2:00」 typed by staff as 14:00, as in the person's chat", async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000034');
    await bookByButtons(u, 'TeleOffice');
    const a = new StaffDriver(h);
    await a.tap('別の日時を提案');
    await a.say('12/8 2:00');
    expect(a.lastText()).toContain('日時を提案しました');
    const [b] = await fetchBookings(h);
    expect((await get(`/api/bookings/${b!.id}`)).booking.proposed.start).toBe('2026-12-08T14:00:00+09:00');
  });
});

describe("the office cancels a confirmed session while the person's change request is pending", () => {
  it('cancels the change request with it and says so to the person and to staff', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000005');
    await bookByButtons(u, 'TeleOffice', '青森 花子', {
      first: ['12月10日(木)', '10:00〜10:40'],
      second: ['12月10日(木)', '10:30〜11:10'],
    });
    const [b] = await fetchBookings(h);
    expect((await api(`/api/bookings/${b!.id}/confirm`, { choice: 1, by: 'tanaka' })).status).toBe(200);
    await u.say('予約変更');
    for (const label of ['12月3日(木)', '10:00〜10:40', '12月3日(木)', '10:30〜11:10', 'この内容で申し込む'])
      await u.tap(label);
    const change = (await fetchBookings(h)).find((x) => x.status === 'requested')!;
    const staffBefore = textsTo(STAFF_GROUP).length;
    expect((await api(`/api/bookings/${b!.id}/cancel`, { reason: '担当者の急病のため', by: 'tanaka' })).status).toBe(
      200,
    );
    expect(textsTo(u.userId).at(-1)).toContain('日時変更のお申し込みも、あわせて取り消しました');
    const ended = (await get(`/api/bookings/${change.id}`)).booking;
    expect(ended).toMatchObject({ status: 'cancelled', cancelReason: '担当者の急病のため', cancelledBy: 'api:tanaka' });
    expect(textsTo(STAFF_GROUP).slice(staffBefore).join('\n')).toContain(
      `日時変更の申込み 受付番号 ${change.id.slice(0, 8)}`,
    );
    await u.say('予約する');
    expect(u.lastText()).not.toContain('すでにお申し込み中');
  });
});
