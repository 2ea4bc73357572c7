import type { Db } from '../../db/database.js';
import { claim, dueHeads, markFailed, markSent, releaseClaims, scheduleRetry, type OutboxRow } from '../../db/repositories/outbox-repository.js';
import type { Clock } from '../infra/clock.js';
import { chatRef, type Logger } from '../infra/logger.js';
import { LineApiError, type LineClient } from './line-client.js';
import type { LineMessage } from './message-types.js';
import { retryKeyFor } from './retry-key.js';

export interface OutboxSender {
  /**
   * Sends what is due now and waits for those sends. Recipients are independent: a slow call to
   * LINE for one chat never holds up another's answer.
   */
  flush(): Promise<void>;
  /** Starts a timer that retries waiting messages; returns a stop function. */
  start(intervalMs?: number): () => void;
  /** Returns rows a previous process had claimed to the queue; call once at start-up. */
  recover(): Promise<void>;
}

export interface OutboxSenderDeps {
  db: Db;
  client: LineClient;
  clock: Clock;
  logger: Logger;
  /** How many chats are sent to at once. */
  concurrency?: number;
  /** A LINE call that has not answered by then counts as a network failure (and is retried). */
  callTimeoutMs?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff: 1 s, 2 s, 4 s ... capped at five minutes. Messages wait while LINE is down. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
}

function retriable(e: LineApiError): boolean {
  return e.status === 0 || e.status === 429 || e.status >= 500;
}

function withTimeout<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineApiError(`no answer from LINE within ${ms} ms`, 0, false)), ms);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { db, client, clock, logger } = deps;
  const concurrency = deps.concurrency ?? 16;
  const callTimeoutMs = deps.callTimeoutMs ?? 15_000;
  /** Chats with a send in progress in this process; their later rows wait (order per chat). */
  const inFlight = new Map<string, Promise<void>>();

  async function onFailure(row: OutboxRow, e: unknown, viaReply: boolean): Promise<void> {
    const err = e instanceof LineApiError ? e : new LineApiError(e instanceof Error ? e.message : String(e), 0, false);
    const now = clock.now();
    if (err.retryKeyAlreadyAccepted) return markSent(db, row.id, now.toISOString());
    const log = { outboxId: row.id, to: chatRef(row.recipient), status: err.status, attempts: row.attempts + 1, via: viaReply ? 'reply' : 'push' };
    if (viaReply && !retriable(err)) {
      // An invalid or used reply token: fall back to push at once.
      logger.info(log, 'reply token refused; pushing instead');
      return scheduleRetry(db, row.id, now.toISOString(), err.message, true);
    }
    if (retriable(err)) {
      const next = new Date(now.getTime() + backoffMs(row.attempts));
      logger.warn({ ...log, retryAt: next.toISOString() }, 'LINE send failed; will retry');
      return scheduleRetry(db, row.id, next.toISOString(), err.message, false);
    }
    logger.error(log, 'LINE refused the message; giving up');
    return markFailed(db, row.id, err.message);
  }

  async function sendOne(row: OutboxRow): Promise<void> {
    if (!(await claim(db, row.id))) return;
    const messages = JSON.parse(row.messages) as LineMessage[];
    const viaReply = row.reply_token !== null && row.reply_token_expires_at !== null && clock.now().toISOString() < row.reply_token_expires_at;
    try {
      const call = viaReply ? client.reply(row.reply_token!, messages) : client.push(row.recipient, messages, retryKeyFor(row.dedupe_key));
      await withTimeout(call, callTimeoutMs);
      await markSent(db, row.id, clock.now().toISOString());
    } catch (e: unknown) {
      await onFailure(row, e, viaReply);
    }
  }

  async function flush(): Promise<void> {
    for (;;) {
      const rows = await dueHeads(db, clock.now().toISOString(), 200);
      for (const row of rows) {
        if (inFlight.has(row.recipient) || inFlight.size >= concurrency) continue;
        const sending = sendOne(row)
          .catch((e: unknown) => logger.error({ outboxId: row.id, err: e instanceof Error ? e.message : String(e) }, 'outbox send failed'))
          .finally(() => inFlight.delete(row.recipient));
        inFlight.set(row.recipient, sending);
      }
      if (inFlight.size === 0) return;
      // Wait for what is in flight (ours or another caller's), then look again: the next row of
      // a chat becomes due only once the one before it is sent. Sends already started go on
      // regardless, so one slow chat delays only callers that wait, never other chats.
      await Promise.all(inFlight.values());
    }
  }

  return {
    async flush() {
      try {
        await flush();
      } catch (e: unknown) {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'outbox pass failed');
      }
    },
    start(intervalMs = 1000) {
      const timer = setInterval(() => void this.flush(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    recover: () => releaseClaims(db),
  };
}
