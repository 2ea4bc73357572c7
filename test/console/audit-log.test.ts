import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, listAudit } from '../../db/repositories/audit-log-repository.js';
import { listBookings, type Booking } from '../../db/repositories/bookings-repository.js';
import { AUDIT_ACTION_LABELS } from '../../src/console/pages/settings/audit-labels.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient, STAFF_PASSWORD, type ConsoleClient, type ConsoleReply } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 操作記録 (設定): every action the code records, recorded here through the console and the API as
 * staff would, then read back from the log page. Each line must read in Japanese: the action's
 * label, a subject a person recognises (a receipt number and a short name, a staff member's name,
 * a date), and details without stored keys or codes.
 */

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';
const NEW_PASSWORD = 'a fresh password 42';

let h: Harness;
let c: ConsoleClient;
let token = '';
/** The request that gets confirmed, the one proposed to, and a session that began at 08:00 today. */
let confirmed: Booking;
let proposed: Booking;
let today: Booking;
let seq = 0;

const seenOf = (page: ConsoleReply): string => /name="updated_at" value="([^"]+)"/.exec(page.html)![1]!;
const api = (path: string) => fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function requestInChat(name: string): Promise<{ u: ChatDriver; booking: Booking }> {
  seq += 1;
  const u = new ChatDriver(h, `Uaudit${String(seq).padStart(27, '0')}`);
  await bookByButtons(u, 'TeleOffice', name);
  return { u, booking: (await listBookings(h.app.db, { lineUserId: u.userId }))[0]! };
}

