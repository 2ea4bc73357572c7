import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { STAFF_API_TOKEN, startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

/** A POST to the staff API with an Idempotency-Key, answered once everything it queued was sent. */
async function post(path: string, body: unknown, key?: string) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${STAFF_API_TOKEN}`,
      'content-type': 'application/json',
      ...(key !== undefined ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  await h.settle();
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text: await res.text() };
}

async function request(userId: string): Promise<{ u: ChatDriver; id: string }> {
  const u = new ChatDriver(h, userId);
  await bookByButtons(u, 'TeleOffice');
  const mine = (await fetchBookings(h)).find((b) => b.lineUserId === userId);
  return { u, id: mine!.id };
}

const proposals = (u: ChatDriver) => textsDeliveredTo(h, u.userId).filter((t) => t.includes('日時のご提案')).length;

describe('Idempotency-Key on the staff API', () => {
  it('answers a repeated request with the first answer, and changes and sends nothing more', async () => {
    const { u, id } = await request('Uidem0000000000000000000000000001');
    const body = { start: '2026-12-04T14:00:00+09:00', by: '山田' };
    const first = await post(`/api/bookings/${id}/propose`, body, 'key-propose-1');
    const again = await post(`/api/bookings/${id}/propose`, body, 'key-propose-1');
    expect(first.status).toBe(200);
    expect(first.replayed).toBeNull();
    expect(again).toEqual({ status: 200, replayed: 'true', text: first.text });
    expect(proposals(u)).toBe(1);
  });

  it('refuses the same key with another request (422), and replays a refusal as it was', async () => {
    const { id } = await request('Uidem0000000000000000000000000002');
    await post(`/api/bookings/${id}/cancel`, { reason: '重複', by: '山田' }, 'key-2');
    const other = await post(`/api/bookings/${id}/cancel`, { reason: '別の理由', by: '山田' }, 'key-2');
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text)).toMatchObject({ code: 'idempotency_key_reused' });
    // A confirm of the now cancelled booking is refused; sent again with its key, the same refusal.
    const refused = await post(`/api/bookings/${id}/confirm`, { choice: 1, by: '山田' }, 'key-3');
    const replay = await post(`/api/bookings/${id}/confirm`, { choice: 1, by: '山田' }, 'key-3');
    expect(refused.status).toBe(409);
    expect(replay).toEqual({ status: 409, replayed: 'true', text: refused.text });
  });

  it('refuses a key that is too long or holds spaces, naming the header', async () => {
    for (const key of ['x'.repeat(256), 'a b', '(key)\u00e9']) {
      const r = await post('/api/closures/2026-12-24', {}, key);
      expect(r.status, key).toBe(400);
      expect(JSON.parse(r.text), key).toMatchObject({ field: 'Idempotency-Key' });
    }
  });

  it('refuses a body nested too deeply to fingerprint with a 400, not a 503', async () => {
    const { id } = await request('Uidem0000000000000000000000000005');
    const depth = 20_000;
    const res = await fetch(`${h.baseUrl}/api/bookings/${id}/cancel`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${STAFF_API_TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': 'key-deep',
      },
      body: `{"by":"山田","reason":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_json' });
    expect((await fetchBookings(h)).find((b) => b.id === id)?.status).toBe('requested');
  });

  it('forgets keys after a day, when the hourly purge runs', async () => {
    const { id } = await request('Uidem0000000000000000000000000003');
    const body = { start: '2026-12-07T10:00:00+09:00', by: '山田' };
    expect((await post(`/api/bookings/${id}/propose`, body, 'key-old')).status).toBe(200);
    h.clock.advance(25 * 60 * 60_000);
    await h.app.jobs.purge();
    // The same key is new again: handled, not replayed (the proposal stands, so nothing is sent).
    const later = await post(`/api/bookings/${id}/propose`, body, 'key-old');
    expect(later.replayed).toBeNull();
  });
});

describe('proposing the same time again without a key', () => {
  it('sends the person no second card: the proposal already stands', async () => {
    const { u, id } = await request('Uidem0000000000000000000000000004');
    const body = { start: '2026-12-04T14:00:00+09:00', by: '山田' };
    expect((await post(`/api/bookings/${id}/propose`, body)).status).toBe(200);
    expect((await post(`/api/bookings/${id}/propose`, body)).status).toBe(200);
    expect(proposals(u)).toBe(1);
    // Another time is a new proposal, with its own card.
    expect((await post(`/api/bookings/${id}/propose`, { start: '2026-12-07T14:00:00+09:00', by: '山田' })).status).toBe(
      200,
    );
    expect(proposals(u)).toBe(2);
  });
});
