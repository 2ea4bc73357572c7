import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { getBooking, listBookings } from '../../db/repositories/bookings-repository.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { STAFF_API_TOKEN, startHarness, type Harness } from '../support/harness.js';
import { postStaffApi, type JsonBody } from '../support/staff-api.js';

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';
const PAST = 'U000000000000000000000000apipast1';
const WAITING = 'U00000000000000000000000apiwait1';
const PERSON = { name: '三沢 陽子', jobSeekerNumber: '02010-55556666', email: 'yoko@example.jp' };

let h: Harness;
let pastBookingId: string;

async function disclosure(id: string, query: string): Promise<{ status: number; body: JsonBody }> {
  const r = await fetch(`${h.baseUrl}/api/users/${id}/disclosure${query}`, {
    headers: { authorization: `Bearer ${STAFF_API_TOKEN}` },
  });
  return { status: r.status, body: (await r.json()) as JsonBody };
}

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  pastBookingId = (
    await seedBooking(h.app.db, {
      lineUserId: PAST,
      choices: [{ date: '2026-11-10', minutes: 600 }],
      createdAt: '2026-11-02T01:00:00Z',
      patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', ...PERSON },
    })
  ).id;
  await bookByButtons(new ChatDriver(h, WAITING), 'Zoom', '十和田 湖子');
  await h.settle();
});
afterAll(async () => h?.close());

describe('GET /api/users/:lineUserId/disclosure', () => {
  it('answers everything held about the person and records who read it', async () => {
    const r = await disclosure(PAST, '?by=所長');
    expect(r.status).toBe(200);
    expect(r.body.disclosure.lineUserId).toBe(PAST);
    expect(r.body.disclosure.bookings[0]).toMatchObject({ id: pastBookingId, ...PERSON });
    const [entry] = await listAudit(h.app.db, { action: 'disclose_person', subject: PAST });
    expect(entry).toMatchObject({ accountId: null, loginId: 'api:所長', detail: { format: 'json' } });
  });

  it('with the shared token and no `by`, records the read as the "env" token; 404 for an unknown person', async () => {
    expect((await disclosure(PAST, '')).status).toBe(200);
    const [entry] = await listAudit(h.app.db, { action: 'disclose_person', subject: PAST });
    expect(entry).toMatchObject({ loginId: 'api:env' });
    expect((await disclosure('U0000000000000000000000000nobody1', '?by=所長')).status).toBe(404);
  });
});

describe('POST /api/users/:lineUserId/erase', () => {
  it('is refused with 409 open_booking while a request awaits staff', async () => {
    const r = await postStaffApi(h, `/api/users/${WAITING}/erase`, { by: '所長' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('open_booking');
    expect((await listBookings(h.app.db, { lineUserId: WAITING }))[0]!.name).toBe('十和田 湖子');
    expect(await listAudit(h.app.db, { action: 'erase_person', subject: WAITING })).toHaveLength(0);
  });

  it('erases the person now, says what went, and records who', async () => {
    const r = await postStaffApi(h, `/api/users/${PAST}/erase`, { by: '所長' });
    expect(r.status).toBe(200);
    expect(r.body.erased).toMatchObject({ bookings: 1, immediateRequests: 0, conversations: 0 });
    expect((await getBooking(h.app.db, pastBookingId))!).toMatchObject({ name: '', email: '', jobSeekerNumber: '' });
    const [entry] = await listAudit(h.app.db, { action: 'erase_person', subject: PAST });
    expect(entry).toMatchObject({ accountId: null, loginId: 'api:所長', detail: { bookings: 1 } });
    const after = await disclosure(PAST, '?by=所長');
    expect(JSON.stringify(after.body)).not.toContain(PERSON.email);
    expect(after.body.disclosure.bookings[0].personalDataErasedAt).not.toBeNull();
  });

  it('erasing again finds nothing left to erase', async () => {
    const r = await postStaffApi(h, `/api/users/${PAST}/erase`, { by: '所長' });
    expect(r.body.erased).toMatchObject({ bookings: 0, messages: 0 });
  });
});
