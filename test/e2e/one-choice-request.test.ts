/**
 * Terms 6(2)③: preferred times 「第2希望まで」. A request with one choice, end to end through the
 * webhook: the person says 「第2希望はなし」, the staff card and the API show one choice and no
 * way to confirm a second, and staff confirm the first (docs/office-rules.md §9).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBookingAction } from '../../machines/booking/postback.js';
import { actionsIn, ChatDriver, textOf, textsDeliveredTo } from '../support/chat-driver.js';
import { answerUpToDates, StaffDriver } from '../support/booking-flow.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { postbackEvent } from '../support/line-events.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: earliest bookable day is Thursday 12-03.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const USER = 'U0900000000000000000000000000001';

async function requestWithOneChoice(u: ChatDriver): Promise<void> {
  await u.say('予約する');
  await u.tap('同意する');
  await answerUpToDates(u, 'TeleOffice');
  await u.tap('12月3日(木)');
  await u.tap('10:00〜10:40');
  expect(u.lastText()).toContain('第2希望の日付');
  expect(u.lastActions().map((a) => a.label)).toContain('第2希望はなし');
  await u.tap('第2希望はなし');
  await u.say('hanako@example.jp');
  await u.say('090-1234-5678');
  await u.tap('同席しません');
  expect(u.lastText()).toContain('お申し込み内容をご確認ください');
  expect(u.lastText()).toMatch(/第1希望\n12月3日\(木\)\n10:00〜10:40\n第2希望\nなし/);
  await u.tap('この内容で申し込む');
  expect(u.lastText()).toContain('受け付けました');
}

describe('a request with one preferred time', () => {
  it('is filed, shown to staff with one choice, refused at a second, and confirmed at the first', async () => {
    const u = new ChatDriver(h, USER);
    await requestWithOneChoice(u);

    // The staff card: the first choice, 「なし」 for the second, and no button to confirm a second.
    const cards = h.platform.delivered().filter((d) => d.to === STAFF_GROUP);
    expect(cards).toHaveLength(1);
    const card = cards[0]!.message;
    // The staff card also says whether the time is still free.
    expect(textOf(card)).toMatch(/第1希望\n12月3日\(木\)\n10:00〜10:40（空きあり）\n第2希望\nなし/);
    const buttons = actionsIn(card).map((a) => a.label);
    expect(buttons).toContain('第1希望で確定');
    expect(buttons).not.toContain('第2希望で確定');

    // The API lists one choice, and refuses to confirm a second one with a reason.
    const [listed] = await fetchBookings(h);
    expect(listed!.choices).toEqual([{ start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T10:40:00+09:00' }]);
    const second = await callStaffApi(h, 'POST', `/api/bookings/${listed!.id}/confirm`, { choice: 2, by: '山田' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      code: 'no_second_choice',
      message: expect.stringContaining('no second'),
    });

    // An old or forged 「第2希望で確定」 in the group is refused in words, and changes nothing.
    const staff = new StaffDriver(h);
    await h.post([
      postbackEvent({
        userId: 'Ustaff00000000000000000000000001',
        groupId: STAFF_GROUP,
        replyToken: h.platform.issueReplyToken(STAFF_GROUP),
        data: encodeBookingAction({ action: 'confirm2', bookingId: listed!.id }),
      }),
    ]);
    await h.settle();
    expect(textsDeliveredTo(h, STAFF_GROUP).at(-1)).toContain('第2希望がありません');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'requested', confirmed: null });

    // The person's own 予約確認 shows the one choice.
    await u.say('予約確認');
    expect(u.lastText()).toMatch(/第1希望\n12月3日\(木\)\n10:00〜10:40\n第2希望\nなし/);

    await staff.tap('第1希望で確定');
    expect((await fetchBookings(h))[0]).toMatchObject({
      status: 'confirmed',
      confirmed: { start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T10:40:00+09:00' },
    });
    expect(textsDeliveredTo(h, USER).at(-1)).toContain('12月3日(木)\n10:00');
  });

  it('withdrawn by the person, names the one choice it had', async () => {
    const u = new ChatDriver(h, USER);
    await requestWithOneChoice(u);
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    const told = u.lastText();
    expect(told).toContain('第1希望 12月3日(木) 10:00〜10:40');
    expect(told).not.toContain('第2希望');
  });
});
