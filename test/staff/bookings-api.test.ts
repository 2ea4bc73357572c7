import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF_API_TOKEN } from '../support/harness.js';
import { requestViaChat, startStaffHarness, type StaffHarness } from './staff-support.js';

const USER = 'U1111111111111111111111111111111a';
const ZOOM = { meetingId: '123 4567 8901', passcode: 'aomori1' };

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

describe('staff API: access', () => {
  it('should refuse every endpoint without the staff token', async () => {
    for (const [method, path] of [
      ['GET', '/api/bookings'],
      ['POST', '/api/bookings/x/confirm'],
      ['GET', '/api/closures'],
      ['PUT', '/api/immediate'],
      ['GET', '/api/users/U0'],
    ] as const) {
      const none = await s.api(method, path, method === 'GET' ? undefined : { by: 'x' }, null);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.body.code).toBe('unauthorized');
      expect((await s.api(method, path, undefined, 'wrong-token-wrong-token')).status).toBe(401);
    }
  });

  it('should check the token before reading the body, so a caller without it learns nothing from a bad or large body', async () => {
    const post = (body: string, token?: string) =>
      fetch(`${s.h.baseUrl}/api/terms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
    const large = JSON.stringify({ by: 'x'.repeat(70 * 1024) });
    expect((await post('{bad')).status).toBe(401);
    expect((await post(large)).status).toBe(401);
    expect((await post('{bad', 'wrong-token-wrong-token')).status).toBe(401);
    // With the token, the body is read as before.
    expect((await post('{bad', STAFF_API_TOKEN)).status).toBe(400);
    expect((await post(large, STAFF_API_TOKEN)).status).toBe(413);
  });

  it('should tell caches not to store any answer, errors included, since answers carry personal data', async () => {
    const auth = { authorization: `Bearer ${STAFF_API_TOKEN}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const answers = [
      await fetch(`${s.h.baseUrl}/api/bookings`, { headers: auth }),
      await fetch(`${s.h.baseUrl}/api/bookings`),
      await fetch(`${s.h.baseUrl}/api/bookings/nobody`, { headers: auth }),
      await fetch(`${s.h.baseUrl}/api/no-such-endpoint`, { headers: auth }),
      await fetch(`${s.h.baseUrl}/api/terms`, { method: 'POST', headers: json, body: '{bad' }),
      await fetch(`${s.h.baseUrl}/api/terms`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ by: 'x'.repeat(70 * 1024) }),
      }),
      await fetch(`${s.h.baseUrl}/api/immediate`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ enabled: true, by: '山田' }),
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 404, 400, 413, 200]);
    for (const r of answers) expect(r.headers.get('cache-control'), `${r.url} ${r.status}`).toBe('no-store');
  });
});

