import type { RequestHandler } from 'express';

/**
 * Marks every answer as not to be stored by any cache. Staff API answers carry names, job-seeker
 * numbers, e-mail and phone; shared caches skip them because of the Authorization header, but a
 * browser or the office's web console could otherwise keep a copy on disk. Set before anything
 * else runs, so errors (401, 400, 413, 503) carry it too.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
