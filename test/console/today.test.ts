import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { insertImmediateRequest } from '../../db/repositories/immediate-requests-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
let c: ConsoleClient;
let person: ChatDriver;
let zoomId: string;
let noon: { id: string; lineUserId: string };
let late: { id: string; lineUserId: string };

/**
 * Sets the clock to a Japan time on Thursday 12/3 ('10:05'), signed in afresh: the console's
 * sessions end after 30 idle minutes, and the day jumps further than that.
 */
async function thursdayAt(hhmm: string): Promise<void> {
  h.clock.set(new Date(`2026-12-03T${hhmm}:00+09:00`));
  await c.signIn('sato');
}

beforeAll(async () => {
  // Tuesday 12/1 09:00 in Japan: a person books by LINE (first choice Thursday 12/3 10:00), staff confirm it.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  person = new ChatDriver(h, 'Utodaypage000000000000000000001');
  await bookByButtons(person, 'Zoom', '青森 花子');
  const staff = new StaffDriver(h);
  await staff.tap('第1希望で確定');
  await staff.say('123 4567 8901 abc123');
  zoomId = (await fetchBookings(h))[0]!.id;
  const createdAt = h.clock.now().toISOString();
  // Two more sessions that day, stored out of time order, and one the next day.
  late = await seedBooking(h.app.db, {
    choices: [
      { date: '2026-12-03', minutes: 840 },
      { date: '2026-12-03', minutes: 870 },
    ],
    createdAt,
    patch: { name: '午後 三郎', ...confirmedAt({ date: '2026-12-03', minutes: 840 }) },
  });
  noon = await seedBooking(h.app.db, {
    choices: [
      { date: '2026-12-03', minutes: 660 },
      { date: '2026-12-03', minutes: 690 },
    ],
    createdAt,
    patch: { name: '弘前 次郎', email: 'jiro@example.jp', ...confirmedAt({ date: '2026-12-03', minutes: 660 }) },
  });
  await seedBooking(h.app.db, {
    choices: [
      { date: '2026-12-04', minutes: 600 },
      { date: '2026-12-04', minutes: 630 },
    ],
    createdAt,
    patch: { name: '明日 四郎', ...confirmedAt({ date: '2026-12-04', minutes: 600 }) },
  });
  c = consoleClient(h);
  await thursdayAt('09:00');
});
afterAll(async () => h.close());

const rowOf = (html: string, bookingId: string) => {
  const at = html.indexOf(`href="/staff/bookings/${bookingId}"`);
  if (at < 0) throw new Error(`no row for ${bookingId}`);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
};

