/**
 * Wording that must match what the bot will accept and what actually happened: the typing
 * examples in the date and time questions, and what withdrawing a request says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-08 09:00 in Japan: 12/8 itself is too soon to book.
  h = await startHarness({ now: '2026-12-08T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

async function upToFirstDate(u: ChatDriver, kind: '一般の職業相談' | 'マザーズコーナー'): Promise<void> {
  await u.say('予約する');
  await u.tap('同意する');
  for (const label of [
    '登録しています',
    '長期療養中',
    'はい、持っています',
    'はい、希望します',
    'すべて確認しました',
    kind,
    'Zoom',
  ])
    await u.tap(label);
  await u.say('青森 花子');
  await u.say('02010-12345678');
}

function example(question: string): string {
  const m = /「([^」]+)」のように入力することもできます/.exec(question);
  if (!m) throw new Error(`no typing example in: ${question}`);
  return m[1]!;
}

describe('typing examples', () => {
  it.each(['一般の職業相談', 'マザーズコーナー'] as const)('are accepted as typed (%s)', async (kind) => {
    const u = new ChatDriver(
      h,
      kind === '一般の職業相談' ? 'Uprompts000000000000000000000001' : 'Uprompts000000000000000000000002',
    );
    await upToFirstDate(u, kind);
    const dated = example(u.lastText());
    // The first offered slot, not a fixed date that may be past or not a Corner time.
    expect(dated).not.toBe('12/8 10:30');
    await u.say(dated);
    expect(u.lastText()).toContain('第2希望の日付');
    await u.tap(u.lastActions().find((a) => a.type === 'postback')!.label);
    const timed = example(u.lastText());
    await u.say(timed);
    expect(u.lastText()).toContain('メールアドレス');
  });
});

describe('withdrawing a request awaiting staff', () => {
  it('names both wishes, not a booking on the first one', async () => {
    const u = new ChatDriver(h, 'Uprompts000000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    await u.say('予約キャンセル');
    await u.tap(u.lastActions().find((a) => a.label.includes('キャンセルする'))!.label);
    expect(u.lastText()).toContain('次のお申し込みをキャンセルしました');
    expect(u.lastText()).toContain('第1希望');
    expect(u.lastText()).toContain('第2希望');
  });

  it('tells a change request apart from the session it would have replaced', async () => {
    const u = new ChatDriver(h, 'Uprompts000000000000000000000004');
    await bookByButtons(u, 'TeleOffice');
    const [b] = await fetchBookings(h);
    expect((await callStaffApi(h, 'POST', `/api/bookings/${b!.id}/confirm`, { choice: 1, by: 'tanaka' })).status).toBe(
      200,
    );
    await h.settle();
    await u.say('予約変更');
    const offered = () => u.lastActions().find((a) => a.type === 'postback')!.label;
    for (let i = 0; i < 4; i++) await u.tap(offered());
    await u.tap('この内容で申し込む');
    await u.say('予約キャンセル');
    await u.tap(u.lastActions().find((a) => a.label.includes('キャンセルする'))!.label);
    const said = u.lastText();
    expect(said).toContain('次の日時変更のお申し込みをキャンセルしました');
    expect(said).toContain('次のご予約をキャンセルしました');
  });
});