/** The log's rows as the page shows them: each cell's text. */
async function logRows(
  query = '',
): Promise<{ at: string; who: string; action: string; subject: string; detail: string }[]> {
  const r = await c.get(`/staff/settings/audit${query}`);
  expect(r.status).toBe(200);
  const body = r.html.slice(r.html.indexOf('<tbody>'), r.html.indexOf('</tbody>'));
  return body
    .split('<tr')
    .slice(1)
    .map((row) => {
      const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'),
      );
      const [at = '', who = '', action = '', subject = '', detail = ''] = cells;
      return { at, who, action, subject, detail };
    });
}

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
  await addStaff(h, 'locky', 'staff', '錠前 次郎');
  c = consoleClient(h);

  // Sign-ins: a wrong password, an unknown login id, a lock and a sign-in refused while locked.
  const stranger = consoleClient(h);
  await stranger.get('/staff/login');
  await stranger.post('/staff/login', { login_id: 'nobody', password: 'whatever it is', next: '/staff/' });
  for (let i = 0; i < 6; i += 1)
    await stranger.post('/staff/login', { login_id: 'locky', password: 'not the password', next: '/staff/' });
  await c.signIn('yamada');

  // Accounts, passwords, terms, the immediate-session switch and an API token.
  await c.post('/staff/settings/accounts/locky/unlock', {});
  await c.get('/staff/settings/accounts');
  await c.post('/staff/settings/accounts', {
    login_id: 'kimura',
    name: '木村 一郎',
    role: 'staff',
    password: NEW_PASSWORD,
    password_again: NEW_PASSWORD,
  });
  await c.post('/staff/settings/accounts/kimura/disable', {});
  await c.post('/staff/settings/accounts/kimura/enable', {});
  await c.post('/staff/settings/accounts/kimura/role', { role: 'admin' });
  await c.post('/staff/settings/accounts/kimura/password', { password: NEW_PASSWORD, password_again: NEW_PASSWORD });
  await c.get('/staff/account');
  await c.post('/staff/account', { current: 'wrong one', password: NEW_PASSWORD, password_again: NEW_PASSWORD });
  await c.post('/staff/account', { current: STAFF_PASSWORD, password: NEW_PASSWORD, password_again: NEW_PASSWORD });
  await c.get('/staff/settings/terms');
  await c.post('/staff/settings/terms', {
    id: '2027-01-04',
    effective_from: '2027-01-04',
    url: 'https://example.jp/terms-2027.pdf',
    summary: '当日以外のキャンセルを、メールでも受け付けます。',
    consent_summary: '',
    confirmed: '1',
  });
  await c.get('/staff/settings/terms/2024-06-06/people');
  await c.post('/staff/settings/immediate', { enabled: 'on' });
  await c.post('/staff/settings/immediate', { enabled: 'off' });
  const issued = await c.post('/staff/settings/api-tokens', { name: '勤怠マクロ' });
  token = /(hwa_[A-Za-z0-9_-]{43})/.exec(issued.html)![1]!;
  await c.post('/staff/settings/api-tokens', { name: '古いマクロ' });
  const tokens = await c.get('/staff/settings/api-tokens');
  const revoke = /aria-label="「古いマクロ」を無効にする"[\s\S]*?action="([^"]+\/revoke)"/.exec(tokens.html)![1]!;
  await c.post(revoke, {});

  // Bookings: confirmed, proposed to, cancelled, attended today; and a session booked on a person's behalf.
  confirmed = (await requestInChat('八戸 三郎')).booking;
  proposed = (await requestInChat('弘前 桜子')).booking;
  const cancelled = (await requestInChat('三沢 陽子')).booking;
  await c.get('/staff/requests');
  const p1 = await c.get(`/staff/bookings/${confirmed.id}`);
  await c.post(`/staff/bookings/${confirmed.id}/confirm`, { updated_at: seenOf(p1), choice: '1' });
  const p2 = await c.get(`/staff/bookings/${proposed.id}`);
  await c.post(`/staff/bookings/${proposed.id}/propose`, { updated_at: seenOf(p2), date: '2026-12-08', time: '13:30' });
  const p3 = await c.get(`/staff/bookings/${cancelled.id}`);
  await c.post(`/staff/bookings/${cancelled.id}/cancel`, { updated_at: seenOf(p3), reason: '担当者の都合のため' });
  today = await seedBooking(h.app.db, {
    choices: [{ date: '2026-12-01', minutes: 480 }],
    createdAt: '2026-11-20T00:00:00Z',
    patch: { ...confirmedAt({ date: '2026-12-01', minutes: 480 }), name: '今日 一人' },
  });
  await c.get('/staff/today');
  await c.get('/staff/today/print');
  await c.post(`/staff/today/${today.id}/attendance`, { attended: 'yes' });
  await c.get(`/staff/people/${today.lineUserId}`);
  await c.post(`/staff/people/${today.lineUserId}/book`, {
    kind: 'regular',
    app: 'teleoffice',
    date: '2026-12-10',
    time: '14:00',
  });

  // The calendar: a closure day added and removed, a capacity changed.
  await c.get('/staff/calendar');
  await c.post('/staff/calendar/closures', { date: '2026-12-11', note: '庁舎点検' });
  await c.post('/staff/calendar/closures/2026-12-11/remove', {});
  await c.post('/staff/calendar/capacity', { slot: 'mothers 11:00', date: '2026-12-10', capacity: '2' });

  // A person: searched, stopped and started again, handed back; disclosed and erased.
  const talker = await requestInChat('十和田 湖子');
  await talker.u.say('担当者と話したい');
  await c.get(`/staff/people?q=${encodeURIComponent('十和田')}`);
  const person = await c.get(`/staff/people/${talker.u.userId}`);
  const ack = /name="open_ack" value="([^"]*)"/.exec(person.html)?.[1] ?? '';
  await c.post(`/staff/people/${talker.u.userId}/block`, { reason: '威圧的な発言が続いたため', open_ack: ack });
  await c.post(`/staff/people/${talker.u.userId}/unblock`, {});
  await c.post(`/staff/people/${talker.u.userId}/handback`, {});
  const gone = await seedBooking(h.app.db, {
    choices: [{ date: '2026-11-10', minutes: 600 }],
    createdAt: '2026-11-02T01:00:00Z',
    patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', name: '消去 予定' },
  });
  await c.get(`/staff/people/${gone.lineUserId}/disclosure`);
  await c.get(`/staff/people/${gone.lineUserId}/disclosure.json`);
  await c.post(`/staff/people/${gone.lineUserId}/erase`, { confirm: 'yes' });

  // The API reads personal details too, under its token's name.
  await api('/api/bookings?status=requested');
  await api(`/api/bookings/${proposed.id}`);
  await api(`/api/users/${proposed.lineUserId}`);
  await h.settle();
});
afterAll(async () => h?.close());

