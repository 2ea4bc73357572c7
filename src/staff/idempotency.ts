import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import {
  claimIdempotencyKey,
  recordIdempotentAnswer,
  releaseIdempotencyKey,
} from '../../db/repositories/idempotency-repository.js';
import type { AppContext } from '../app-context.js';

/** A request still unanswered this long after it began died on the way (docs/staff-api.md). */
const UNFINISHED_AFTER_MS = 60_000;

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on the staff API's changes: the first request with a key is handled and its
 * answer kept for a day; the same key with the same request gets that answer again (with
 * `Idempotent-Replayed: true`) and changes nothing; the same key with another request is refused
 * (422). A 5xx answer frees the key, since nothing was changed. A client that retries a lost
 * answer with the same key therefore never confirms, proposes or cancels twice.
 */
export function idempotentChanges(ctx: Pick<AppContext, 'db' | 'clock'>): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined || req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    if (!KEY.test(key)) {
      res.status(400).json({
        code: 'invalid_field',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
        field: 'Idempotency-Key',
      });
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(req.body ?? null);
    } catch {
      // Nested deeper than the stack allows (JSON.parse took it, JSON.stringify does not): no
      // request of this API looks like that.
      res.status(400).json({ code: 'invalid_json', message: 'body is nested too deeply' });
      return;
    }
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${body}`).digest('base64url');
    const now = ctx.clock.now();
    const onFile = await claimIdempotencyKey(ctx.db, key, fingerprint, now.toISOString());
    if (onFile) {
      if (onFile.fingerprint !== fingerprint) {
        res.status(422).json({
          code: 'idempotency_key_reused',
          message: 'this Idempotency-Key was used with another request; use a new key',
        });
      } else if (onFile.answer) {
        res.status(onFile.answer.status).set('Idempotent-Replayed', 'true').type('json').send(onFile.answer.body);
      } else if (now.getTime() - Date.parse(onFile.createdAt) > UNFINISHED_AFTER_MS) {
        res.status(409).json({
          code: 'idempotency_key_unfinished',
          message: 'a request with this key did not finish; check the booking before sending a new request',
        });
      } else {
        res
          .status(409)
          .json({ code: 'idempotency_key_in_progress', message: 'a request with this key is in progress' });
      }
      return;
    }
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      const status = res.statusCode;
      const kept =
        status >= 500
          ? releaseIdempotencyKey(ctx.db, key)
          : recordIdempotentAnswer(ctx.db, key, status, JSON.stringify(body));
      kept.then(
        () => json(body),
        () => json(body),
      );
      return res;
    }) as typeof res.json;
    next();
  };
}
