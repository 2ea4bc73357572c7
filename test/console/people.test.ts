import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { listBookings } from '../../db/repositories/bookings-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';
const SEEDED = 'U0000000000000000000000000000seed1';
const ERASED = 'U000000000000000000000000000erased';
const CHATTER = 'U00000000000000000000000000chatter';

let h: Harness;
let c: ConsoleClient;
let webhookBookingId: string;
/** The person of the webhook-made request, one driver throughout (it reads only what is new). */
let u: ChatDriver;

const staffTexts = () =>
  h.platform
    .delivered()
    .filter((d) => d.to === STAFF_GROUP)
    .map((d) => textOf(d.message));

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  const db = h.app.db;
  const person = { name: '八甲田 一郎', jobSeekerNumber: '02010-11112222', email: 'ichiro@example.jp' };
  await seedBooking(db, {
    lineUserId: SEEDED,
    choices: [
      { date: '2026-11-10', minutes: 600 },
      { date: '2026-11-11', minutes: 600 },
    ],
    createdAt: '2026-11-02T01:00:00Z',
    patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', ...person },
  });
  await seedBooking(db, {
    lineUserId: SEEDED,
    choices: [
      { date: '2026-11-20', minutes: 600 },
      { date: '2026-11-24', minutes: 600 },
    ],
    createdAt: '2026-11-12T01:00:00Z',
    patch: {
      ...confirmedAt({ date: '2026-11-20', minutes: 600 }),
      status: 'no_show',
      cancelReason: 'no_show',
      ...person,
    },
  });
  await seedBooking(db, {
    lineUserId: ERASED,
    choices: [
      { date: '2025-01-10', minutes: 600 },
      { date: '2025-01-14', minutes: 600 },
    ],
    createdAt: '2025-01-06T01:00:00Z',
    patch: {
      status: 'cancelled',
      cancelledBy: ERASED,
      name: '',
      jobSeekerNumber: '',
      email: '',
      phone: '',
      personalDataErasedAt: '2025-08-01T00:00:00Z',
    },
  });
  u = new ChatDriver(h, CHATTER);
  await bookByButtons(u, 'Zoom', '十和田 湖子');
  webhookBookingId = (await listBookings(db, { lineUserId: CHATTER }))[0]!.id;
  c = consoleClient(h);
  await c.signIn('yamada');
});
afterAll(async () => h?.close());

const personLinks = (html: string) => [...html.matchAll(/href="\/staff\/people\/(U[0-9a-z]+)"/g)].map((m) => m[1]);

