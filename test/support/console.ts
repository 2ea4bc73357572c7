import { addStaffAccount, type StaffRole } from '../../db/repositories/staff-accounts-repository.js';
import { hashPassword } from '../../src/console/auth/passwords.js';
import type { Harness } from './harness.js';

export const STAFF_PASSWORD = 'correct horse battery';

/**
 * Test accounts are hashed at a small scrypt cost: a sign-in checks at the cost stored with the
 * hash, so the console's hundreds of test sign-ins cost milliseconds, not a tenth of a second each.
 * Accounts added through the console or the CLI get the real cost (test/console/passwords.test.ts).
 */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };

/** Adds a console account straight into the database (as `npm run staff -- add` does). */
export async function addStaff(
  h: Harness,
  loginId: string,
  role: StaffRole = 'staff',
  name = `職員 ${loginId}`,
  password = STAFF_PASSWORD,
): Promise<void> {
  const added = await addStaffAccount(
    h.app.db,
    { loginId, name, role, passwordHash: await hashPassword(password, TEST_COST) },
    h.clock.now().toISOString(),
  );
  if (!added) throw new Error(`login id ${loginId} is taken`);
}

export interface ConsoleReply {
  status: number;
  html: string;
  /** Where a redirect points (path and query), or null. */
  location: string | null;
  headers: Headers;
}

/**
 * A browser-like client for the console over real HTTP: it keeps the session cookie, follows no
 * redirects by itself (tests look at them), and sends each form with the token from the last page
 * it read, as the browser would.
 */
export interface ConsoleClient {
  get(path: string): Promise<ConsoleReply>;
  /** Posts a form; `_csrf` is added from the last page read unless `fields` has one. */
  post(path: string, fields: Record<string, string>): Promise<ConsoleReply>;
  /** Signs in; throws unless the console accepted it. */
  signIn(loginId: string, password?: string): Promise<void>;
  /** The form token of the last page read (empty before any). */
  readonly csrf: string;
  /** The session cookie value, or null. */
  readonly cookie: string | null;
  setCookie(value: string | null): void;
}

const TOKEN = /name="_csrf" value="([^"]+)"/;

export function consoleClient(h: Pick<Harness, 'baseUrl'>): ConsoleClient {
  let cookie: string | null = null;
  let csrf = '';
  const read = async (res: Response): Promise<ConsoleReply> => {
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /staff_session=([^;]*)/.exec(set);
      if (m) cookie = m[1] === '' ? null : m[1]!;
    }
    const html = await res.text();
    const token = TOKEN.exec(html);
    if (token) csrf = token[1]!;
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  };
  const headers = (): Record<string, string> => (cookie ? { cookie: `staff_session=${cookie}` } : {});
  const client: ConsoleClient = {
    async get(path) {
      return read(await fetch(`${h.baseUrl}${path}`, { headers: headers(), redirect: 'manual' }));
    },
    async post(path, fields) {
      const body = new URLSearchParams({ _csrf: csrf, ...fields });
      return read(
        await fetch(`${h.baseUrl}${path}`, {
          method: 'POST',
          body: body.toString(),
          headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
        }),
      );
    },
    async signIn(loginId, password = STAFF_PASSWORD) {
      const r = await client.post('/staff/login', { login_id: loginId, password, next: '/staff/' });
      if (r.status !== 303 || cookie === null) throw new Error(`sign-in as ${loginId} failed: ${r.status}`);
      // A page without anyone's personal details, so signing in leaves no view in the audit log.
      await client.get('/staff/account');
    },
    get csrf() {
      return csrf;
    },
    get cookie() {
      return cookie;
    },
    setCookie(value) {
      cookie = value;
    },
  };
  return client;
}
