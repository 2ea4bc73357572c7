import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { activeTokenByHash, touchApiToken } from '../../db/repositories/api-tokens-repository.js';
import type { AppContext } from '../app-context.js';
import { tokenHash } from '../infra/token-strength.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who is calling the staff API. A named token (created in the console) names its caller, and the
 * API records changes as `api:<name>`; the deprecated shared STAFF_API_TOKEN is the token named
 * "env", whose callers still name themselves in `by`.
 */
export type ApiCaller = { kind: 'named'; name: string; tokenId: string } | { kind: 'env'; name: 'env' };

export function apiCallerOf(res: Response): ApiCaller {
  return res.locals.apiCaller as ApiCaller;
}

/** Failed authentications a client address may make in one window before it must wait. */
export const FAILED_AUTH_LIMIT = 10;
export const FAILED_AUTH_WINDOW_MS = 60_000;
/** How often a token's "last used" time is written: reads should not each be a write. */
const TOUCH_EVERY_MS = 60_000;
/** Beyond this many client addresses tracked, the ones whose window ended are forgotten. */
const TRACKED_ADDRESSES = 10_000;

const unauthorized = (res: Response) =>
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer')
    .json({ code: 'unauthorized', message: 'a valid staff API token is required' });

/**
 * Bearer-token check for the staff API: a named token (stored hashed, docs/staff-api.md), or the
 * deprecated STAFF_API_TOKEN compared in constant time. Failed attempts are counted per client
 * address: past FAILED_AUTH_LIMIT in a window the address gets 429 with Retry-After until the
 * window ends. Each failure is logged with the address and why, never the token sent.
 */
export function requireStaffToken(
  ctx: Pick<AppContext, 'db' | 'committer' | 'clock' | 'logger'>,
  envToken: string | null,
): RequestHandler {
  const expected = envToken === null ? null : digest(envToken);
  // Per server process, built by the composition root with the router: not module state.
  const failures = new Map<string, { since: number; count: number }>();
  const touched = new Map<string, number>();

  const windowOf = (address: string, now: number) => {
    const w = failures.get(address);
    return w && now - w.since < FAILED_AUTH_WINDOW_MS ? w : undefined;
  };

  function recordFailure(address: string, now: number, reason: string) {
    const w = windowOf(address, now) ?? { since: now, count: 0 };
    w.count += 1;
    if (failures.size >= TRACKED_ADDRESSES)
      for (const [a, old] of failures) if (now - old.since >= FAILED_AUTH_WINDOW_MS) failures.delete(a);
    failures.set(address, w);
    ctx.logger.warn({ event: 'staff_api_auth_failed', address, reason, failures: w.count }, 'staff API: refused');
  }

  return async (req, res, next) => {
    const now = ctx.clock.now().getTime();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const w = windowOf(address, now);
    if (w && w.count >= FAILED_AUTH_LIMIT) {
      const wait = Math.max(1, Math.ceil((w.since + FAILED_AUTH_WINDOW_MS - now) / 1000));
      res
        .status(429)
        .set('Retry-After', String(wait))
        .json({ code: 'too_many_failures', message: `too many failed authentications; try again in ${wait} s` });
      return;
    }
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    const sent = match ? match[1]!.trim() : null;
    if (sent === null) {
      recordFailure(address, now, 'no_token');
      unauthorized(res);
      return;
    }
    if (expected !== null && timingSafeEqual(digest(sent), expected)) {
      res.locals.apiCaller = { kind: 'env', name: 'env' } satisfies ApiCaller;
      next();
      return;
    }
    const token = await activeTokenByHash(ctx.db, tokenHash(sent));
    if (!token) {
      recordFailure(address, now, 'unknown_token');
      unauthorized(res);
      return;
    }
    if (now - (touched.get(token.id) ?? 0) >= TOUCH_EVERY_MS) {
      touched.set(token.id, now);
      const at = new Date(now).toISOString();
      await ctx.committer.run((trx) => touchApiToken(trx, token.id, at, new Date(now - TOUCH_EVERY_MS).toISOString()));
    }
    res.locals.apiCaller = { kind: 'named', name: token.name, tokenId: token.id } satisfies ApiCaller;
    next();
  };
}
