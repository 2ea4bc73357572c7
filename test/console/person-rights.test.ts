import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { getBooking, listBookings } from '../../db/repositories/bookings-repository.js';
import { answerUpToDates, bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { JsonBody } from '../support/staff-api.js';

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';
/** Had a session in November, and is half-way through a new booking in the chat. */
const ASKER = 'U00000000000000000000000000asker1';
/** Has a request awaiting staff. */
const WAITING = 'U0000000000000000000000000waiting';
const PERSON = { name: '三沢 陽子', jobSeekerNumber: '02010-55556666', email: 'yoko@example.jp' };

let h: Harness;
let c: ConsoleClient;
let pastBookingId: string;

const page = (id: string, rest = '') => `/staff/people/${encodeURIComponent(id)}${rest}`;
const auditOf = (action: string, subject: string) => listAudit(h.app.db, { action, subject });

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  pastBookingId = (
    await seedBooking(h.app.db, {
      lineUserId: ASKER,
      choices: [{ date: '2026-11-10', minutes: 600 }],
      createdAt: '2026-11-02T01:00:00Z',
      patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', ...PERSON },
    })
  ).id;
  const asker = new ChatDriver(h, ASKER);
  await asker.say('予約する');
  if (asker.lastText().includes('利用規約')) await asker.tap('同意する');
  await answerUpToDates(asker, 'Zoom', '三沢 陽子');
  await bookByButtons(new ChatDriver(h, WAITING), 'Zoom', '十和田 湖子');
  await h.settle();
  c = consoleClient(h);
  await c.signIn('yamada');
});
afterAll(async () => h?.close());

describe('開示: everything the office holds about one person', () => {
  it('is offered on the person page', async () => {
    const r = await c.get(page(ASKER));
    expect(r.html).toContain(`href="${page(ASKER, '/disclosure')}"`);
    expect(r.html).toContain(`href="${page(ASKER, '/disclosure.json')}"`);
    expect(r.html).toContain(`href="${page(ASKER, '/erase')}"`);
  });

  it('as a readable page: bookings with their details, the draft, messages and records, and the view is recorded', async () => {
    const before = (await auditOf('disclose_person', ASKER)).length;
    const r = await c.get(page(ASKER, '/disclosure'));
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    for (const shown of ['保有個人データの開示', PERSON.name, PERSON.jobSeekerNumber, PERSON.email, '相談済み'])
      expect(r.html).toContain(shown);
    // The booking being typed in the chat: the number it was given so far, labelled as on the cards.
    expect(r.html).toMatch(/<dt>求職番号<\/dt><dd>02010-12345678<\/dd>/);
    expect(r.html).toContain('<dt>氏名</dt><dd>三沢 陽子</dd>');
    expect(r.html).toContain('送信待ち・送信済みのメッセージ');
    // What was sent, as the words the person read, not as LINE's JSON.
    expect(r.html).toContain('ご利用いただける方を確認します');
    expect(r.html).not.toContain('&quot;type&quot;');
    expect(r.html).not.toContain('"bubble"');
    const entries = await auditOf('disclose_person', ASKER);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ loginId: 'yamada', detail: { format: 'page' } });
  });

  it('as a JSON download with the same content, recorded too', async () => {
    const r = await c.get(page(ASKER, '/disclosure.json'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="?disclosure-${ASKER}\\.json`),
    );
    const d = JSON.parse(r.html) as JsonBody;
    expect(d.lineUserId).toBe(ASKER);
    expect(d.bookings).toHaveLength(1);
    expect(d.bookings[0]).toMatchObject({ id: pastBookingId, status: 'attended', ...PERSON });
    expect(d.terms.versionsAgreedForBookings).toHaveLength(1);
    expect(d.conversation.draft).toMatchObject({ name: '三沢 陽子', jobSeekerNumber: '02010-12345678' });
    expect(d.queuedMessages.length).toBeGreaterThan(0);
    // The page view just before is among the records of who looked at the person.
    expect(d.audit.some((e: JsonBody) => e.action === 'disclose_person' && e.by === 'yamada')).toBe(true);
    expect((await auditOf('disclose_person', ASKER))[0]).toMatchObject({ detail: { format: 'json' } });
  });

  it('answers 404 for someone the office never heard of, and records nothing', async () => {
    const r = await c.get(page('U000000000000000000000000nobody00', '/disclosure.json'));
    expect(r.status).toBe(404);
    expect(await auditOf('disclose_person', 'U000000000000000000000000nobody00')).toHaveLength(0);
  });
});

describe('消去: erasing one person on request', () => {
  it('asks first, and erases nothing without the box ticked or without the form token', async () => {
    const form = await c.get(page(ASKER, '/erase'));
    expect(form.status).toBe(200);
    expect(form.html).toContain('ご本人から消去の申出があり');
    expect(form.html).toContain('予約 1件の氏名');
    const unticked = await c.post(page(ASKER, '/erase'), {});
    expect(unticked.status).toBe(400);
    expect(unticked.html).toContain('チェックを入れてください');
    const forged = await c.post(page(ASKER, '/erase'), { confirm: 'yes', _csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect((await getBooking(h.app.db, pastBookingId))!.name).toBe(PERSON.name);
    expect(await auditOf('erase_person', ASKER)).toHaveLength(0);
  });

  it('is refused while the person has a request awaiting staff', async () => {
    await c.get(page(WAITING, '/erase'));
    const r = await c.post(page(WAITING, '/erase'), { confirm: 'yes' });
    expect(r.status).toBe(409);
    expect(r.html).toContain('先にキャンセルしてから消去してください');
    expect((await listBookings(h.app.db, { lineUserId: WAITING }))[0]!.name).toBe('十和田 湖子');
    expect(await auditOf('erase_person', WAITING)).toHaveLength(0);
  });

  it('erases the details as the retention job does, drops the draft and queued messages, and records who', async () => {
    await c.get(page(ASKER, '/erase'));
    const asked = h.clock.now().toISOString();
    const r = await c.post(page(ASKER, '/erase'), { confirm: 'yes' });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${page(ASKER)}?done=erase`);
    expect((await c.get(r.location!)).html).toContain('この方の個人情報を消去しました');

    const booking = (await getBooking(h.app.db, pastBookingId))!;
    expect(booking).toMatchObject({ name: '', jobSeekerNumber: '', email: '', phone: '', status: 'attended' });
    expect(booking.personalDataErasedAt! >= asked).toBe(true);
    const db = h.app.db;
    expect(
      await db.selectFrom('conversations').select('line_user_id').where('line_user_id', '=', ASKER).execute(),
    ).toEqual([]);
    expect(await db.selectFrom('outbox').select('id').where('recipient', '=', ASKER).execute()).toEqual([]);

    const [entry] = await auditOf('erase_person', ASKER);
    expect(entry).toMatchObject({
      loginId: 'yamada',
      detail: { bookings: 1, conversations: 1 },
    });
    expect(entry!.detail!.messages).toBeGreaterThan(0);

    // What is disclosed afterwards no longer holds the details; the records of who did what stay.
    const after = await c.get(page(ASKER, '/disclosure.json'));
    for (const gone of [PERSON.name, PERSON.jobSeekerNumber, PERSON.email, '02010-12345678'])
      expect(after.html).not.toContain(gone);
    const d = JSON.parse(after.html) as JsonBody;
    expect(d.conversation).toBeNull();
    expect(d.audit.some((e: JsonBody) => e.action === 'erase_person' && e.by === 'yamada')).toBe(true);
  });
});
