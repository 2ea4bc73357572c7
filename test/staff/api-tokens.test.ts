import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { FAILED_AUTH_LIMIT } from '../../src/http/staff-auth.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { startHarnessWithLogs, type HarnessWithLogs } from '../support/harness-with-logs.js';
import { startHarness, STAFF_API_TOKEN } from '../support/harness.js';
import type { JsonBody } from '../support/staff-api.js';

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';
const PEOPLE = ['U00000000000000000000000000token1', 'U00000000000000000000000000token2'];
const TOKEN_SHAPE = /<code class="api-token">(hwa_[A-Za-z0-9_-]{43})<\/code>/;

let h: HarnessWithLogs;
let admin: ConsoleClient;

async function api(token: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, headers: r.headers, body: (await r.json()) as JsonBody };
}

/** Creates a token in the console as the admin; the page is the only place it is ever shown. */
async function createToken(name: string): Promise<string> {
  await admin.get('/staff/settings/api-tokens');
  const r = await admin.post('/staff/settings/api-tokens', { name });
  expect(r.status).toBe(201);
  return TOKEN_SHAPE.exec(r.html)![1]!;
}

beforeAll(async () => {
  h = await startHarnessWithLogs({ now: NOW });
  await addStaff(h, 'kanri', 'admin', '管理 花子');
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  for (const [i, lineUserId] of PEOPLE.entries())
    await seedBooking(h.app.db, {
      lineUserId,
      choices: [{ date: '2026-11-10', minutes: 600 + 30 * i }],
      createdAt: `2026-11-0${i + 2}T01:00:00Z`,
      patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 + 30 * i }), status: 'attended' },
    });
  admin = consoleClient(h);
  await admin.signIn('kanri');
});
afterAll(async () => h?.close());