describe('操作記録', () => {
  it('holds every kind of action the code records (this test records each one)', async () => {
    const recorded = new Set((await listAudit(h.app.db, { limit: 1000 })).map((e) => e.action));
    expect([...recorded].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('names every action in Japanese, and each kind by its own label', async () => {
    const rows = await logRows('?login=yamada');
    expect(rows.length).toBeGreaterThan(20);
    for (const action of AUDIT_ACTIONS) {
      const label = AUDIT_ACTION_LABELS[action];
      expect([action, label]).not.toEqual([action, action]);
      expect(label, action).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
    for (const row of await logRows('?before=100000'))
      expect(Object.values(AUDIT_ACTION_LABELS), row.action).toContain(row.action);
  });

  it('shows every line with a readable subject and details: no stored keys, ids or codes', async () => {
    const all = [];
    for (let before = ''; ;) {
      const page = await c.get(`/staff/settings/audit${before}`);
      all.push(...(await logRows(before)));
      const more = /href="\/staff\/settings\/audit\?before=(\d+)">さらに古い記録/.exec(page.html);
      if (!more) break;
      before = `?before=${more[1]}`;
    }
    expect(all.length).toBe((await listAudit(h.app.db, { limit: 1000 })).length);
    for (const row of all) {
      const line = JSON.stringify(row);
      // LINE user ids, booking ids, the calendar's and the switch's keys.
      expect(line).not.toMatch(
        /U[0-9a-f]{32}|Uaudit\d|[0-9a-f]{8}-[0-9a-f]{4}-|closure:|capacity:|\|\d{3}|"immediate"/,
      );
      // Stored detail keys ('format: json') and codes ('api_booking', 'people_search').
      expect(line, line).not.toMatch(/\b[a-z][a-zA-Z]*: |\b[a-z]+_[a-z_]+\b/);
    }
  });

  it('names a booking by its receipt number and the short name, a person by the short name, staff by name', async () => {
    const rows = await logRows();
    const find = (action: string, subject: string) =>
      rows.find((r) => r.action === action && r.subject.includes(subject));
    expect(find('予約の確定', `受付番号 ${receiptNumber(confirmed.id)}（八戸 様）`)?.detail).toBe(
      '確定した希望: 第1希望',
    );
    expect(find('別の日時の提案', `受付番号 ${receiptNumber(proposed.id)}（弘前 様）`)?.detail).toBe(
      '日時: 12月8日(火) 13:30',
    );
    expect(find('出席・欠席の記録', `受付番号 ${receiptNumber(today.id)}（今日 様）`)?.detail).toBe('記録: 出席');
    expect(find('自動応答の停止', '十和田 様')?.detail).toBe('理由: 威圧的な発言が続いたため');
    const views = rows.filter((r) => r.action === '個人情報の閲覧' && r.subject === '十和田 様');
    expect(views.map((r) => `${r.who} ${r.detail}`)).toEqual(
      expect.arrayContaining([
        '山田 太郎（yamada） 画面: 利用者の検索',
        '山田 太郎（yamada） 画面: 利用者',
        'API（勤怠マクロ） 画面: API（予約の一覧）',
      ]),
    );
    expect(find('閉庁日の追加', '閉庁日 2026年12月11日(金)')?.detail).toBe('メモ: 庁舎点検');
    expect(find('枠の定員の変更', '2026年12月10日(木) 11:00（マザーズコーナー）')?.detail).toBe('定員: 2');
    expect(find('今すぐ相談の受付開始', '今すぐ相談の受付')).toBeDefined();
    expect(find('APIトークンの発行', 'APIトークン「勤怠マクロ」')).toBeDefined();
    expect(find('アカウント追加', '木村 一郎（kimura）')?.detail).toBe('氏名: 木村 一郎 / 権限: 職員');
    expect(find('保有個人データの開示', 'LINE利用者')?.detail).toBe('形式: JSONファイル');
    expect(find('個人情報の消去（本人の申出）', 'LINE利用者')?.detail).toMatch(/^予約: 1件 \/ 今すぐ相談: 0件/);
    expect(find('個人情報の閲覧', '弘前 様')).toMatchObject({ who: 'API（勤怠マクロ）' });
    expect(rows.find((r) => r.action === 'ログイン')?.who).toBe('山田 太郎（yamada）');
    const failed = await logRows('?action=login_failed');
    expect(failed.map((r) => [r.who, r.subject, r.detail])).toEqual(
      expect.arrayContaining([
        ['nobody（該当するアカウントなし）', 'nobody（該当するアカウントなし）', '理由: 存在しないログインID'],
        ['錠前 次郎（locky）', '錠前 次郎（locky）', '理由: パスワード違い / 失敗回数: 1'],
      ]),
    );
  });

  it('links a subject to the log of that subject alone', async () => {
    const page = await c.get('/staff/settings/audit?action=confirm');
    const link = new RegExp(
      `href="/staff/settings/audit\\?subject=${confirmed.id}"[^>]*>受付番号 ${receiptNumber(confirmed.id)}`,
    );
    expect(page.html).toMatch(link);
    const only = await logRows(`?subject=${confirmed.id}`);
    expect(only.length).toBeGreaterThan(0);
    expect(new Set(only.map((r) => r.subject))).toEqual(
      new Set([`受付番号 ${receiptNumber(confirmed.id)}（八戸 様）`]),
    );
  });
});
