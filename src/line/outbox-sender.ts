import type { Db } from '../../db/database.js';
import type { GroupCommitter } from '../../db/group-commit.js';
import {
  chatHead,
  claimRow,
  dueHeads,
  markFailed,
  markSent,
  scheduleRetry,
  type OutboxRow,
} from '../../db/repositories/outbox-repository.js';
import type { Clock } from '../infra/clock.js';
import { chatRef, type Logger } from '../infra/logger.js';
import { LineApiError, type LineClient } from './line-client.js';
import type { LineMessage } from './message-types.js';
import { retryKeyFor } from './retry-key.js';

export interface OutboxSender {
  /** Sends what is due now; resolves once nothing due is left and nothing is in flight. */
  flush(): Promise<void>;
  /**
   * Rows for these chats were just committed: send them now. Reads only those chats' next rows,
   * so the answer to an event costs no scan of the whole outbox.
   */
  notify(recipients: readonly string[]): void;
  /** Starts a timer that retries waiting messages; returns a stop function. */
  start(intervalMs?: number): () => void;
}

export interface OutboxSenderDeps {
  db: Db;
  /** Marks of sent messages share commits with other work (one disk flush for many). */
  committer: GroupCommitter;
  client: LineClient;
  clock: Clock;
  logger: Logger;
  /** How many chats are sent to at once. */
  concurrency?: number;
  /** A LINE call that has not answered by then counts as a network failure (and is retried). */
  callTimeoutMs?: number;
  /**
   * Other processes send from the same outbox (a shared PostgreSQL database): each row is claimed
   * before it is sent, for the call's timeout and a margin, so one process sends it; a claim left
   * by a process that died runs out and another takes the row over (claimRow).
   */
  claims?: boolean;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff: 1 s, 2 s, 4 s ... capped at five minutes. Messages wait while LINE is down. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
}

/**
 * Worth trying again later: no answer, rate limits, LINE's own failures, and 401 (the channel
 * access token expired or was reissued: every message would fail alike until it is replaced, so
 * they wait for that rather than being given up one by one).
 */
function retriable(e: LineApiError): boolean {
  return e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500;
}

function withTimeout<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineApiError(`no answer from LINE within ${ms} ms`, 0, false)), ms);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends the outbox, one drain per chat. Fresh rows are announced by `notify` after their commit;
 * a timer and `flush` scan the whole outbox for the rest (retries, rows held for the morning,
 * rows left by a restart). Chats are independent: a slow LINE call for one never holds up
 * another's answer, while one chat's rows go in order.
 */