describe('named API tokens', () => {
  it('are created by an admin, shown once, and stored only as their SHA-256', async () => {
    const token = await createToken('勤怠マクロ');
    expect((await admin.get('/staff/settings/api-tokens')).html).not.toContain(token);
    const rows = await h.app.db.selectFrom('api_tokens').selectAll().where('name', '=', '勤怠マクロ').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await listAudit(h.app.db, { action: 'api_token_add' }))[0]).toMatchObject({
      loginId: 'kanri',
      subject: '勤怠マクロ',
    });
  });

  it('cannot be created by staff who are not admins, nor twice under one name', async () => {
    const staff = consoleClient(h);
    await staff.signIn('yamada');
    expect((await staff.get('/staff/settings/api-tokens')).status).toBe(403);
    await admin.get('/staff/settings/api-tokens');
    expect((await admin.post('/staff/settings/api-tokens', { name: '勤怠マクロ' })).status).toBe(409);
    expect((await admin.post('/staff/settings/api-tokens', { name: 'env' })).status).toBe(400);
  });

  it('name their caller: `by` comes from the token and cannot name anyone else', async () => {
    const token = await createToken('受付スクリプト');
    const blocked = await api(token, 'POST', `/api/users/${PEOPLE[0]}/block`, { reason: 'テスト' });
    expect(blocked.status).toBe(200);
    expect((await staffActionsOf(h.app.db, PEOPLE[0]!)).at(-1)).toMatchObject({
      action: 'block',
      staffId: 'api:受付スクリプト',
    });
    const forged = await api(token, 'POST', `/api/users/${PEOPLE[0]}/unblock`, { by: '所長' });
    expect(forged).toMatchObject({ status: 400, body: { field: 'by' } });
    const same = await api(token, 'POST', `/api/users/${PEOPLE[0]}/unblock`, { by: '受付スクリプト' });
    expect(same.status).toBe(200);
  });

  it('record reads of personal details in the audit log under the token name', async () => {
    const token = await createToken('集計ツール');
    expect((await api(token, 'GET', '/api/bookings')).status).toBe(200);
    for (const person of PEOPLE)
      expect((await listAudit(h.app.db, { subject: person, action: 'view_person' }))[0]).toMatchObject({
        accountId: null,
        loginId: 'api:集計ツール',
        detail: { page: 'api_bookings' },
      });
    await api(token, 'GET', `/api/users/${PEOPLE[1]}`);
    expect((await listAudit(h.app.db, { subject: PEOPLE[1], action: 'view_person' }))[0]).toMatchObject({
      loginId: 'api:集計ツール',
      detail: { page: 'api_user' },
    });
  });

  it('page long lists with limit and cursor', async () => {
    const token = await createToken('一覧');
    const first = await api(token, 'GET', '/api/bookings?limit=1');
    expect(first.body.bookings.map((b: JsonBody) => b.lineUserId)).toEqual([PEOPLE[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(token, 'GET', `/api/bookings?limit=1&cursor=${first.body.nextCursor as string}`);
    expect(second.body.bookings.map((b: JsonBody) => b.lineUserId)).toEqual([PEOPLE[0]]);
    const end = await api(token, 'GET', `/api/bookings?limit=1&cursor=${second.body.nextCursor as string}`);
    expect(end.body).toEqual({ bookings: [], nextCursor: null });
    expect(await api(token, 'GET', '/api/bookings?cursor=not-a-cursor')).toMatchObject({
      status: 400,
      body: { field: 'cursor' },
    });
  });

  it('stop working once revoked', async () => {
    const token = await createToken('古いツール');
    expect((await api(token, 'GET', '/api/bookings?limit=1')).status).toBe(200);
    const [row] = await h.app.db.selectFrom('api_tokens').select('id').where('name', '=', '古いツール').execute();
    await admin.get('/staff/settings/api-tokens');
    const r = await admin.post(`/staff/settings/api-tokens/${row!.id}/revoke`, {});
    expect(r.status).toBe(303);
    expect((await api(token, 'GET', '/api/bookings?limit=1')).status).toBe(401);
    expect((await listAudit(h.app.db, { action: 'api_token_revoke' }))[0]).toMatchObject({ subject: '古いツール' });
  });
});

// Last: it leaves this client address throttled.
describe('failed authentications', () => {
  it('are logged without the token, and past the limit the address waits (429 with Retry-After)', async () => {
    const good = await createToken('正しいトークン');
    const wrong = 'hwa_this-token-was-never-issued-0123456789abcdef';
    // The revoked token's refusal above already counts as one.
    const before = h.logLines().filter((l) => l.event === 'staff_api_auth_failed').length;
    for (let i = before; i < FAILED_AUTH_LIMIT; i++)
      expect((await api(wrong, 'GET', '/api/bookings')).status).toBe(401);
    const throttled = await api(wrong, 'GET', '/api/bookings');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right token waits: guessing cannot continue by mixing in a good one.
    expect((await api(good, 'GET', '/api/bookings')).status).toBe(429);
    const failures = h.logLines().filter((l) => l.event === 'staff_api_auth_failed');
    expect(failures).toHaveLength(FAILED_AUTH_LIMIT);
    expect(failures[0]).toMatchObject({ reason: 'unknown_token', address: expect.any(String) });
    expect(h.logText()).not.toContain(wrong);
    expect(h.logText()).not.toContain(good);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const failTimes = async (baseUrl: string, forwardedFor: string) => {
    for (let i = 0; i < FAILED_AUTH_LIMIT; i++)
      await fetch(`${baseUrl}/api/bookings`, {
        headers: { authorization: 'Bearer hwa_never-issued-0123456789abcdef', 'x-forwarded-for': forwardedFor },
      });
  };
  const asTool = (baseUrl: string, forwardedFor: string) =>
    fetch(`${baseUrl}/api/bookings?limit=1`, {
      headers: { authorization: `Bearer ${STAFF_API_TOKEN}`, 'x-forwarded-for': forwardedFor },
    });

  it('counts failed logins per caller the proxy names, so one bad tool does not lock the others out', async () => {
    const behind = await startHarness({ env: { TRUST_PROXY: '1' } });
    try {
      await failTimes(behind.baseUrl, '192.0.2.10');
      expect((await asTool(behind.baseUrl, '192.0.2.10')).status).toBe(429);
      expect((await asTool(behind.baseUrl, '192.0.2.20')).status).toBe(200);
    } finally {
      await behind.close();
    }
  });

  it('believes no X-Forwarded-For unless told to: a caller cannot choose its own address', async () => {
    const direct = await startHarness();
    try {
      await failTimes(direct.baseUrl, '192.0.2.10');
      expect((await asTool(direct.baseUrl, '192.0.2.20')).status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