describe('利用者: search', () => {
  it('explains the search and lists nobody for an empty query', async () => {
    const r = await c.get('/staff/people');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<label for="q">氏名・求職番号・受付番号</label>');
    expect(r.html).toContain('一覧はすべての方を表示しません');
    expect(personLinks(r.html)).toEqual([]);
    expect(r.html).not.toContain('八甲田');
    const blank = await c.get('/staff/people?q=%20%E3%80%80');
    expect(personLinks(blank.html)).toEqual([]);
  });

  it('finds a person by part of the name (spaces ignored), with counts and state, and records the view', async () => {
    const before = (await listAudit(h.app.db, { action: 'view_person', subject: SEEDED })).length;
    const r = await c.get(`/staff/people?q=${encodeURIComponent('田一')}`);
    expect(r.status).toBe(200);
    expect(personLinks(r.html)).toEqual([SEEDED]);
    expect(r.html).toContain('八甲田 一郎');
    expect(r.html).toContain('02010-11112222');
    // Two bookings, one no-show; the bot answers as usual.
    expect(r.html).toMatch(/<td class="num">2<\/td><td class="num">1<\/td><td><span class="badge ok">通常/);
    const views = await listAudit(h.app.db, { action: 'view_person', subject: SEEDED });
    expect(views).toHaveLength(before + 1);
    expect(views[0]).toMatchObject({ loginId: 'yamada', detail: { page: 'people_search' } });
  });

  it('finds a person by job-seeker number, with or without the hyphen, typed full-width too', async () => {
    for (const q of ['02010-11112222', '11112222', '０２０１０１１１１']) {
      const r = await c.get(`/staff/people?q=${encodeURIComponent(q)}`);
      expect(personLinks(r.html), q).toEqual([SEEDED]);
    }
  });

  it('finds the person of a webhook-made request by its receipt number and by its booking id', async () => {
    for (const q of [
      receiptNumber(webhookBookingId),
      webhookBookingId,
      receiptNumber(webhookBookingId).toUpperCase(),
    ]) {
      const r = await c.get(`/staff/people?q=${encodeURIComponent(q)}`);
      expect(personLinks(r.html), q).toEqual([CHATTER]);
      expect(r.html).toContain('十和田 湖子');
    }
    const audit = await listAudit(h.app.db, { action: 'view_person', subject: CHATTER });
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('says so when nobody matches, and takes LIKE wildcards literally', async () => {
    for (const q of ['存在しない名前', '%', '_']) {
      const r = await c.get(`/staff/people?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(personLinks(r.html), q).toEqual([]);
      expect(r.html).toContain('に当てはまる利用者はいません');
    }
  });
});

describe('利用者: one person', () => {
  it('shows details, counts and every booking with a link to it, and records the view', async () => {
    const r = await c.get(`/staff/people/${SEEDED}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h1>八甲田 一郎 様</h1>');
    expect(r.html).toContain('ichiro@example.jp');
    expect(r.html).toMatch(/<dt>予約（申込み）<\/dt><dd>2件<\/dd><dt>参加<\/dt><dd>1件<\/dd>/);
    expect(r.html).toMatch(/<dt>無断欠席<\/dt><dd>1件<\/dd>/);
    const seeded = await listBookings(h.app.db, { lineUserId: SEEDED });
    for (const b of seeded) expect(r.html).toContain(`href="/staff/bookings/${b.id}">${receiptNumber(b.id)}</a>`);
    expect(r.html).toContain('11月10日(火) 10:00');
    expect(r.html).toContain('無断欠席');
    const views = await listAudit(h.app.db, { action: 'view_person', subject: SEEDED });
    expect(views[0]).toMatchObject({ loginId: 'yamada', detail: { page: 'person' } });
  });

  it('writes the phone number the same way on the person, booking and disclosure pages (090-1234-5678)', async () => {
    const [latest] = await listBookings(h.app.db, { lineUserId: SEEDED });
    expect(latest!.phone).toBe('09012345678');
    for (const path of [
      `/staff/people/${SEEDED}`,
      `/staff/bookings/${latest!.id}`,
      `/staff/people/${SEEDED}/disclosure`,
    ]) {
      const r = await c.get(path);
      expect([path, r.html.includes('<dd>090-1234-5678</dd>')]).toEqual([path, true]);
      expect([path, r.html.includes('09012345678')]).toEqual([path, false]);
    }
  });

  it('shows erased details as erased, and records no view of them', async () => {
    const r = await c.get(`/staff/people/${ERASED}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('保存期間の経過またはご本人の申出により消去済みです');
    expect(r.html).toContain('本人キャンセル');
    expect(await listAudit(h.app.db, { action: 'view_person', subject: ERASED })).toEqual([]);
  });

  it('answers 404 for someone the bot never met', async () => {
    const r = await c.get('/staff/people/Unobody');
    expect(r.status).toBe(404);
    expect(r.html).toContain('利用者が見つかりません');
    expect((await c.post('/staff/people/Unobody/block', { reason: 'x' })).status).toBe(404);
  });
});

describe('利用者: stopping the bot and handing the chat back', () => {
  it('blocks with a reason: the bot then only points the person to the phone, and the staff note names the staff member', async () => {
    const before = await c.get(`/staff/people/${CHATTER}`);
    const long = await c.post(`/staff/people/${CHATTER}/block`, { reason: 'あ'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.html).toContain('理由は200文字までで入力してください');
    expect(long.html).toContain('id="reason-error"');

    // Their request awaiting staff stays open: the form said so, and the box says it was read.
    expect(before.html).toContain('自動応答を停止しても、これらは取り消されません。');
    const r = await c.post(`/staff/people/${CHATTER}/block`, {
      reason: '威圧的な発言が続いたため',
      open_ack: webhookBookingId,
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/people/${CHATTER}?done=block`);
    await h.settle();
    const page = await c.get(r.location!);
    expect(page.html).toContain('自動応答を停止しました。');
    expect(page.html).toContain('自動応答停止中');
    expect(page.html).toContain('威圧的な発言が続いたため');
    expect(page.html).toContain('<td>山田 太郎（管理画面）</td>');
    expect(staffTexts().at(-1)).toContain('十和田 様 への自動応答を停止しました（山田 太郎・管理画面）');
    const audit = await listAudit(h.app.db, { action: 'block', subject: CHATTER });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ loginId: 'yamada', detail: { reason: '威圧的な発言が続いたため' } });

    await u.say('予約確認');
    expect(u.lastText()).toContain('このアカウントでのご案内は停止しています');
    expect(u.lastText()).not.toContain('威圧的');

    // A second block (a colleague's stale page) is refused and changes nothing.
    const again = await c.post(`/staff/people/${CHATTER}/block`, { reason: '重ねて', open_ack: webhookBookingId });
    expect(again.status).toBe(409);
    expect(again.html).toContain('自動応答はすでに停止しています');
    expect(await listAudit(h.app.db, { action: 'block', subject: CHATTER })).toHaveLength(1);
  });

  it('unblocks: the bot answers again, and the staff note names the staff member', async () => {
    await c.get(`/staff/people/${CHATTER}`);
    const r = await c.post(`/staff/people/${CHATTER}/unblock`, {});
    expect(r.status).toBe(303);
    await h.settle();
    expect((await c.get(r.location!)).html).toContain('自動応答の停止を解除しました。');
    expect(staffTexts().at(-1)).toContain('自動応答の停止を解除しました（山田 太郎・管理画面）');
    await u.say('予約確認');
    expect(u.lastText()).not.toContain('このアカウントでのご案内は停止しています');
    expect(u.lastText()).toContain(receiptNumber(webhookBookingId));
    expect((await c.post(`/staff/people/${CHATTER}/unblock`, {})).status).toBe(409);
  });

  it('hands a staff chat back to the bot, which tells the person', async () => {
    await u.say('担当者と話したい');
    await u.say('もしもし');
    expect(u.last).toEqual([]);
    const page = await c.get(`/staff/people/${CHATTER}`);
    expect(page.html).toContain('職員対応中');
    expect(page.html).toContain('トークを自動応答に戻す');
    const r = await c.post(`/staff/people/${CHATTER}/handback`, {});
    expect(r.status).toBe(303);
    await h.settle();
    expect(staffTexts().at(-1)).toContain('とのトークを自動応答に戻しました（山田 太郎・管理画面）');
    expect(
      h.platform
        .delivered()
        .filter((d) => d.to === CHATTER)
        .map((d) => textOf(d.message))
        .at(-1),
    ).toContain('自動応答に戻りました');
    await u.say('予約確認');
    expect(u.lastText()).toContain(receiptNumber(webhookBookingId));
    const stale = await c.post(`/staff/people/${CHATTER}/handback`, {});
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('職員対応中ではありません');
  });

  it('refuses a form without the session token', async () => {
    const r = await c.post(`/staff/people/${SEEDED}/block`, { _csrf: 'wrong', reason: 'x' });
    expect(r.status).toBe(403);
  });
});