describe('staff API: bookings', () => {
  it('should confirm a request by choice, tell the user with the Zoom details and keep who did it', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const res = await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 2, ...ZOOM, by: '山田' });
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      id: bookingId,
      status: 'confirmed',
      lineUserId: USER,
      confirmed: { start: '2026-12-03T10:30:00+09:00', end: '2026-12-03T11:10:00+09:00' },
      meeting: ZOOM,
      proposed: null,
      cancelReason: null,
      confirmedBy: 'api:山田',
    });

    const card = s.userTexts(USER).at(-1) ?? '';
    expect(card).toContain('確定しました');
    expect(card).toContain('12月3日(木)\n10:30〜11:10');
    expect(card).toContain('123 4567 8901');
    expect(card).toContain('aomori1');
    expect(card).toContain('録画');
    expect(s.staffTexts().at(-1)).toContain('確定しました');

    const one = await s.api('GET', `/api/bookings/${bookingId}`);
    expect(one.status).toBe(200);
    expect(one.body.actions).toEqual([expect.objectContaining({ action: 'confirm', by: 'api:山田', via: 'api' })]);
  });

  it('should answer 409 to confirming twice, and to confirming a cancelled booking', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    expect((await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' })).status).toBe(
      200,
    );
    const before = s.userTexts(USER).length;
    const twice = await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 2, ...ZOOM, by: '佐藤' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_confirmed');

    const cancelled = await s.api('POST', `/api/bookings/${bookingId}/cancel`, {
      reason: '担当者の急病のため',
      by: '山田',
    });
    expect(cancelled.status).toBe(200);
    const again = await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_status' });
    // Only the cancellation reached the user; the refused changes sent nothing.
    expect(s.userTexts(USER).length).toBe(before + 1);
  });

  it('should let only one of two simultaneous confirmations through', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const answers = await Promise.all([
      s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' }),
      s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 2, ...ZOOM, by: '佐藤' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(s.userTexts(USER).filter((t) => t.includes('確定しました'))).toHaveLength(1);
    expect((await s.api('GET', `/api/bookings/${bookingId}`)).body.actions).toHaveLength(1);
  });

  it('should answer 400 naming the field for a bad body, and change nothing', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const cases: [unknown, string][] = [
      [{ choice: 1, ...ZOOM }, 'by'],
      [{ choice: 3, ...ZOOM, by: '山田' }, 'choice'],
      [{ ...ZOOM, by: '山田' }, 'choice'],
      [{ choice: 1, start: '2026-12-03T10:00:00+09:00', ...ZOOM, by: '山田' }, 'start'],
      [{ start: '2026-12-03T10:00:00', ...ZOOM, by: '山田' }, 'start'],
      [{ choice: 1, meetingId: '123', by: '山田' }, 'passcode'],
      [{ choice: 1, ...ZOOM, by: '山田', choise: 2 }, 'choise'],
      [{ choice: 1, by: '山田' }, 'meetingId'],
      // A date far ahead is refused where it is read, not left to fail in the calendar's arithmetic.
      [{ start: '9999-12-31T23:30:00+00:00', ...ZOOM, by: '山田' }, 'start'],
    ];
    for (const [body, field] of cases) {
      const res = await s.api('POST', `/api/bookings/${bookingId}/confirm`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
      expect(typeof res.body.message).toBe('string');
    }
    expect((await s.api('POST', `/api/bookings/${bookingId}/cancel`, { by: '山田' })).body.field).toBe('reason');
    expect(
      (await s.api('POST', `/api/bookings/${bookingId}/attendance`, { attended: 'yes', by: '山田' })).body.field,
    ).toBe('attended');
    const one = await s.api('GET', `/api/bookings/${bookingId}`);
    expect(one.body.booking).toMatchObject({ status: 'requested' });
    expect(one.body.actions).toEqual([]);
  });

  it('should answer 404 for an unknown booking', async () => {
    expect((await s.api('GET', '/api/bookings/nope')).status).toBe(404);
    const res = await s.api('POST', '/api/bookings/nope/confirm', { choice: 1, ...ZOOM, by: '山田' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('should confirm at any minute-exact time staff agreed, and refuse one outside the windows', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const outside = await s.api('POST', `/api/bookings/${bookingId}/confirm`, {
      start: '2026-12-03T11:21:00+09:00',
      ...ZOOM,
      by: '山田',
    });
    expect(outside.status).toBe(409);
    expect(outside.body).toMatchObject({ code: 'outside_window', field: 'start' });
    const ok = await s.api('POST', `/api/bookings/${bookingId}/confirm`, {
      start: '2026-12-03T02:20:00Z',
      ...ZOOM,
      by: '山田',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.booking).toMatchObject({ confirmed: { start: '2026-12-03T11:20:00+09:00' } });
  });

  it('should send the user a proposal card for another time', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const res = await s.api('POST', `/api/bookings/${bookingId}/propose`, {
      start: '2026-12-04T14:00:00+09:00',
      ...ZOOM,
      by: '山田',
    });
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      status: 'requested',
      proposed: { start: '2026-12-04T14:00:00+09:00', end: '2026-12-04T14:40:00+09:00' },
    });
    const card = s.userTexts(USER).at(-1) ?? '';
    expect(card).toContain('日時のご提案');
    expect(card).toContain('12月4日(金)\n14:00〜14:40');
    expect(s.staffTexts().at(-1)).toContain('日時を提案しました');
  });

  it('should move a confirmed booking by proposing a new time (the office reschedules)', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
    const res = await s.api('POST', `/api/bookings/${bookingId}/propose`, {
      start: '2026-12-04T10:00:00+09:00',
      by: '山田',
    });
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      status: 'confirmed',
      confirmed: { start: '2026-12-03T10:00:00+09:00' },
      proposed: { start: '2026-12-04T10:00:00+09:00' },
    });
    expect(s.userTexts(USER).at(-1)).toContain('変更をお願いする');
  });

  it('should cancel for the office, tell the user with the reason and record it', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const res = await s.api('POST', `/api/bookings/${bookingId}/cancel`, { reason: '担当者の急病のため', by: '山田' });
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      status: 'cancelled',
      cancelReason: '担当者の急病のため',
      cancelledBy: 'api:山田',
    });
    const told = s.userTexts(USER).at(-1) ?? '';
    expect(told).toContain('キャンセルとなりました');
    expect(told).toContain('担当者の急病のため');
    expect((await s.api('POST', `/api/bookings/${bookingId}/cancel`, { reason: 'again', by: '山田' })).status).toBe(
      409,
    );
  });

  it('should filter the list by status, kind, dates and user', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const ids = async (query: string) =>
      ((await s.api('GET', `/api/bookings${query}`)).body.bookings as { id: string }[]).map((b) => b.id);
    expect(await ids('')).toEqual([bookingId]);
    expect(await ids('?status=requested&kind=regular')).toEqual([bookingId]);
    expect(await ids('?status=confirmed')).toEqual([]);
    expect(await ids('?kind=mothers')).toEqual([]);
    expect(await ids('?from=2026-12-03&to=2026-12-03')).toEqual([bookingId]);
    expect(await ids('?from=2026-12-04')).toEqual([]);
    expect(await ids('?to=2026-12-02')).toEqual([]);
    expect(await ids(`?user=${USER}`)).toEqual([bookingId]);
    expect(await ids('?user=Uother')).toEqual([]);
    const bad = await s.api('GET', '/api/bookings?from=2026-13-01');
    expect(bad).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(await s.api('GET', '/api/bookings?to=9999-12-31')).toMatchObject({ status: 400, body: { field: 'to' } });
    expect((await s.api('GET', '/api/bookings?status=done')).body.field).toBe('status');
    expect((await s.api('GET', '/api/bookings?from=2026-12-05&to=2026-12-04')).body.field).toBe('to');
    // A misspelt filter is refused rather than dropped (which would list everything).
    expect(await s.api('GET', '/api/bookings?stauts=requested')).toMatchObject({
      status: 400,
      body: { field: 'stauts' },
    });
    expect(await s.api('GET', '/api/closures?form=2026-12-01')).toMatchObject({ status: 400, body: { field: 'form' } });
  });
});
