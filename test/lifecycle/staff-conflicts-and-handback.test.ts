/**
 * Staff actions that meet a colleague's or the person's: a proposal typed after a colleague
 * confirmed, old cards' buttons for a confirmed or cancelled booking, 「担当者が対応」 on a request
 * already cancelled, the 「自動応答に戻す」 button for a person asking for staff without a booking,
 * and the staff API's answers when a slot is full or a booking already confirmed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsIn, ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
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
describe('「別の日時を提案」 and a colleague confirming the same request', () => {
  it('refuses the proposal typed after a colleague confirmed; the person only hears of the confirmation', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    const a = new StaffDriver(h, 'Ustaff0000000000000000000000000A');
    const c = new StaffDriver(h, 'Ustaff0000000000000000000000000B');
    await a.tap('別の日時を提案');
    expect(a.lastText()).toContain('提案する日時を送ってください');
    await c.tap('第1希望で確定');
    expect(c.lastText()).toContain('確定しました');
    const toPersonBefore = textsTo(u.userId).length;
    await a.say('12/8 14:00');
    expect(a.lastText()).toContain('ほかの職員が確定した');
    expect(textsTo(u.userId).length).toBe(toPersonBefore);
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
    // The question is closed: later chatter is not read as an answer.
    await a.say('12/9 14:00');
    expect(a.last).toEqual([]);
  });

  it("an old request card's 「別の日時を提案」 says the booking is confirmed; 「日時を変更」 on the confirmation moves it", async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000013');
    await bookByButtons(u, 'TeleOffice');
    const a = new StaffDriver(h);
    await a.tap('第1希望で確定');
    await a.tap('別の日時を提案');
    expect(a.lastText()).toContain('すでに確定しています');
    await a.tap('日時を変更');
    expect(a.lastText()).toContain('変更後の日時を送ってください');
    await a.say('12/8 14:00');
    expect(a.lastText()).toContain('日時を提案しました');
    expect(textsTo(u.userId).at(-1)).toContain('ご予約の日時の変更をお願いすることになりました');
    // Still confirmed at the first time until the person accepts.
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
  });

  it('「日時を変更」 is refused for a request: it has no session to move', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000023');
    await bookByButtons(u, 'TeleOffice');
    const [b] = await fetchBookings(h);
    // A confirmation note from an earlier life of this booking id cannot exist; forge the tap.
    const a = new StaffDriver(h);
    await a.tap('第1希望で確定');
    await api(`/api/bookings/${b!.id}/cancel`, { reason: '都合により', by: 'yamada' });
    await a.tap('日時を変更');
    expect(a.lastText()).toContain('操作できません');
  });
});

describe('asking for a person without a booking', () => {
  it('gives staff the 「自動応答に戻す」 button, which hands the chat back', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000004');
    await u.follow();
    await u.say('担当者と話す');
    expect(u.lastText()).toContain('担当者に引き継ぎました');
    const note = h.platform
      .delivered()
      .filter((d) => d.to === STAFF_GROUP)
      .at(-1)!.message;
    expect(actionsIn(note).map((a) => a.label)).toEqual(['自動応答に戻す']);
    expect(JSON.stringify(note)).not.toContain('青森');
    // Not carried out while staff have the chat; said why, rather than met with silence.
    await u.say('予約する');
    expect(u.lastText()).toContain('自動応答を止めています');
    const staff = new StaffDriver(h);
    await staff.tap('自動応答に戻す');
    expect(staff.lastText()).toContain('自動応答に戻しました');
    expect(textsTo(u.userId).at(-1)).toContain('自動応答');
    expect((await get(`/api/users/${u.userId}`)).user.handoff).toBe(false);
    await u.say('予約する');
    expect(u.last.length).toBeGreaterThan(0);
    // A second press says how things stand.
    await staff.tap('自動応答に戻す');
    expect(staff.lastText()).toContain('すでに自動応答');
  });
});

describe('an old 「担当者が対応」 on the card of a request the person cancelled', () => {
  it('does not silence the bot for them; staff are told the request has ended', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000007');
    await bookByButtons(u, 'TeleOffice');
    await u.say('予約キャンセル');
    await u.tap(u.lastActions().find((a) => a.label.includes('キャンセルする'))?.label ?? 'はい');
    expect((await fetchBookings(h))[0]!.status).toBe('cancelled');
    const before = textsTo(u.userId).length;
    const staff = new StaffDriver(h);
    await staff.tap('担当者が対応');
    expect(staff.lastText()).toContain('すでに終わっています');
    expect(textsTo(u.userId).length).toBe(before);
    expect((await get(`/api/users/${u.userId}`)).user.handoff).toBe(false);
  });
});

describe('staff API details', () => {
  it('names the field of slot_full and gives already_confirmed in Japan time', async () => {
    const a = new ChatDriver(h, 'Ureview0000000000000000000000008');
    const b = new ChatDriver(h, 'Ureview0000000000000000000000009');
    await bookByButtons(a, 'TeleOffice', '青森 花子', {
      first: ['12月10日(木)', '10:00〜10:40'],
      second: ['12月10日(木)', '10:30〜11:10'],
    });
    await bookByButtons(b, 'TeleOffice', '弘前 一郎', {
      first: ['12月10日(木)', '11:00〜11:40'],
      second: ['12月10日(木)', '10:30〜11:10'],
    });
    const all = await fetchBookings(h);
    const first = all.find((x) => x.lineUserId === a.userId);
    const second = all.find((x) => x.lineUserId === b.userId);
    expect((await api(`/api/bookings/${first!.id}/confirm`, { choice: 1, by: 'tanaka' })).status).toBe(200);
    const full = await api(`/api/bookings/${second!.id}/confirm`, { start: '2026-12-10T10:00:00+09:00', by: 'tanaka' });
    expect(full).toMatchObject({ status: 409, body: { code: 'slot_full', field: 'start' } });
    const twice = await api(`/api/bookings/${first!.id}/confirm`, { choice: 1, by: 'tanaka' });
    expect(twice.body).toMatchObject({
      code: 'already_confirmed',
      message: 'already confirmed for 2026-12-10T10:00:00+09:00',
    });
  });
});
