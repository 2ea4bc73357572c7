import { JSONParseError, middleware, SignatureValidationFailed, type webhook } from '@line/bot-sdk';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { GroupCommitter } from '../../db/group-commit.js';
import { acceptEvents } from '../../db/repositories/inbox-repository.js';
import { toIncomingEvent, type IncomingEvent } from '../conversation/chat-input.js';
import type { EventProcessor } from '../conversation/event-processor.js';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { isTooOld, MAX_EVENT_AGE_MS } from './event-age.js';
import { storablePayload } from './event-payload.js';

export interface WebhookDeps {
  committer: GroupCommitter;
  channelSecret: string;
  processor: EventProcessor;
  clock: Clock;
  logger: Logger;
  /** Largest body accepted; LINE's own are far smaller. */
  bodyLimit?: string;
}

/**
 * POST /webhook. The signature is checked on the exact bytes (the SDK's middleware, fed a raw
 * Buffer with a size limit in front), the events are stored durably, LINE gets its 200, and
 * only then are the events processed: a crash after the 200 loses nothing.
 */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const accept: RequestHandler = async (req, res, next) => {
    try {
      const body = req.body as { events?: unknown };
      if (!body || typeof body !== 'object' || !Array.isArray(body.events)) {
        res.status(400).json({ code: 'bad_request', message: 'events must be an array' });
        return;
      }
      const nowMs = deps.clock.now().getTime();
      const read = (body.events as unknown[]).flatMap((raw) => {
        const ev = raw && typeof raw === 'object' ? readEvent(raw as webhook.Event, deps.logger) : undefined;
        return ev ? [{ raw, ev }] : [];
      });
      const pairs = withoutStale(read, nowMs, deps.logger).flatMap((p) => {
        const payload = storablePayload(p.raw);
        if (payload !== null) return [{ ...p, payload }];
        deps.logger.warn({ id: p.ev.webhookEventId }, 'webhook event could not be stored; skipped');
        return [];
      });
      const incoming = pairs.map((p) => p.ev);
      const now = new Date(nowMs).toISOString();
      const stored = pairs.map(({ ev, payload }) => ({
        webhookEventId: ev.webhookEventId,
        chatKey: ev.chatKey,
        payload,
      }));
      const fresh = new Set(
        stored.length === 0 ? [] : await deps.committer.run((trx) => acceptEvents(trx, stored, now), { urgent: true }),
      );
      res.status(200).json({});
      const toRun = incoming.filter((e) => fresh.has(e.webhookEventId));
      deps.logger.debug(
        { received: incoming.length, fresh: toRun.length, ids: toRun.map((e) => e.webhookEventId) },
        'webhook accepted',
      );
      deps.processor.schedule(
        toRun.map((e) => e.webhookEventId),
        toRun.map((e) => e.chatKey),
      );
    } catch (e: unknown) {
      next(e);
    }
  };
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: deps.bodyLimit ?? '256kb' }),
    middleware({ channelSecret: deps.channelSecret }),
    accept,
  );
  router.use('/webhook', webhookErrors(deps.logger));
  return router;
}

/**
 * The events young enough to process (see event-age.ts). The others are dropped before they are
 * stored, and LINE still gets its 200, so a real but late redelivery stops there; the warning
 * names event ids only, never who sent what.
 */
function withoutStale<P extends { raw: unknown; ev: IncomingEvent }>(pairs: P[], nowMs: number, logger: Logger): P[] {
  const stale = pairs.filter((p) => isTooOld((p.raw as { timestamp?: unknown }).timestamp, nowMs));
  if (stale.length === 0) return pairs;
  logger.warn(
    { ids: stale.map((p) => p.ev.webhookEventId), maxAgeHours: MAX_EVENT_AGE_MS / 3_600_000 },
    'webhook events too old to process ignored (a replay, or a clock far off)',
  );
  return pairs.filter((p) => !stale.includes(p));
}

/** One event of the body; one that cannot be read is skipped, so it cannot sink the others. */
function readEvent(raw: webhook.Event, logger: Logger): IncomingEvent | undefined {
  try {
    return toIncomingEvent(raw);
  } catch (e: unknown) {
    logger.warn({ err: e instanceof Error ? e.name : 'unknown' }, 'webhook event could not be read; skipped');
    return undefined;
  }
}

function webhookErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof SignatureValidationFailed) {
      logger.warn('webhook with a missing or wrong signature refused');
      res.status(401).json({ code: 'invalid_signature', message: 'signature validation failed' });
      return;
    }
    if (err instanceof JSONParseError) {
      res.status(400).json({ code: 'invalid_json', message: 'body is not valid JSON' });
      return;
    }
    const status = (err as { status?: unknown }).status;
    if (status === 413) {
      res.status(413).json({ code: 'too_large', message: 'body too large' });
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ code: 'bad_request', message: 'request could not be read' });
      return;
    }
    // Storage failed (busy or broken): LINE retries on 5xx when redelivery is on; nothing was acknowledged.
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'webhook could not be stored');
    res.status(503).set('Retry-After', '1').json({ code: 'unavailable', message: 'try again later' });
  };
}
