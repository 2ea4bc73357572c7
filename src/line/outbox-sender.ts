import type { Db } from '../../db/database.js';
import { dueHeads, markFailed, markSent, scheduleRetry, type OutboxRow } from '../../db/repositories/outbox-repository.js';
import type { Clock } from '../infra/clock.js';
import { chatRef, type Logger } from '../infra/logger.js';
import { LineApiError, type LineClient } from './line-client.js';
import type { LineMessage } from './message-types.js';
import { retryKeyFor } from './retry-key.js';

export interface OutboxSender {
  /** Sends what is due now; concurrent calls coalesce into one more pass. */
  flush(): Promise<void>;
  /** Starts a timer that retries waiting messages; returns a stop function. */
  start(intervalMs?: number): () => void;
}

export interface OutboxSenderDeps {
  db: Db;
  client: LineClient;
  clock: Clock;
  logger: Logger;
  /** How many recipients are sent to at once. */
  concurrency?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff: 1 s, 2 s, 4 s ... capped at five minutes. Messages wait while LINE is down. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
}

function retriable(e: LineApiError): boolean {
  return e.status === 0 || e.status === 429 || e.status >= 500;
}

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { db, client, clock, logger } = deps;
  const concurrency = deps.concurrency ?? 8;
  let running: Promise<void> | null = null;
  let again = false;

  async function sendOne(row: OutboxRow): Promise<void> {
    const messages = JSON.parse(row.messages) as LineMessage[];
    const now = clock.now();
    const replyUsable = row.reply_token !== null && row.reply_token_expires_at !== null && now.toISOString() < row.reply_token_expires_at;
    try {
      if (replyUsable) await client.reply(row.reply_token!, messages);
      else await client.push(row.recipient, messages, retryKeyFor(row.dedupe_key));
      await markSent(db, row.id, clock.now().toISOString());
    } catch (e: unknown) {
      const err = e instanceof LineApiError ? e : new LineApiError(String(e), 0, false);
      if (err.retryKeyAlreadyAccepted) {
        await markSent(db, row.id, clock.now().toISOString());
        return;
      }
      const log = { outboxId: row.id, to: chatRef(row.recipient), status: err.status, attempts: row.attempts + 1, via: replyUsable ? 'reply' : 'push' };
      if (replyUsable && !retriable(err)) {
        // An invalid or used reply token: fall back to push at once.
        logger.info(log, 'reply token refused; pushing instead');
        await scheduleRetry(db, row.id, clock.now().toISOString(), err.message, true);
      } else if (retriable(err)) {
        const next = new Date(clock.now().getTime() + backoffMs(row.attempts));
        logger.warn({ ...log, retryAt: next.toISOString() }, 'LINE send failed; will retry');
        await scheduleRetry(db, row.id, next.toISOString(), err.message, false);
      } else {
        logger.error(log, 'LINE refused the message; giving up');
        await markFailed(db, row.id, err.message);
      }
    }
  }

  async function pass(): Promise<void> {
    for (;;) {
      const rows = await dueHeads(db, clock.now().toISOString(), 200);
      if (rows.length === 0) return;
      for (let i = 0; i < rows.length; i += concurrency) {
        await Promise.all(rows.slice(i, i + concurrency).map(sendOne));
      }
    }
  }

  async function flushLoop(): Promise<void> {
    do {
      again = false;
      try {
        await pass();
      } catch (e: unknown) {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'outbox pass failed');
      }
    } while (again);
  }

  return {
    flush() {
      if (running) {
        again = true;
        return running;
      }
      running = flushLoop().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs = 1000) {
      const timer = setInterval(() => void this.flush(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
