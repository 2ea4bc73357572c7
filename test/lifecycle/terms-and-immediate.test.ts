import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTermsVersion } from '../../db/repositories/terms-repository.js';
import { immediateRequestsBetween } from '../../db/repositories/immediate-requests-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { setSwitch } from '../../db/repositories/office-state-repository.js';
import { toLocal } from '../../src/calendar/index.js';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { probe } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T01:30:00Z' }); // Tue 10:30 JST, inside session hours
});
afterEach(async () => {
  await h.close();
});

async function publishTerms(id: string): Promise<void> {
  const now = h.clock.now().toISOString();
  await ensureTermsVersion(
    h.app.db,
    {
      id,
      effectiveFrom: toLocal(now).date,
      url: 'https://example.jp/terms-2027',
      summary: 'メールでのキャンセルを加えます。',
      consentSummary: FIRST_CONSENT_SUMMARY,
    },
    now,
  );
  await scheduleJob(h.app.db, 'terms_notice', id, now, now);
}

/** The first words of the notice of a new version (src/messages/terms-messages.ts). */
const TERMS_NOTICE = 'オンライン職業相談の利用規約を';

describe('terms updates', () => {
  it('does not tell someone whose only booking is a long-past session nobody marked', async () => {
    const u = new ChatDriver(h, 'U4000000000000000000000000000009');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定');
    // The automatic no-show check never ran: the booking is still 'confirmed', months later.
    await h.app.db.updateTable('scheduled_jobs').set({ status: 'skipped' }).where('kind', '=', 'no_show').execute();
    h.clock.advance(90 * 24 * 60 * 60 * 1000);
    await publishTerms('2027-03-01');
    await h.runJobs();
    await h.settle();
    expect(
      h.platform.delivered().filter((d) => d.to === u.userId && JSON.stringify(d.message).includes(TERMS_NOTICE)),
    ).toHaveLength(0);
  });

  it('asks users who agreed to an older version to agree again before their next booking, and tells active bookers once', async () => {
    const u = new ChatDriver(h, 'U4000000000000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    h.clock.advance(60_000);
    await publishTerms('2027-01-01');
    await h.runJobs();
    await h.runJobs();
    await h.settle();
    const notices = h.platform
      .delivered()
      .filter((d) => d.to === u.userId && JSON.stringify(d.message).includes(TERMS_NOTICE));
    expect(notices).toHaveLength(1);
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    await u.say('予約する');
    expect(u.lastText()).toContain('利用規約が改定されました');
    expect(u.lastText()).toContain('https://example.jp/terms-2027');
    await u.tap('同意する');
    expect(u.lastText()).toContain('求職登録');
  });
});

/**
 * A returning person (a request booked before, which recorded consent and the eligibility
 * answers) up to 「今すぐ相談（30分）をお申し込みになりますか？」; no interpreter or helper.
 */
async function atImmediateConfirm(userId: string): Promise<ChatDriver> {
  const u = new ChatDriver(h, userId);
  await bookByButtons(u, 'TeleOffice');
  await u.say('今すぐ相談');
  expect(u.lastText()).toContain('通訳や介助の方が同席されますか');
  await u.tap('同席しません');
  expect(u.lastText()).toContain('今すぐ相談（30分）');
  return u;
}

const requests = async () =>
  (await probe(h).all<{ status: string }>('SELECT status FROM immediate_requests')).map((r) => r.status);

/** What the staff group received since `from` (an index into the group's deliveries), as text. */
const staffTextsFrom = (from: number) => textsDeliveredTo(h, STAFF_GROUP).slice(from).join('\n');

describe('immediate sessions (今すぐ相談)', () => {
  it('is refused while staff have not switched it on, saying when it usually runs (the menu shows it to everyone)', async () => {
    const u = new ChatDriver(h, 'U4000000000000000000000000000002');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('受付を行っていません');
    expect(u.lastText()).toContain(
      '担当者の手が空いているときに、開庁日の10:00〜11:30、13:30〜15:00に受け付けています',
    );
  });

  it('offers a brand-new person a regular booking instead (terms 2, 6-2(1)): no consent or eligibility on record', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const staffBefore = textsDeliveredTo(h, STAFF_GROUP).length;
    const u = new ChatDriver(h, 'U4000000000000000000000000000003');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('利用規約に同意いただき、利用条件の確認');
    expect(u.lastText()).toContain('現在の利用規約への同意が、まだ記録されていません');
    expect(u.lastText()).toContain('「予約する」から日時を予約していただくと');
    // No name was asked and nothing went to staff.
    expect(u.lastText()).not.toContain('お名前');
    expect(await requests()).toEqual([]);
    expect(textsDeliveredTo(h, STAFF_GROUP)).toHaveLength(staffBefore);
    // The button starts the regular booking, with the terms and then the eligibility questions.
    await u.tap('予約する');
    expect(u.lastText()).toContain('利用規約');
    await u.tap('同意する');
    expect(u.lastText()).toContain('求職登録');
  });

  it('takes a returning person who booked before: interpreter asked, rules restated, staff card says who attends', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = new ChatDriver(h, 'U4000000000000000000000000000008');
    await bookByButtons(u, 'TeleOffice');
    h.clock.advance(60 * 60_000);
    const staffBefore = textsDeliveredTo(h, STAFF_GROUP).length;
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('通訳や介助の方が同席されますか');
    await u.tap('同席します');
    // Who attends is asked before the final yes (docs/office-rules.md §9).
    expect(u.lastText()).toContain('どなたが同席されますか');
    await u.tap('通訳');
    await u.tap('英語');
    expect(u.lastText()).toContain('今すぐ相談（30分）をお申し込みになりますか');
    expect(u.lastText()).toContain(
      '相談は30分です。ほかの人のいない個室からご参加ください。相談の録音・録画はできません。',
    );
    expect(u.lastText()).toContain('通訳・介助者の同席: あり（通訳・英語）');
    await u.say('電話番号を 090-9999-8888 に変更したい');
    expect(u.lastText()).toContain('電話番号を変更することはできません');
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受け付けました');
    const card = staffTextsFrom(staffBefore);
    expect(card).toContain('【今すぐ相談の申込み】');
    // Family name only, and no job-seeker number: staff read those in the console (本日の相談).
    expect(card).toContain('青森 様');
    expect(card).not.toContain('花子');
    expect(card).not.toMatch(/\d{5}-?\d{8}/);
    expect(card).toContain('本日の相談');
    expect(card).toContain('通訳・介助者の同席: あり（通訳・英語）');
    expect(await probe(h).all('SELECT interpreter, companion FROM immediate_requests')).toEqual([
      { interpreter: 1, companion: 'interpreter' },
    ]);
    // The language is kept for the console, encrypted like the name (docs/storage.md).
    const [stored] = await probe(h).all<{ companion_language: string }>(
      'SELECT companion_language FROM immediate_requests',
    );
    expect(stored?.companion_language).toMatch(/^v1:/);
    const [listed] = await immediateRequestsBetween(h.app.db, '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z');
    expect(listed).toMatchObject({ companion: 'interpreter', companionLanguage: '英語' });
    const staff = new StaffDriver(h);
    await staff.tap('対応する');
    const toUser = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => JSON.stringify(d.message));
    expect(toUser.at(-1)).toContain('お電話します');
    await new StaffDriver(h, 'Ustaff00000000000000000000000099').tap('対応する');
    expect(h.platform.delivered().filter((d) => d.to === u.userId)).toHaveLength(toUser.length);
  });

  it('refuses a returning person whose eligibility answers are older than the validity (6 months)', async () => {
    const u = new ChatDriver(h, 'U400000000000000000000000000000a');
    await bookByButtons(u, 'TeleOffice');
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    h.clock.advance(203 * 24 * 60 * 60_000); // Tuesday 2027-06-22 10:30: answered 2026-12-01, valid through 2027-06-01
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('利用条件の確認にお答えいただいてから、6か月を過ぎています');
    expect(u.lastActions().map((a) => a.label)).toEqual(['予約する']);
    expect(await requests()).toEqual([]);
  });

  it('is refused at the yes when staff switched it off after the question was asked', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = await atImmediateConfirm('U4000000000000000000000000000005');
    await setSwitch(h.app.db, 'immediate', false, h.clock.now().toISOString());
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受付を行っていません');
    expect(await requests()).toEqual([]);
  });

  it('refuses at the yes when new terms came into force after the question was asked, offering a booking', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = await atImmediateConfirm('U4000000000000000000000000000006');
    await publishTerms('2027-01-01');
    await u.tap('お願いする');
    // Consent to the terms now in force was not on record before the request (§14).
    expect(u.lastText()).toContain('現在の利用規約への同意が、まだ記録されていません');
    expect(u.lastActions().map((a) => a.label)).toEqual(['予約する']);
    expect(await requests()).toEqual([]);
  });

  it('shows a waiting request in 予約確認 and lets the person withdraw it with 予約キャンセル; staff are told', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = new ChatDriver(h, 'U4000000000000000000000000000010');
    await bookByButtons(u, 'TeleOffice');
    // Their request is cancelled: what remains is the consent and eligibility on record.
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    await u.say('今すぐ相談');
    await u.tap('同席しません');
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受け付けました');
    await u.say('予約確認');
    expect(u.lastText()).toContain('今すぐ相談をお申し込み中です');
    expect(u.lastText()).toContain('取りやめる場合は「予約キャンセル」');
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('今すぐ相談のお申し込みを取り下げました');
    expect(textsDeliveredTo(h, STAFF_GROUP).at(-1)).toContain('ご本人が取り下げました');
    expect(await requests()).toEqual(['withdrawn']);
    const staff = new StaffDriver(h);
    await staff.tap('対応する');
    expect(staff.lastText()).toContain('ご本人が取り下げました');
    // Nothing waits any more: 予約キャンセル says there is nothing to cancel.
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('現在お申し込み中の予約はありません');
  });

  it('tells a staff member who answers after the wait ran out that it closed, not that a colleague took it', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = await atImmediateConfirm('U4000000000000000000000000000007');
    await u.tap('お願いする');
    h.clock.advance(20 * 60_000 + 1000);
    await h.runJobs();
    await h.settle();
    const staff = new StaffDriver(h);
    await staff.tap('対応する');
    expect(staff.lastText()).toContain('締め切られています');
    expect(staff.lastText()).not.toContain('ほかの職員が対応');
  });

  it('is refused outside session hours', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    h.clock.set(new Date('2026-12-01T03:30:00Z')); // 12:30 JST, lunch break
    const u = new ChatDriver(h, 'U4000000000000000000000000000004');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('相談時間内');
  });
});

describe('staff stop the bot for a person', () => {
  it('answers a blocked person politely with the office phone and nothing else', async () => {
    const u = new ChatDriver(h, 'U4000000000000000000000000000005');
    await u.say('予約する');
    await h.app.db
      .updateTable('users')
      .set({ blocked_at: h.clock.now().toISOString() })
      .where('line_user_id', '=', u.userId)
      .execute();
    await u.say('同意する');
    expect(u.lastText()).toContain('ご案内は停止しています');
    expect(u.lastText()).toContain('017-776-1561');
    void StaffDriver;
  });
});
