import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTermsVersion } from '../../db/repositories/terms-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { setSwitch } from '../../db/repositories/office-state-repository.js';
import { toLocal } from '../../src/calendar/index.js';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { readDb } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';

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

/** A new person up to 「今すぐ相談（30分）をお申し込みになりますか？」, consent and identity given. */
async function atImmediateConfirm(userId: string): Promise<ChatDriver> {
  const u = new ChatDriver(h, userId);
  await u.say('今すぐ相談');
  await u.tap('同意する');
  await u.say('青森 花子');
  await u.say('02010-12345678');
  expect(u.lastText()).toContain('今すぐ相談（30分）');
  return u;
}

const requests = () =>
  readDb(h.sqlitePath, (db) =>
    (db.prepare('SELECT status FROM immediate_requests').all() as { status: string }[]).map((r) => r.status),
  );

describe('immediate sessions (今すぐ相談)', () => {
  it('is refused while staff have not switched it on', async () => {
    const u = new ChatDriver(h, 'U4000000000000000000000000000002');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('受付を行っていません');
  });

  it('needs consent on record, then notifies staff; a staff member accepts and the user is told to expect a call', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = new ChatDriver(h, 'U4000000000000000000000000000003');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('利用規約');
    await u.tap('同意する');
    await u.say('青森 花子');
    await u.say('02010-12345678');
    expect(u.lastText()).toContain('今すぐ相談（30分）');
    await u.say('電話番号を 090-9999-8888 に変更したい');
    expect(u.lastText()).toContain('電話番号を変更することはできません');
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受け付けました');
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

  it('is refused at the yes when staff switched it off after the question was asked', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = await atImmediateConfirm('U4000000000000000000000000000005');
    await setSwitch(h.app.db, 'immediate', false, h.clock.now().toISOString());
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受付を行っていません');
    expect(requests()).toEqual([]);
  });

  it('asks to agree to terms that came into force after the question was asked, then takes the request', async () => {
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    const u = await atImmediateConfirm('U4000000000000000000000000000006');
    await publishTerms('2027-01-01');
    await u.tap('お願いする');
    expect(u.lastText()).toContain('https://example.jp/terms-2027');
    expect(requests()).toEqual([]);
    await u.tap('同意する');
    expect(u.lastText()).toContain('今すぐ相談（30分）');
    await u.tap('お願いする');
    expect(u.lastText()).toContain('受け付けました');
    expect(requests()).toEqual(['requested']);
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