export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { db, client, clock, logger, committer } = deps;
  const concurrency = deps.concurrency ?? 32;
  const callTimeoutMs = deps.callTimeoutMs ?? 15_000;
  // Shorter than a reply token lives (50 s), so a row taken over can still try its reply first.
  const claimMs = callTimeoutMs + 5000;
  /** Chats being sent to, and the chats whose turn comes when a slot frees up. */
  const inFlight = new Map<string, Promise<void>>();
  const waiting = new Set<string>();
  /** Chats that got new rows while their drain was running. */
  const moreFor = new Set<string>();
  let pumping: Promise<void> | null = null;
  let again = false;

  /** Rows LINE took whose mark as sent could not be written yet: never sent again by this process. */
  const unrecorded = new Map<number, string>();
  /**
   * Set once commits can no longer be made durable (a failed sync): nothing more is sent, since
   * what is in the outbox may not survive, and flush() returns instead of retrying for ever.
   */
  let halted = false;
  /**
   * LINE answered 429 (too many requests): every call waits until then, whichever chat it is for,
   * as LINE asks (one limiter for the channel, not a backoff per message).
   */
  let pausedUntilMs = 0;
  const paused = () => clock.now().getTime() < pausedUntilMs;

  async function onFailure(row: OutboxRow, e: unknown, viaReply: boolean): Promise<void> {
    const err = e instanceof LineApiError ? e : new LineApiError(e instanceof Error ? e.message : String(e), 0, false);
    const now = clock.now();
    if (err.retryKeyAlreadyAccepted) return committer.run((trx) => markSent(trx, row.id, now.toISOString()));
    const log = {
      outboxId: row.id,
      to: chatRef(row.recipient),
      status: err.status,
      attempts: row.attempts + 1,
      via: viaReply ? 'reply' : 'push',
    };
    if (viaReply && !retriable(err)) {
      if (row.reply_maybe_used) {
        // The token is refused after an attempt whose answer was lost: that attempt used it, so
        // the person has this answer already. A push now would show it twice.
        logger.info(log, 'reply token used by an earlier attempt; counted as delivered');
        return committer.run((trx) => markSent(trx, row.id, now.toISOString()));
      }
      // An invalid or expired reply token: fall back to push at once.
      logger.info(log, 'reply token refused; pushing instead');
      return committer.run((trx) =>
        scheduleRetry(trx, row.id, now.toISOString(), err.message, { dropReplyToken: true }),
      );
    }
    if (retriable(err)) {
      // LINE's Retry-After when it gives one (a 429 usually does), else our own backoff.
      const next = new Date(now.getTime() + (err.retryAfterMs ?? backoffMs(row.attempts)));
      if (err.status === 429) pausedUntilMs = Math.max(pausedUntilMs, next.getTime());
      // No answer, or LINE failed on its side: the reply may have gone out (429 and 401 mean it did not).
      const replyMaybeUsed = viaReply && err.status !== 429 && err.status !== 401;
      if (err.status === 401)
        logger.error(
          { ...log, retryAt: next.toISOString() },
          'LINE refused the channel access token; messages wait until it is replaced',
        );
      else logger.warn({ ...log, retryAt: next.toISOString() }, 'LINE send failed; will retry');
      return committer.run((trx) => scheduleRetry(trx, row.id, next.toISOString(), err.message, { replyMaybeUsed }));
    }
    logger.error(log, 'LINE refused the message; giving up');
    return committer.run((trx) => markFailed(trx, row.id, err.message));
  }

  /** Records that LINE took the row; false (kept in memory, tried again later) if the database fails. */
  async function recordSent(id: number, sentAt: string): Promise<boolean> {
    try {
      await committer.run((trx) => markSent(trx, id, sentAt));
      unrecorded.delete(id);
      return true;
    } catch (e: unknown) {
      unrecorded.set(id, sentAt);
      logger.error(
        { outboxId: id, err: e instanceof Error ? e.message : String(e) },
        'sent, but could not record it; will record later',
      );
      return false;
    }
  }

  async function claim(head: OutboxRow): Promise<OutboxRow | undefined> {
    const now = clock.now();
    return committer.run((trx) =>
      claimRow(trx, head.id, now.toISOString(), new Date(now.getTime() + claimMs).toISOString()),
    );
  }

  /** Sends one row and records the outcome; true when LINE took it and that is recorded. */
  async function sendRow(head: OutboxRow): Promise<boolean> {
    const alreadySent = unrecorded.get(head.id);
    if (alreadySent !== undefined) return recordSent(head.id, alreadySent);
    const row = deps.claims ? await claim(head) : head;
    // Another process holds it, or has just sent it: the drain looks at the chat again.
    if (!row) return false;
    // The row may be from a commit whose log is still being synced; what goes out must stay in.
    try {
      await committer.durable();
    } catch (e: unknown) {
      halted = true;
      throw e;
    }
    const messages = JSON.parse(row.messages) as LineMessage[];
    const viaReply =
      row.reply_token !== null &&
      row.reply_token_expires_at !== null &&
      clock.now().toISOString() < row.reply_token_expires_at;
    try {
      const call = viaReply
        ? client.reply(row.reply_token!, messages)
        : client.push(row.recipient, messages, retryKeyFor(row.dedupe_key));
      await withTimeout(call, callTimeoutMs);
    } catch (e: unknown) {
      await onFailure(row, e, viaReply);
      return false;
    }
    // Outside the try: failing to record a send must not count as a failed send (it would go twice).
    return recordSent(row.id, clock.now().toISOString());
  }

  /**
   * Sends one chat's due rows in order; a chat has one drain at a time in this process. With one
   * process no claim is written: a crash between sending and marking re-sends, which the retry
   * key makes harmless. With several (`claims`), the head row is claimed first, so the chat's rows
   * still go one at a time and in order, whichever process sends each. Rows committed for the
   * chat meanwhile are picked up before it stops.
   */
  async function drainChat(recipient: string): Promise<void> {
    do {
      moreFor.delete(recipient);
      for (;;) {
        // Rate-limited: the rows stay due, and the timer brings the chat back once the pause is over.
        if (paused()) return;
        const { row, more } = await chatHead(db, recipient, clock.now().toISOString());
        if (!row) break;
        const done = await sendRow(row);
        // Sent but not yet recorded (the database is failing): leave the chat to the timer.
        if (!done && unrecorded.has(row.id)) break;
        // After a failure, look again: a refused reply token leaves the row due at once, as a push.
        if (done && !more) break;
      }
    } while (moreFor.delete(recipient));
  }

  function startChat(recipient: string): void {
    if (halted || paused()) return;
    if (inFlight.has(recipient)) {
      moreFor.add(recipient);
      return;
    }
    if (inFlight.size >= concurrency) {
      waiting.add(recipient);
      return;
    }
    waiting.delete(recipient);
    const sending = drainChat(recipient)
      .catch((e: unknown) =>
        logger.error({ to: chatRef(recipient), err: e instanceof Error ? e.message : String(e) }, 'outbox send failed'),
      )
      .finally(() => {
        inFlight.delete(recipient);
        // Rows announced between the drain's last look and now: go again rather than wait for the timer.
        if (moreFor.delete(recipient)) startChat(recipient);
        const nextWaiting = waiting.values().next();
        if (!nextWaiting.done) startChat(nextWaiting.value);
      });
    inFlight.set(recipient, sending);
  }

  async function pump(): Promise<void> {
    do {
      again = false;
      if (halted) return;
      try {
        for (const head of await dueHeads(db, clock.now().toISOString(), 200)) startChat(head.recipient);
      } catch (e: unknown) {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'outbox pass failed');
      }
    } while (again);
  }

  function wake(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = pump().finally(() => {
      pumping = null;
    });
    return pumping;
  }

  return {
    async flush() {
      await wake();
      // Wait until what was started has finished and nothing further became due.
      while (inFlight.size > 0 || pumping) {
        await Promise.all([...inFlight.values(), pumping ?? Promise.resolve()]);
        await wake();
      }
    },
    notify(recipients) {
      new Set(recipients).forEach(startChat);
    },
    start(intervalMs = 1000) {
      const timer = setInterval(() => void wake(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
