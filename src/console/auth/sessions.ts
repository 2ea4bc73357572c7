import type { RequestHandler } from 'express';
import { staffAccountById } from '../../../db/repositories/staff-accounts-repository.js';
import {
  deleteStaffSession,
  staffSessionOf,
  touchStaffSession,
} from '../../../db/repositories/staff-sessions-repository.js';
import type { AppContext } from '../../app-context.js';
import type { ConsoleSettings } from '../console-settings.js';
import { sessionAlive } from './login-rules.js';
import { clearedSessionCookie, hashSessionId, sessionCookieOf } from './session-cookie.js';
import { FORBIDDEN_PAGE } from '../views/problem-pages.js';
import { setSignedIn, signedIn } from './signed-in.js';

/**
 * Lets a request through only with a live session of an enabled account. Without one, a page
 * request goes to the sign-in page and comes back to where it was going afterwards; a form sent
 * after the session ended gets the sign-in page too (what it would have changed is not done).
 */
export function requireSignIn(ctx: AppContext, settings: ConsoleSettings): RequestHandler {
  return async (req, res, next) => {
    const value = sessionCookieOf(req.get('cookie'));
    const now = ctx.clock.now().toISOString();
    const session = value ? await staffSessionOf(ctx.db, hashSessionId(value)) : undefined;
    const account = session ? await staffAccountById(ctx.db, session.accountId) : undefined;
    if (
      !session ||
      !account ||
      account.disabledAt !== null ||
      !sessionAlive(session.lastSeenAt, now, settings.idleMinutes)
    ) {
      if (session) await deleteStaffSession(ctx.db, session.idHash);
      const next = req.method === 'GET' ? req.originalUrl : (req.get('referer') ?? '');
      // A Referer that is no address (a browser never sends one, a script might) is no page to return to.
      const url = next.startsWith('http') ? URL.parse(next) : undefined;
      const path = url === undefined ? next : url ? url.pathname + url.search : '';
      res.set('Set-Cookie', clearedSessionCookie(settings.secureCookie));
      res.redirect(303, `/staff/login?${new URLSearchParams({ next: path, ...(session ? { expired: '1' } : {}) })}`);
      return;
    }
    await touchStaffSession(ctx.db, session.idHash, now);
    setSignedIn(res, { account, session });
    next();
  };
}

/** Only admins pass; a staff account is told plainly that the page is not for its role. */
export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    if (signedIn(res).account.role !== 'admin') {
      res.status(403).type('html').send(FORBIDDEN_PAGE);
      return;
    }
    next();
  };
}
