import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../db/repositories/audit-log-repository.js';
import { staffAccountByLogin } from '../../db/repositories/staff-accounts-repository.js';
import { getTerms } from '../../db/repositories/terms-repository.js';
import { recordConsent } from '../../db/repositories/users-repository.js';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';
import { seedBooking } from '../support/booking-seeds.js';
import { textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient, STAFF_PASSWORD } from '../support/console.js';
import { probe } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
});
afterAll(async () => h.close());

const admin = async () => {
  const c = consoleClient(h);
  await c.signIn('yamada');
  return c;
};
const NEW_PASSWORD = 'a fresh password 42';

describe('staff accounts', () => {
  it('lists the accounts, adds one that can then sign in, and records it', async () => {
    const c = await admin();
    const list = await c.get('/staff/settings/accounts');
    expect(list.status).toBe(200);
    expect(list.html).toContain('<th scope="col">ログインID</th>');
    expect(list.html).toContain('佐藤 花子');
    const added = await c.post('/staff/settings/accounts', {
      login_id: 'kimura',
      name: '木村 一郎',
      role: 'staff',
      password: NEW_PASSWORD,
      password_again: NEW_PASSWORD,
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/staff/settings/accounts/kimura?done=added');
    expect((await c.get(added.location!)).html).toContain('アカウントを追加しました。');
    expect((await c.get('/staff/settings/accounts')).html).toContain('木村 一郎');
    const kimura = consoleClient(h);
    await kimura.signIn('kimura', NEW_PASSWORD);
    const log = await listAudit(h.app.db, { action: 'account_add', subject: 'kimura' });
    expect(log).toMatchObject([{ loginId: 'yamada', detail: { name: '木村 一郎', role: 'staff' } }]);
    expect(JSON.stringify(await listAudit(h.app.db))).not.toContain(NEW_PASSWORD);
  });

  it('refuses a short password, a bad login id and a taken one next to the field, keeping what was typed', async () => {
    const c = await admin();
    const short = await c.post('/staff/settings/accounts', {
      login_id: 'tanaka',
      name: '田中 次郎',
      role: 'staff',
      password: 'short pw',
      password_again: 'short pw',
    });
    expect(short.status).toBe(400);
    expect(short.html).toMatch(
      /<p class="field-error" id="password-error" role="alert">パスワードは12文字以上にしてください。<\/p>/,
    );
    expect(short.html).toContain('value="田中 次郎"');
    expect(short.html).not.toContain('short pw');
    const mismatch = await c.post('/staff/settings/accounts', {
      login_id: 'Tanaka!',
      name: '田中 次郎',
      role: 'staff',
      password: NEW_PASSWORD,
      password_again: `${NEW_PASSWORD}x`,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain('id="login_id-error"');
    expect(mismatch.html).toContain('確認用のパスワードが一致しません。');
    const taken = await c.post('/staff/settings/accounts', {
      login_id: 'sato',
      name: '別の 佐藤',
      role: 'staff',
      password: NEW_PASSWORD,
      password_again: NEW_PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('ログインID「sato」はすでに使われています。');
    expect(await staffAccountByLogin(h.app.db, 'tanaka')).toBeUndefined();
    const missing = await c.get('/staff/settings/accounts/nobody');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('ログインID「nobody」のアカウントはありません。');
    expect((await c.post('/staff/settings/accounts/nobody/disable', {})).status).toBe(404);
  });

  it("disabling ends the account's open session at once; re-enabling lets it sign in again", async () => {
    await addStaff(h, 'leaver', 'staff', '退職 予定');
    const leaver = consoleClient(h);
    await leaver.signIn('leaver');
    expect((await leaver.get('/staff/requests')).status).toBe(200);
    const c = await admin();
    await c.get('/staff/settings/accounts/leaver');
    const off = await c.post('/staff/settings/accounts/leaver/disable', {});
    expect(off.status).toBe(303);
    expect((await c.get(off.location!)).html).toContain('無効にしました');
    expect((await leaver.get('/staff/requests')).status).toBe(303);
    expect((await consoleClient(h).post('/staff/login', { login_id: 'leaver', password: STAFF_PASSWORD })).status).toBe(
      401,
    );
    expect((await c.get('/staff/settings/accounts')).html).toMatch(
      /退職 予定<\/td><td>職員<\/td><td><span class="badge bad">無効/,
    );
    expect((await c.post('/staff/settings/accounts/leaver/enable', {})).status).toBe(303);
    await consoleClient(h).signIn('leaver');
    expect((await listAudit(h.app.db, { subject: 'leaver' })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['account_disable', 'account_enable']),
    );
  });

  it('never disables or demotes the last active admin, and an admin cannot disable themselves', async () => {
    const c = await admin();
    await c.get('/staff/settings/accounts/yamada');
    const self = await c.post('/staff/settings/accounts/yamada/disable', {});
    expect(self.status).toBe(400);
    expect(self.html).toContain('自分のアカウントは無効にできません。');
    const demote = await c.post('/staff/settings/accounts/yamada/role', { role: 'staff' });
    expect(demote.status).toBe(409);
    expect(demote.html).toContain('有効な管理者がほかにいない');
    expect((await staffAccountByLogin(h.app.db, 'yamada'))?.role).toBe('admin');

    // With a second admin, the first one can be disabled by it, but not that second, last one.
    await addStaff(h, 'suzuki', 'admin', '鈴木 三郎');
    const second = consoleClient(h);
    await second.signIn('suzuki');
    await second.get('/staff/settings/accounts/yamada');
    expect((await second.post('/staff/settings/accounts/yamada/disable', {})).status).toBe(303);
    const c2 = await admin().catch(() => null);
    expect(c2).toBeNull();
    expect((await c.get('/staff/settings')).status).toBe(303);
    // suzuki is the last active admin now: demoting it is refused.
    await second.get('/staff/settings/accounts/suzuki');
    expect((await second.post('/staff/settings/accounts/suzuki/role', { role: 'staff' })).status).toBe(409);
    expect((await second.post('/staff/settings/accounts/yamada/enable', {})).status).toBe(303);
    await admin();
  });

  it('unlocks a locked account, recorded with the reason admin', async () => {
    await addStaff(h, 'locky', 'staff', '鍵 かける');
    for (let i = 0; i < 5; i += 1) {
      await consoleClient(h).post('/staff/login', { login_id: 'locky', password: `wrong password ${i}` });
    }
    const c = await admin();
    const list = await c.get('/staff/settings/accounts');
    expect(list.html).toContain('ロック中（12月1日(火) 9:15まで）');
    const page = await c.get('/staff/settings/accounts/locky');
    expect(page.html).toContain('ロックを解除する');
    const r = await c.post('/staff/settings/accounts/locky/unlock', {});
    expect(r.status).toBe(303);
    expect((await c.get(r.location!)).html).toContain('ロックを解除しました。');
    await consoleClient(h).signIn('locky');
    expect(await listAudit(h.app.db, { action: 'unlocked', subject: 'locky' })).toMatchObject([
      { loginId: 'yamada', detail: { reason: 'admin' } },
    ]);
  });

  it("resets a password: the old one stops working and the account's sessions end", async () => {
    await addStaff(h, 'forgot', 'staff', '忘れ ました');
    const forgot = consoleClient(h);
    await forgot.signIn('forgot');
    const c = await admin();
    await c.get('/staff/settings/accounts/forgot');
    const bad = await c.post('/staff/settings/accounts/forgot/password', { password: 'x', password_again: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="password-error"');
    const r = await c.post('/staff/settings/accounts/forgot/password', {
      password: NEW_PASSWORD,
      password_again: NEW_PASSWORD,
    });
    expect(r.status).toBe(303);
    expect((await forgot.get('/staff/requests')).status).toBe(303);
    expect((await consoleClient(h).post('/staff/login', { login_id: 'forgot', password: STAFF_PASSWORD })).status).toBe(
      401,
    );
    await consoleClient(h).signIn('forgot', NEW_PASSWORD);
    expect(await listAudit(h.app.db, { action: 'password_reset', subject: 'forgot' })).toHaveLength(1);
  });

  it('lets anyone change their own password with the current one; other sessions end, this one stays', async () => {
    await addStaff(h, 'self', 'staff', '自分 で変える');
    const here = consoleClient(h);
    await here.signIn('self');
    const elsewhere = consoleClient(h);
    await elsewhere.signIn('self');
    expect((await here.get('/staff/requests')).html).toContain('href="/staff/account"');
    expect((await here.get('/staff/account')).status).toBe(200);
    const wrong = await here.post('/staff/account', {
      current: 'not my password',
      password: NEW_PASSWORD,
      password_again: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('いまのパスワードが違います。');
    expect(await listAudit(h.app.db, { action: 'password_change_failed', loginId: 'self' })).toHaveLength(1);
    const r = await here.post('/staff/account', {
      current: STAFF_PASSWORD,
      password: NEW_PASSWORD,
      password_again: NEW_PASSWORD,
    });
    expect(r.status).toBe(303);
    expect((await here.get(r.location!)).html).toContain('パスワードを変更しました。');
    expect((await elsewhere.get('/staff/requests')).status).toBe(303);
    await consoleClient(h).signIn('self', NEW_PASSWORD);
  });
});

describe('terms versions', () => {
  const termsJobs = () =>
    probe(h).all(
      "SELECT subject_id, due_at FROM scheduled_jobs WHERE kind = 'terms_notice' AND subject_id = ? ORDER BY due_at",
      '2027-01-04',
    );

  it('shows how many agreed to each version, and names them only on request, recording the look', async () => {
    const b = await seedBooking(h.app.db, {
      choices: [
        { date: '2026-12-08', minutes: 600 },
        { date: '2026-12-09', minutes: 600 },
      ],
      createdAt: '2026-11-30T01:00:00.000Z',
    });
    await recordConsent(h.app.db, b.lineUserId, '2024-06-06', '2026-11-30T00:50:00.000Z');
    const c = await admin();
    const page = await c.get('/staff/settings/terms');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<code>2024-06-06<\/code>.*?<td class="num">1人<\/td>/s);
    expect(page.html).not.toContain('青森 花子');
    const people = await c.get('/staff/settings/terms/2024-06-06/people');
    expect(people.status).toBe(200);
    expect(people.html).toContain('青森 花子');
    expect(people.html).toContain('11月30日(月) 9:50');
    expect(await listAudit(h.app.db, { action: 'view_person', subject: b.lineUserId })).toMatchObject([
      { loginId: 'yamada', detail: { page: 'terms_people' } },
    ]);
  });

  it("adds a version through the API's own function, scheduling the notice; refusals in Japanese next to the field", async () => {
    const c = await admin();
    const form = await c.get('/staff/settings/terms');
    // The consent summary starts as the newest version's, for staff to edit where the terms change.
    expect(form.html).toContain(FIRST_CONSENT_SUMMARY.split('\n')[0]!);
    const summary = '当日以外のキャンセルをメールでも受け付けます。';
    const tooFar = await c.post('/staff/settings/terms', {
      id: '2030-01-01',
      effective_from: '2030-01-01',
      url: 'https://example.jp/terms-2030.pdf',
      summary,
    });
    expect(tooFar.status).toBe(400);
    expect(tooFar.html).toMatch(/id="effective_from-error" role="alert">適用開始日は1年以内にしてください/);
    const badUrl = await c.post('/staff/settings/terms', { id: 'v 2', effective_from: '2027-02-30', url: 'ftp://x' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.html).toContain('id="id-error"');
    expect(badUrl.html).toContain('適用開始日は実在する日付');
    expect(badUrl.html).toContain('URLは http:// か https:// で始まる');
    expect(badUrl.html).toMatch(/id="summary-error" role="alert">変更点の要約を入力してください。/);
    const tooLong = await c.post('/staff/settings/terms', {
      id: '2027-01-04',
      effective_from: '2027-01-04',
      url: 'https://example.jp/terms-2027.pdf',
      summary: 'あ'.repeat(401),
      consent_summary: 'い'.repeat(1001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toMatch(/id="summary-error" role="alert">変更点の要約は400文字以内にしてください。/);
    expect(tooLong.html).toMatch(
      /id="consent_summary-error" role="alert">同意前に示す要約は1000文字以内にしてください。/,
    );
    // What was typed comes back in the form, so nothing is lost to a refusal.
    expect(tooLong.html).toContain('あ'.repeat(401));
    expect(await termsJobs()).toEqual([]);
    const fields = {
      id: '2027-01-04',
      effective_from: '2027-01-04',
      url: 'https://example.jp/terms-2027.pdf',
      summary,
      consent_summary: '・新しい規約の要点\r\n・二つ目',
    };
    // A version cannot be withdrawn: it is shown back first, and nothing is registered yet.
    const shownBack = await c.post('/staff/settings/terms', fields);
    expect(shownBack.status).toBe(200);
    expect(shownBack.html).toContain('この内容で登録しますか');
    expect(shownBack.html).toContain('2027年1月4日(月)');
    expect(shownBack.html).toContain('name="confirmed" value="1"');
    expect(shownBack.html).not.toContain('登録と同時にこの版が適用されます');
    expect(await getTerms(h.app.db, '2027-01-04')).toBeUndefined();
    expect(await termsJobs()).toEqual([]);
    // A date already reached applies at once: said plainly before it is confirmed.
    const inEffect = await c.post('/staff/settings/terms', { ...fields, id: 'now', effective_from: '2026-12-01' });
    expect(inEffect.html).toContain('登録と同時にこの版が適用されます');
    const ok = await c.post('/staff/settings/terms', { ...fields, confirmed: '1' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/staff/settings/terms?done=added');
    // Terms art. 13: the notice is due at registration, ahead of the day (on which only those who
    // booked since are told).
    expect(await termsJobs()).toEqual([
      { subject_id: '2027-01-04', due_at: expect.stringMatching(/^2026-12-01T00:0\d:/) },
      { subject_id: '2027-01-04', due_at: '2027-01-03T15:00:00.000Z' },
    ]);
    expect(await getTerms(h.app.db, '2027-01-04')).toMatchObject({
      summary,
      consentSummary: '・新しい規約の要点\n・二つ目',
    });
    const listed = await c.get(ok.location!);
    expect(listed.html).toContain('変更点と適用開始日をLINEで知らせます');
    expect(listed.html).toContain(`<td class="terms-summary">${summary}</td>`);
    const older = await c.post('/staff/settings/terms', {
      id: 'v-older',
      effective_from: '2026-12-24',
      url: 'https://example.jp/older.pdf',
      summary,
    });
    expect(older.status).toBe(409);
    expect(older.html).toContain('登録済みでいちばん新しい版の適用開始日（1月4日(月)）より後にしてください。');
    const conflict = await c.post('/staff/settings/terms', {
      id: '2027-01-04',
      effective_from: '2027-01-04',
      url: 'https://example.jp/other.pdf',
      summary,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain('別の適用開始日・URL・要約で登録済み');
    expect(await termsJobs()).toHaveLength(2);
    expect(await listAudit(h.app.db, { action: 'terms_add' })).toMatchObject([
      { loginId: 'yamada', subject: '2027-01-04' },
    ]);
    const actions = await probe(h).all("SELECT staff_id, via FROM staff_actions WHERE subject_id = 'terms:2027-01-04'");
    expect(actions).toEqual([{ staff_id: 'console:yamada', via: 'console' }]);
  });
});

describe('immediate sessions', () => {
  it('shows the switch and flips it; the staff-group note names the admin', async () => {
    const c = await admin();
    const page = await c.get('/staff/settings/immediate');
    expect(page.html).toContain('停止中');
    const on = await c.post('/staff/settings/immediate', { enabled: 'on' });
    expect(on.status).toBe(303);
    expect((await c.get(on.location!)).html).toContain('<span class="badge ok">受付中</span>');
    await h.settle();
    expect(textsDeliveredTo(h, STAFF_GROUP).at(-1)).toContain('今すぐ相談の受付を開始しました（山田 太郎・管理画面）');
    expect((await c.post('/staff/settings/immediate', { enabled: 'off' })).status).toBe(303);
    await h.settle();
    expect(textsDeliveredTo(h, STAFF_GROUP).at(-1)).toContain('今すぐ相談の受付を停止しました（山田 太郎・管理画面）');
    expect((await c.post('/staff/settings/immediate', { enabled: 'maybe' })).status).toBe(400);
    expect((await listAudit(h.app.db, { subject: 'immediate' })).map((e) => e.action)).toEqual([
      'immediate_off',
      'immediate_on',
    ]);
  });
});

describe('the audit log', () => {
  it('shows the newest lines first in Japan time with Japanese labels, filters them and pages back', async () => {
    const c = await admin();
    const all = await c.get('/staff/settings/audit');
    expect(all.status).toBe(200);
    expect(all.html).toContain('<td>アカウント追加</td>');
    expect(all.html).toMatch(
      /<th scope="row" class="audit-at">12月1日\(火\) 9:00<\/th><td>山田 太郎（yamada）<\/td><td>ログイン<\/td>/,
    );
    const byAction = await c.get('/staff/settings/audit?action=account_add');
    expect(byAction.html).toContain('木村 一郎（kimura）');
    expect(byAction.html).not.toContain('<td>ログイン</td>');
    const bySubject = await c.get('/staff/settings/audit?subject=locky&login=yamada');
    expect(bySubject.html).toContain('<td>ロック解除</td>');
    expect(bySubject.html).toContain('理由: 管理者による');
    expect(bySubject.html).not.toContain('<td>ログイン失敗</td>');
    // More than a page of lines: the link to older ones keeps the filter.
    for (let i = 0; i < 60; i += 1) {
      await recordAudit(h.app.db, {
        at: h.clock.now().toISOString(),
        accountId: null,
        loginId: 'pager',
        action: 'login_failed',
        subject: `pager-${i}`,
        detail: null,
      });
    }
    const first = await c.get('/staff/settings/audit?login=pager');
    expect(first.html.match(/<td>pager（該当するアカウントなし）<\/td>/g)).toHaveLength(50);
    expect(first.html.indexOf('pager-59')).toBeLessThan(first.html.indexOf('pager-58'));
    const more = /href="(\/staff\/settings\/audit\?login=pager&amp;before=\d+)">さらに古い記録/.exec(first.html);
    expect(more).not.toBeNull();
    const older = await c.get(more![1]!.replace(/&amp;/g, '&'));
    expect(older.html.match(/<td>pager（該当するアカウントなし）<\/td>/g)).toHaveLength(10);
    expect(older.html).toContain('>pager-0（');
    expect(older.html).not.toContain('>pager-10（');
    expect(older.html).not.toContain('さらに古い記録');
    const unknown = await c.get('/staff/settings/audit?action=something_new');
    expect(unknown.html).toContain('条件に合う記録はありません。');
  });
});

describe('only admins', () => {
  it('answers 403 to a staff account on every settings page and form, and changes nothing', async () => {
    const staff = consoleClient(h);
    await staff.signIn('sato');
    const gets = [
      '/staff/settings',
      '/staff/settings/accounts',
      '/staff/settings/accounts/yamada',
      '/staff/settings/terms',
      '/staff/settings/terms/2024-06-06/people',
      '/staff/settings/immediate',
      '/staff/settings/audit',
    ];
    for (const path of gets) expect([path, (await staff.get(path)).status]).toEqual([path, 403]);
    await staff.get('/staff/requests');
    const posts: [string, Record<string, string>][] = [
      [
        '/staff/settings/accounts',
        { login_id: 'sneaky', name: 'x', role: 'admin', password: NEW_PASSWORD, password_again: NEW_PASSWORD },
      ],
      ['/staff/settings/accounts/yamada/disable', {}],
      ['/staff/settings/accounts/yamada/enable', {}],
      ['/staff/settings/accounts/sato/role', { role: 'admin' }],
      ['/staff/settings/accounts/yamada/password', { password: NEW_PASSWORD, password_again: NEW_PASSWORD }],
      ['/staff/settings/accounts/yamada/unlock', {}],
      ['/staff/settings/terms', { id: 'x1', effective_from: '2027-06-01', url: 'https://example.jp/x', summary: 'x' }],
      ['/staff/settings/immediate', { enabled: 'on' }],
    ];
    for (const [path, fields] of posts) expect([path, (await staff.post(path, fields)).status]).toEqual([path, 403]);
    expect(await staffAccountByLogin(h.app.db, 'sneaky')).toBeUndefined();
    expect((await staffAccountByLogin(h.app.db, 'sato'))?.role).toBe('staff');
    expect((await staffAccountByLogin(h.app.db, 'yamada'))?.disabledAt).toBeNull();
    // The staff member can still change their own password.
    expect((await staff.get('/staff/account')).status).toBe(200);
  });
});