describe("today's sessions", () => {
  it('lists them in time order with kind, app, name, meeting details and status', async () => {
    const r = await c.get('/staff/today');
    expect(r.status).toBe(200);
    expect(r.html).toContain('12月3日(木)');
    expect(r.html).not.toContain('明日 四郎');
    const order = ['青森 花子', '弘前 次郎', '午後 三郎'].map((n) => r.html.indexOf(n));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const zoom = rowOf(r.html, zoomId);
    expect(zoom).toContain('10:00〜10:40');
    expect(zoom).toContain('一般');
    expect(zoom).toContain('Zoom');
    expect(zoom).toContain('ID 123 4567 8901');
    expect(zoom).toContain('パスコード abc123');
    expect(zoom).toContain('予定');
    expect(rowOf(r.html, noon.id)).toContain('TeleOffice');
    expect(rowOf(r.html, noon.id)).toContain('招待メール: jiro@example.jp');
    const seen = await listAudit(h.app.db, { loginId: 'sato', action: 'view_person' });
    expect(seen.map((e) => e.subject)).toEqual(
      expect.arrayContaining([person.userId, noon.lineUserId, late.lineUserId]),
    );
  });

  it("lists today's 今すぐ相談 with the name and number the staff card leaves out, and records the reading", async () => {
    const today = '2026-12-03';
    const caller = 'Utodayimmediate0000000000000001';
    await insertImmediateRequest(h.app.db, {
      id: 'imm-today-1',
      lineUserId: caller,
      name: '八戸 四季',
      jobSeekerNumber: '02010-87654321',
      interpreter: true,
      companion: 'interpreter',
      companionLanguage: 'ベトナム語',
      createdAt: new Date(`${today}T09:40:00+09:00`).toISOString(),
    });
    // Yesterday's is not today's business.
    await insertImmediateRequest(h.app.db, {
      id: 'imm-yesterday',
      lineUserId: 'Utodayimmediate0000000000000002',
      name: '昨日 五郎',
      jobSeekerNumber: '02010-11112222',
      interpreter: false,
      companion: null,
      companionLanguage: null,
      createdAt: new Date('2026-12-02T15:00:00+09:00').toISOString(),
    });
    const r = await c.get('/staff/today');
    const table = r.html.slice(r.html.indexOf('id="immediate-today"'));
    expect(table).toContain('本日の今すぐ相談 1 件');
    expect(table).toContain('9:40');
    expect(table).toContain('八戸 四季');
    expect(table).toContain('02010-87654321');
    // Who attends, as the staff group's card says it, so staff can arrange an interpreter.
    expect(table).toContain('あり（通訳・ベトナム語）');
    expect(table).toContain('対応者を待っています');
    expect(r.html).not.toContain('昨日 五郎');
    const seen = await listAudit(h.app.db, { loginId: 'sato', action: 'view_person', subject: caller });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('shows beside the session that the person wrote to the bot today', async () => {
    await thursdayAt('09:05');
    await person.say('すみません、5分ほど遅れます');
    const r = await c.get('/staff/today');
    expect(rowOf(r.html, zoomId)).toContain('9:05 にLINEで連絡あり');
    expect(rowOf(r.html, noon.id)).not.toContain('LINEで連絡あり');
  });

  it('refuses attendance before the session starts, in Japanese, beside its buttons', async () => {
    await thursdayAt('09:50');
    await c.get('/staff/today');
    const r = await c.post(`/staff/today/${zoomId}/attendance`, { attended: 'yes' });
    expect(r.status).toBe(409);
    expect(r.html).toMatch(new RegExp(`id="att-${zoomId}-error"[^>]*>出席は、相談の開始後に記録してください。`));
    expect((await getBooking(h.app.db, zoomId))?.status).toBe('confirmed');
  });

  it('records attendance in the staff member’s name', async () => {
    await thursdayAt('10:05');
    await c.get('/staff/today');
    const r = await c.post(`/staff/today/${zoomId}/attendance`, { attended: 'yes' });
    expect(r.status).toBe(303);
    expect((await c.get(r.location!)).html).toContain('青森 花子さんの出席を記録しました。');
    expect(await getBooking(h.app.db, zoomId)).toMatchObject({ status: 'attended' });
    expect((await staffActionsOf(h.app.db, zoomId)).at(-1)).toMatchObject({
      action: 'attended',
      staffId: 'console:sato',
      via: 'console',
    });
    expect(await listAudit(h.app.db, { loginId: 'sato', action: 'attendance', subject: zoomId })).toHaveLength(1);
    // A second click (or a colleague's) is told it is already recorded.
    const again = await c.post(`/staff/today/${zoomId}/attendance`, { attended: 'yes' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('すでに出席として記録されています');
  });

  it("names a person in the done notice only when they are on today's list, and reads ?done= as its own words only", async () => {
    await thursdayAt('10:06');
    const tomorrows = (await fetchBookings(h)).find((b) => b.name === '明日 四郎')!;
    const r = await c.get(`/staff/today?done=attended&id=${tomorrows.id}`);
    expect(r.status).toBe(200);
    expect(r.html).not.toContain('明日 四郎');
    for (const odd of ['hasOwnProperty', 'constructor', '__proto__']) {
      const page = await c.get(`/staff/today?done=${odd}&id=${zoomId}`);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('を記録しました');
    }
  });

  it('records a no-show, tells the person, and lets staff correct it to attended', async () => {
    await thursdayAt('11:10');
    await c.get('/staff/today');
    const r = await c.post(`/staff/today/${noon.id}/attendance`, { attended: 'no' });
    expect(r.status).toBe(303);
    await h.settle();
    expect(await getBooking(h.app.db, noon.id)).toMatchObject({ status: 'no_show', cancelledBy: 'console:sato' });
    expect(textsDeliveredTo(h, noon.lineUserId).at(-1)).toContain('欠席として記録しました');
    const page = await c.get(r.location!);
    expect(rowOf(page.html, noon.id)).toContain('欠席（接続なし）');
    expect(rowOf(page.html, noon.id)).toContain('出席に訂正');

    const fix = await c.post(`/staff/today/${noon.id}/attendance`, { attended: 'yes' });
    expect(fix.status).toBe(303);
    await h.settle();
    expect((await c.get(fix.location!)).html).toContain('弘前 次郎さんの記録を出席に訂正しました。');
    expect(await getBooking(h.app.db, noon.id)).toMatchObject({ status: 'attended' });
    expect(textsDeliveredTo(h, noon.lineUserId).at(-1)).toContain('「欠席」から「出席」に訂正しました');
    expect((await staffActionsOf(h.app.db, noon.id)).at(-1)).toMatchObject({
      action: 'attendance_corrected',
      staffId: 'console:sato',
    });
  });

  it('refuses a form without a choice, or for a booking that does not exist', async () => {
    await c.get('/staff/today');
    expect((await c.post(`/staff/today/${late.id}/attendance`, { attended: 'maybe' })).status).toBe(400);
    const missing = await c.post('/staff/today/00000000-0000-4000-8000-000000000000/attendance', { attended: 'yes' });
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('該当する申込みが見つかりません。');
  });

  it('refuses a form without the session token and records nothing', async () => {
    await thursdayAt('14:05');
    const r = await c.post(`/staff/today/${late.id}/attendance`, { attended: 'no', _csrf: '' });
    expect(r.status).toBe(403);
    expect((await getBooking(h.app.db, late.id))?.status).toBe('confirmed');
  });

  it('prints the list on a page without the menu or any form', async () => {
    const r = await c.get('/staff/today/print');
    expect(r.status).toBe(200);
    expect(r.html).toContain('本日の相談 12月3日(木)');
    expect(r.html).toContain('午後 三郎');
    expect(r.html).not.toContain('<nav');
    expect(r.html).not.toContain('<form');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const seen = await listAudit(h.app.db, { loginId: 'sato', action: 'view_person', subject: late.lineUserId });
    expect(seen.some((e) => e.detail?.page === 'today_print')).toBe(true);
  });
});
