import { afterEach, describe, expect, it } from 'vitest';
import { bookAgainByButtons, bookByButtons } from '../support/booking-flow.js';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const USER = 'Ureturning0000000000000000000000a1';
const DAY = 24 * 60 * 60 * 1000;

/** A person who booked once by buttons (Tue 2026-12-01 09:00 JST), and staff cancelled it: free to book again. */
async function bookedOnce(env: Record<string, string> = {}): Promise<{ h: Harness; u: ChatDriver; first: number }> {
  const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env });
  h = harness;
  const u = new ChatDriver(harness, USER);
  const first = await bookByButtons(u);
  const [booking] = await fetchBookings(harness);
  expect(
    (await callStaffApi(harness, 'POST', `/api/bookings/${booking!.id}/cancel`, { reason: '本人より取消', by: '山田' }))
      .status,
  ).toBe(200);
  return { h: harness, u, first };
}

async function eligibilityAnsweredAt(harness: Harness): Promise<string | null | undefined> {
  const row = await probe(harness).get<{ at: string | null }>(
    'SELECT eligibility_answered_at AS at FROM users WHERE line_user_id = ?',
    USER,
  );
  return row?.at;
}

describe('a returning person books again without answering the same questions (docs/office-rules.md §12)', () => {
  it('keeps the eligibility answers and the details of before with one tap, in at most 8 actions against 19 the first time', async () => {
    const { h, u, first } = await bookedOnce();
    // Every tap and typed message from 「予約する」 to the filed request (README, "How many steps").
    expect(first).toBe(19);
    const answeredAt = await eligibilityAnsweredAt(h);
    expect(answeredAt).toBeTruthy();

    h.clock.advance(3 * DAY); // Friday 12-04
    const again = await bookAgainByButtons(u);
    expect(again).toBeLessThanOrEqual(8);
    expect(again).toBe(8);

    const bookings = await fetchBookings(h);
    const filed = bookings.find((b) => b.status === 'requested')!;
    expect(filed).toMatchObject({
      kind: 'regular',
      app: 'zoom',
      name: '青森 花子',
      jobSeekerNumber: '02010-12345678',
      email: 'hanako@example.jp',
      interpreter: false,
    });
    expect(filed.phone.replace(/-/g, '')).toBe('09012345678');
    // Kept answers were not given again: their time on record stays, so they lapse on schedule.
    expect(await eligibilityAnsweredAt(h)).toBe(answeredAt);
  });

  it('says which answers it kept, and shows the details of before masked where sensible', async () => {
    const { u } = await bookedOnce();
    await u.say('予約する');
    const card = u.lastText();
    expect(card).not.toContain('求職登録をされていますか');
    expect(card).toContain('ご利用条件の確認（求職登録・ご利用の理由・端末・継続相談・ご利用環境）');
    expect(card).toContain('12月1日(火)のご回答をそのまま使います（2027年6月1日(火)まで有効）');
    expect(card).toContain('相談の種類: 一般の職業相談');
    expect(card).toContain('利用アプリ: Zoom');
    expect(card).toContain('お名前: 青森 花子');
    expect(card).toContain('求職番号: 02010-****5678');
    expect(card).toContain('メールアドレス: ha***@example.jp');
    expect(card).toContain('電話番号: 090-****-5678');
    expect(card).not.toContain('hanako@example.jp');
    expect(card).not.toContain('1234-5678');
    expect(u.lastActions().map((a) => a.label)).toEqual([
      '前回と同じ内容で進む',
      '内容を変えて入力する',
      '利用条件の回答を見直す',
    ]);
  });

  it('changes some items and keeps the others with 「前回と同じ」, each shown masked, on a card LINE for PC shows too', async () => {
    const { u } = await bookedOnce();
    await u.say('予約する');
    await u.tap('内容を変えて入力する');
    expect(u.lastText()).toContain('相談の種類');
    await u.tap('一般の職業相談');
    await u.tap('TeleOffice');
    expect(u.lastText()).toContain('前回のお名前: 青森 花子');
    expect(u.lastActions().map((a) => a.label)).toEqual(['前回と同じ', 'ひとつ前に戻る']);
    expect(u.last.every((m) => !('quickReply' in m))).toBe(true);
    await u.tap('前回と同じ');
    expect(u.lastText()).toContain('前回の求職番号: 02010-****5678');
    await u.say('前回と同じ');
    await u.tap('12月3日(木)');
    await u.tap('10:00〜10:40');
    await u.tap('第2希望はなし');
    expect(u.lastText()).toContain('前回のメールアドレス: ha***@example.jp');
    await u.say('hanako.new@example.jp');
    expect(u.lastText()).toContain('前回の電話番号: 090-****-5678');
    await u.tap('前回と同じ');
    await u.tap('同席しません');
    expect(u.lastText()).toContain('hanako.new@example.jp');
    await u.tap('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    const filed = (await fetchBookings(h!)).find((b) => b.status === 'requested')!;
    expect(filed).toMatchObject({ app: 'teleoffice', name: '青森 花子', email: 'hanako.new@example.jp' });
  });

  it('reviews the eligibility answers with the usual questions when asked to', async () => {
    const { u } = await bookedOnce();
    await u.say('予約する');
    await u.tap('利用条件の回答を見直す');
    expect(u.lastText()).toContain('求職登録をされていますか');
  });

  it('asks the eligibility questions again once the answers are older than ELIGIBILITY_VALID_MONTHS', async () => {
    const { h, u } = await bookedOnce();
    h.clock.set(new Date('2027-06-02T00:00:00Z')); // answered 2026-12-01: held through 2027-06-01
    await u.say('予約する');
    expect(u.lastText()).toContain('求職登録をされていますか');
    expect(u.lastActions().map((a) => a.label)).not.toContain('前回と同じ内容で進む');
  });

  it('keeps them for as long as the office sets', async () => {
    const { h, u } = await bookedOnce({ ELIGIBILITY_VALID_MONTHS: '12' });
    h.clock.set(new Date('2027-06-02T00:00:00Z'));
    await u.say('予約する');
    expect(u.lastActions().map((a) => a.label)).toContain('前回と同じ内容で進む');
  });

  it('treats a person whose details were erased (PERSONAL_DATA_RETENTION_DAYS) as a new person', async () => {
    const { h, u } = await bookedOnce({ PERSONAL_DATA_RETENTION_DAYS: '30' });
    h.clock.set(new Date('2027-01-10T00:00:00Z'));
    await h.app.jobs.purge();
    expect((await fetchBookings(h))[0]).toMatchObject({ name: '' });
    await u.say('予約する');
    expect(u.lastText()).toContain('求職登録をされていますか');
    await u.tap('登録しています');
    await u.tap('長期療養中');
    await u.tap('はい、持っています');
    await u.tap('はい、希望します');
    await u.tap('すべて確認しました');
    await u.tap('一般の職業相談');
    await u.tap('Zoom');
    expect(u.lastText()).not.toContain('前回');
    expect(u.lastActions().map((a) => a.label)).toEqual(['ひとつ前に戻る']);
  });

  it('shows each question’s choices once on a phone: no message of a whole booking carries quick replies', async () => {
    const { h } = await bookedOnce();
    const sent = h.platform.delivered().filter((d) => d.to === USER);
    expect(sent.length).toBeGreaterThan(15);
    expect(sent.filter((d) => 'quickReply' in d.message).map((d) => textOf(d.message))).toEqual([]);
  });
});
