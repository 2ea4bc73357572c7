import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsIn, ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';
import { startHarness, STAFF_GROUP, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const api = (path: string, body: unknown) => callStaffApi(h, 'POST', path, body);
const toUser = (u: ChatDriver, words: string) =>
  h.platform.delivered().filter((d) => d.to === u.userId && JSON.stringify(d.message).includes(words)).length;

describe('staff taking over a chat from a request card', () => {
  it('tells the person staff will answer in this chat, and gives staff the button that hands the chat back', async () => {
    const u = new ChatDriver(h, 'Utakeover00000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    const staff = new StaffDriver(h);
    await staff.tap('担当者が対応');
    expect(toUser(u, '担当者に引き継ぎました')).toBe(1);
    expect(staff.last.flatMap(actionsIn).map((a) => a.label)).toContain('自動応答に戻す');

    // While staff talk, the bot is quiet but for 予約確認 and ヘルプ; the button brings it back and the person is told.
    const before = h.platform.delivered().filter((d) => d.to === u.userId).length;
    await u.say('いつ頃お返事をもらえますか');
    expect(h.platform.delivered().filter((d) => d.to === u.userId)).toHaveLength(before);
    await u.say('予約確認');
    expect(u.lastText()).toContain('ただいま職員が対応しています');
    // A command the bot would act on is not carried out while staff have the chat, but neither is it
    // met with silence: the person is told to tell staff, and the staff group hears of it.
    for (const [sent, seen] of [
      ['予約をキャンセルしたいです', '「予約をキャンセルしたいです」と送りました'],
      ['予約変更', '「予約変更」と送りました'],
    ] as const) {
      await u.say(sent);
      expect(u.lastText()).toContain('自動応答を止めています');
      expect(u.lastText()).toContain('このトークのまま職員にお伝えください');
      expect(textsDeliveredTo(h, STAFF_GROUP).at(-1)).toContain(seen);
    }
    expect((await fetchBookings(h))[0]!.status).toBe('requested');
    await staff.tap('自動応答に戻す');
    expect(toUser(u, '自動応答に戻りました')).toBe(1);
    await u.say('予約確認');
    expect(u.last.length).toBeGreaterThan(0);
  });

  it('does nothing twice: a second take-over or hand-back press only tells staff how things stand', async () => {
    const u = new ChatDriver(h, 'Utakeover00000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    const staff = new StaffDriver(h);
    await staff.tap('担当者が対応');
    await staff.tap('担当者が対応');
    expect(staff.lastText()).toContain('すでに職員がやりとりしています');
    expect(toUser(u, '担当者に引き継ぎました')).toBe(1);
    await staff.tap('自動応答に戻す');
    await staff.tap('自動応答に戻す');
    expect(staff.lastText()).toContain('すでに自動応答でお返事しています');
    expect(toUser(u, '自動応答に戻りました')).toBe(1);
  });

  it('does not tell a person the bot is stopped for that it answers again', async () => {
    const u = new ChatDriver(h, 'Utakeover00000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    await u.say('担当者と話す');
    expect((await api(`/api/users/${u.userId}/block`, { by: 'tanaka', reason: 'abuse' })).status).toBe(200);
    await h.settle();
    const staff = new StaffDriver(h);
    await staff.tap('自動応答に戻す');
    expect(toUser(u, '自動応答に戻りました')).toBe(0);
    expect(
      JSON.stringify(
        h.platform
          .delivered()
          .filter((d) => d.to === STAFF_GROUP)
          .at(-1)?.message,
      ),
    ).toContain('自動応答に戻しました');
  });
});
