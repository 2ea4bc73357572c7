import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import {
  addStaffAccount,
  setStaffDisabled,
  staffAccountByLogin,
} from '../../db/repositories/staff-accounts-repository.js';
import { hashPassword } from '../../src/console/auth/passwords.js';
import { startHarness, type Harness } from '../support/harness.js';
import { addStaff, consoleClient, STAFF_PASSWORD } from '../support/console.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  await addStaff(h, 'locky', 'staff');
  await addStaff(h, 'gone', 'staff');
});
afterAll(async () => h.close());

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page, remembering where they were going', async () => {
    const c = consoleClient(h);
    const r = await c.get('/staff/calendar?week=2026-12-07');
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/login?${new URLSearchParams({ next: '/staff/calendar?week=2026-12-07' })}`);
    const login = await c.get(r.location!);
    expect(login.status).toBe(200);
    expect(login.html).toContain('<label for="login_id">ログインID</label>');
    expect(login.html).toContain('value="/staff/calendar?week=2026-12-07"');
  });

  it('signs in with a cookie only the console reads, and goes back to where the person was going', async () => {
    const c = consoleClient(h);
    const r = await c.post('/staff/login', { login_id: 'sato', password: STAFF_PASSWORD, next: '/staff/today' });
    expect(r.status).toBe(303);
    expect(r.location).toBe('/staff/today');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/staff; HttpOnly; SameSite=Strict$/);
    const page = await c.get('/staff/today');
    expect(page.status).toBe(200);
    expect(page.html).toContain('佐藤 花子');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never follows a next that leaves the console', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/api/bookings', '/staff/login']) {
      const c = consoleClient(h);
      const r = await c.post('/staff/login', { login_id: 'sato', password: STAFF_PASSWORD, next });
      expect(r.location).toBe('/staff/');
    }
  });

  it('answers an unknown login id and a wrong password alike, and records both without the password', async () => {
    const c = consoleClient(h);
    const unknown = await c.post('/staff/login', { login_id: 'nobody', password: 'whatever-password' });
    const wrong = await c.post('/staff/login', { login_id: 'sato', password: 'wrong-password-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.html).toContain('ログインIDまたはパスワードが違います。');
    expect(wrong.html).toContain('ログインIDまたはパスワードが違います。');
    expect(c.cookie).toBeNull();
    const log = await listAudit(h.app.db, { action: 'login_failed' });
    expect(log.map((e) => e.loginId)).toEqual(expect.arrayContaining(['nobody', 'sato']));
    expect(JSON.stringify(log)).not.toContain('wrong-password-123');
    // The next right password clears the count.
    await c.signIn('sato');
    expect((await staffAccountByLogin(h.app.db, 'sato'))?.failedLogins).toBe(0);
  });

  it('locks a login id after five failures in a row, refuses even the right password, and unlocks after 15 minutes', async () => {
    const c = consoleClient(h);
    for (let i = 0; i < 5; i += 1) {
      expect((await c.post('/staff/login', { login_id: 'locky', password: `wrong-${i}-password` })).status).toBe(401);
    }
    const locked = await c.post('/staff/login', { login_id: 'locky', password: STAFF_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.html).toContain('一時的にロックされています');
    expect(c.cookie).toBeNull();
    const lockEntries = await listAudit(h.app.db, { loginId: 'locky', action: 'locked' });
    expect(lockEntries).toHaveLength(1);
    h.clock.advance(15 * 60_000);
    await c.signIn('locky');
    expect(await listAudit(h.app.db, { loginId: 'locky', action: 'unlocked' })).toHaveLength(1);
  });

  it('checks at most five guesses sent at once, and locks the login id', async () => {
    // The real password cost, as `npm run staff -- add` stores it: each check takes long enough
    // that all the guesses arrive before the first one is answered.
    await addStaffAccount(
      h.app.db,
      { loginId: 'burst', name: '職員', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD) },
      h.clock.now().toISOString(),
    );
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        consoleClient(h).post('/staff/login', { login_id: 'burst', password: `wrong-guess-${i}-password` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(25);
    expect(await listAudit(h.app.db, { loginId: 'burst', action: 'locked' })).toHaveLength(1);
    expect((await consoleClient(h).post('/staff/login', { login_id: 'burst', password: STAFF_PASSWORD })).status).toBe(
      423,
    );
  });

  it('pauses before answering a failed sign-in when told to', async () => {
    const slow = await startHarness({ app: { console: { failedLoginDelayMs: 300 } } });
    try {
      await addStaff(slow, 'kimura');
      const c = consoleClient(slow);
      const started = performance.now();
      expect((await c.post('/staff/login', { login_id: 'kimura', password: 'not-the-password' })).status).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await slow.close();
    }
  });
});

describe('a signed-in session', () => {
  it('ends after 30 minutes unused and sends the person back to sign in, then to the page', async () => {
    const c = consoleClient(h);
    await c.signIn('sato');
    h.clock.advance(29 * 60_000);
    expect((await c.get('/staff/requests')).status).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/staff/requests')).status).toBe(200);
    h.clock.advance(31 * 60_000);
    const r = await c.get('/staff/people');
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/login?${new URLSearchParams({ next: '/staff/people', expired: '1' })}`);
    expect((await c.get(r.location!)).html).toContain('しばらく操作がなかったため');
  });

  it('sends a form posted without a session to the sign-in page, whatever its Referer says', async () => {
    for (const referer of ['http://[not-a-url', 'http://127.0.0.1/staff/people?q=a', '/staff/today']) {
      const r = await fetch(`${h.baseUrl}/staff/today/x/attendance`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer },
        body: 'attended=yes',
        redirect: 'manual',
      });
      expect(r.status, referer).toBe(303);
      expect(r.headers.get('location'), referer).toMatch(/^\/staff\/login\?next=/);
    }
  });

  it('refuses a form without the session token, or with another token, and changes nothing', async () => {
    const c = consoleClient(h);
    await c.signIn('sato');
    const missing = await c.post('/staff/logout', { _csrf: '' });
    expect(missing.status).toBe(403);
    expect(missing.html).toContain('何も変更していません');
    const wrong = await c.post('/staff/logout', { _csrf: 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    // Still signed in: the forged sign-out did nothing.
    expect((await c.get('/staff/requests')).status).toBe(200);
  });

  it('signs out, after which the old cookie opens nothing', async () => {
    const c = consoleClient(h);
    await c.signIn('sato');
    const old = c.cookie;
    const out = await c.post('/staff/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/staff/login?out=1');
    c.setCookie(old);
    expect((await c.get('/staff/requests')).status).toBe(303);
  });

  it('ends at once when an admin disables the account, and the account cannot sign in again', async () => {
    const c = consoleClient(h);
    await c.signIn('gone');
    const account = await staffAccountByLogin(h.app.db, 'gone');
    await setStaffDisabled(h.app.db, account!.id, h.clock.now().toISOString(), h.clock.now().toISOString());
    expect((await c.get('/staff/requests')).status).toBe(303);
    const again = await c.post('/staff/login', { login_id: 'gone', password: STAFF_PASSWORD });
    expect(again.status).toBe(401);
  });

  it('keeps the settings to admins: a staff account is told the page is not for it', async () => {
    const staff = consoleClient(h);
    await staff.signIn('sato');
    const refused = await staff.get('/staff/settings');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('管理者だけ');
    expect((await staff.get('/staff/requests')).html).not.toContain('href="/staff/settings"');
    const admin = consoleClient(h);
    await admin.signIn('yamada');
    expect((await admin.get('/staff/settings')).status).toBe(200);
    expect((await admin.get('/staff/requests')).html).toContain('href="/staff/settings"');
  });
});

describe('tidying', () => {
  it('deletes sign-ins unused for a day when the hourly purge runs, and keeps the live ones', async () => {
    const count = async () =>
      Number(
        (
          await h.app.db
            .selectFrom('staff_sessions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const old = consoleClient(h);
    await old.signIn('sato');
    h.clock.advance(25 * 60 * 60_000);
    const fresh = consoleClient(h);
    await fresh.signIn('sato');
    const before = await count();
    await h.app.jobs.purge();
    expect(await count()).toBeLessThan(before);
    expect((await fresh.get('/staff/requests')).status).toBe(200);
    expect((await old.get('/staff/requests')).status).toBe(303);
  });
});

describe('requests that go wrong', () => {
  it('answers an unknown console page with a page saying so, and a form too large with 413, changing nothing', async () => {
    const c = consoleClient(h);
    await c.signIn('sato');
    const missing = await c.get('/staff/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(missing.html).toContain('ページが見つかりません');
    const large = await c.post('/staff/logout', { filler: 'x'.repeat(70 * 1024) });
    expect(large.status).toBe(413);
    expect(large.html).toContain('何も変更していません');
    expect((await c.get('/staff/requests')).status).toBe(200);
  });
});
