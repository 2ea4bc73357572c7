import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer-token check for the staff API, in constant time; without a configured token all is refused. */
export function requireStaffToken(token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (expected === null || !match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ code: 'unauthorized', message: 'a valid staff API token is required' });
      return;
    }
    next();
  };
}
