import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { STALE_FORM_PAGE } from '../views/problem-pages.js';
import { signedIn } from './signed-in.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The hidden form field every state-changing console form carries. */
export const CSRF_FIELD = '_csrf';

/**
 * Refuses a state-changing request whose form does not carry this session's token (the
 * synchroniser-token pattern). SameSite=Strict already keeps the cookie off other sites' forms;
 * the token also covers browsers and proxies that get that wrong.
 */
export function requireCsrfToken(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const expected = signedIn(res).session.csrfToken;
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), digest(expected))) {
      res.status(403).type('html').send(STALE_FORM_PAGE);
      return;
    }
    next();
  };
}
