import { createHash, randomBytes } from 'node:crypto';
import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'staff_session';

/** A fresh session id (256 random bits) for the cookie, and what the database keeps of it. */
export function newSessionId(): { value: string; hash: string } {
  const value = randomBytes(32).toString('base64url');
  return { value, hash: hashSessionId(value) };
}

export function hashSessionId(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A random token for the forms of one session (synchroniser-token CSRF protection). */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The session cookie's value from a Cookie header, if any. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = parse(header)[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * The Set-Cookie value: HttpOnly (no script reads it), SameSite=Strict (no other site's page can
 * send it), only under /staff/, Secure in production. No Max-Age: the server ends idle sessions,
 * and the browser forgets the cookie when it closes.
 */
export function sessionCookie(value: string, secure: boolean): string {
  return serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/staff', secure });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/staff', secure, maxAge: 0 });
}
