import type { Db } from '../../db/database.js';
import type { GroupCommitter } from '../../db/group-commit.js';
import {
  chatHead,
  claimRow,
  dueHeads,
  markFailed,
  markLeftRepliesUncertain,
  markReplyStarted,
  releaseClaims,
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
  /**
   * Once at start-up, before any event is handled: replies an earlier process left unsent are
   * marked as possibly gone out, so they are pushed (docs/line-platform.md §3). On a shared
   * database each reply is marked in its claim instead, and this does nothing.
   */
  adoptLeftovers(): Promise<void>;
  /**
   * For shutdown: sends what is due for at most `graceMs`, then starts nothing more and returns,
   * abandoning calls LINE has not answered. Their rows stay pending; a reply among them is
   * marked as possibly gone out (in its claim, or by adoptLeftovers after the restart), so it is
   * pushed (docs/line-platform.md §3).
   */
  close(graceMs: number): Promise<void>;
}

export interface OutboxSenderDeps {
  db: Db;
  /** Marks of sent messages share commits with other work (one disk flush for many). */
  committer: GroupCommitter;
  client: LineClient;
  clock: Clock;
  logger: Logger;
  /** How many chats are sent to at once (calls LINE is slow to answer stop counting, see slowAfterMs). */
  concurrency?: number;
  /** A push that has not answered by then counts as a network failure (and is retried). */
  callTimeoutMs?: number;
  /**
   * The same for a reply: LINE answers those in milliseconds, and a reply left hanging holds the
   * chat's answer back, so it is given up much sooner (and the answer pushed: §3).
   */
  replyTimeoutMs?: number;
  /**
   * A call not answered by then is slow: it gives its slot up to the next chat, so chats LINE
   * hangs on cannot hold up everyone else's answers. At most `maxSlowCalls` calls are slow at once
   * (each chat has one call at most); beyond that a slow call keeps its slot.
   */
  slowAfterMs?: number;
  maxSlowCalls?: number;
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

/** One chat's drain: whether its call went slow (gave its slot up), and when it ends. */
interface Drain {
  slow: boolean;
  done: Promise<void>;
  /** The row whose call is under way, if any. */
  sending?: number | undefined;
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
  const replyTimeoutMs = deps.replyTimeoutMs ?? 5_000;
  const slowAfterMs = deps.slowAfterMs ?? 1_000;
  // Open connections to LINE at most: enough for every chat it could hang on at once in practice.
  const maxSlowCalls = deps.maxSlowCalls ?? 256;
  // Outlasts the longest call, so a row is never sent by two processes while its call runs.
  const claimMs = Math.max(callTimeoutMs, replyTimeoutMs) + 5000;
  /** Chats being sent to, and the chats whose turn comes when a slot frees up. */
  const inFlight = new Map<string, Drain>();
  const waiting = new Set<string>();
  /** Drains holding one of the `concurrency` slots, and drains whose call went slow (no slot). */
  let slotsTaken = 0;
  let slowCalls = 0;
  /** Set by close(): nothing new is started. */
  let closing = false;
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
      // An invalid or expired reply token: LINE delivered nothing, so push at once.
      logger.info(log, 'reply token refused; pushing instead');
      return committer.run((trx) =>
        scheduleRetry(trx, row.id, now.toISOString(), err.message, { dropReplyToken: true }),
      );
    }
    if (retriable(err)) {
      // LINE's Retry-After when it gives one (a 429 usually does), else our own backoff.
      const next = new Date(now.getTime() + (err.retryAfterMs ?? backoffMs(row.attempts)));
      if (err.status === 429) pausedUntilMs = Math.max(pausedUntilMs, next.getTime());
      // 429 and 401 mean the reply did not go out: its token may be tried again. No answer, or
      // LINE's own failure, leaves it uncertain: the mark written before the call stays, and the
      // next attempt is a push (docs/line-platform.md §3).
      const replyUnused = viaReply && (err.status === 429 || err.status === 401);
      const replyMaybeUsed = viaReply && !replyUnused;
      if (err.status === 401)
        logger.error(
          { ...log, retryAt: next.toISOString() },
          'LINE refused the channel access token; messages wait until it is replaced',
        );
      else logger.warn({ ...log, retryAt: next.toISOString() }, 'LINE send failed; will retry');
      return committer.run((trx) =>
        scheduleRetry(trx, row.id, next.toISOString(), err.message, { replyUnused, replyMaybeUsed }),
      );
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

  /**
   * A reply, unless an earlier attempt may have gone out: LINE could not tell us whether it did
   * (a refused token proves nothing), so such a row is pushed (§3).
   */
  function goesAsReply(row: OutboxRow): boolean {
    return (
      row.reply_token !== null &&
      row.reply_maybe_used === 0 &&
      row.reply_token_expires_at !== null &&
      clock.now().toISOString() < row.reply_token_expires_at
    );
  }

  /**
   * Takes the row and decides how it goes. A reply is recorded as started in the same commit
   * (on the disk before the call): a crash or a lost answer from then on leaves the row marked as
   * a reply that may have gone out, which is then pushed rather than replied again.
   */
  async function claim(head: OutboxRow): Promise<{ row: OutboxRow; viaReply: boolean } | undefined> {
    const now = clock.now();
    return committer.run(async (trx) => {
      const row = deps.claims
        ? await claimRow(trx, head.id, now.toISOString(), new Date(now.getTime() + claimMs).toISOString())
        : head;
      if (!row) return undefined;
      const viaReply = goesAsReply(row);
      // Another process may take the row over if this one dies mid-call: it must know a reply may
      // have gone out. One process alone learns that at its restart (adoptLeftovers), with no
      // write before each call.
      if (viaReply) await markReplyStarted(trx, row.id);
      return { row, viaReply };
    });
  }

  /** The call has not answered for slowAfterMs: it gives its slot to the next waiting chat. */
  function goSlow(drain: Drain): void {
    if (drain.slow || slowCalls >= maxSlowCalls) return;
    drain.slow = true;
    slotsTaken -= 1;
    slowCalls += 1;
    startNextWaiting();
  }

  /** Waits for the disk; once it has failed, nothing more is sent (see `halted`). */
  async function durable(): Promise<void> {
    try {
      await committer.durable();
    } catch (e: unknown) {
      halted = true;
      throw e;
    }
  }

  /** Sends one row and records the outcome; true when LINE took it and that is recorded. */
  async function sendRow(head: OutboxRow, drain: Drain): Promise<boolean> {
    const alreadySent = unrecorded.get(head.id);
    if (alreadySent !== undefined) return recordSent(head.id, alreadySent);
    // The row may be from a commit whose log is still being synced; what goes out must stay in.
    await durable();
    // Without claims (one process) nothing is written first: a push's retry key covers a crash,
    // and a reply left by a crash is marked at the restart (adoptLeftovers).
    const writes = deps.claims === true;
    const taken = writes ? await claim(head) : { row: head, viaReply: goesAsReply(head) };
    // Another process holds it, or has just sent it: the drain looks at the chat again.
    if (!taken) return false;
    const { row, viaReply } = taken;
    drain.sending = row.id;
    // The claim and the reply's mark too, before the call.
    if (writes) await durable();
    if (closing) return false;
    const messages = JSON.parse(row.messages) as LineMessage[];
    const slowTimer = setTimeout(() => goSlow(drain), slowAfterMs);
    try {
      const call = viaReply
        ? client.reply(row.reply_token!, messages)
        : client.push(row.recipient, messages, retryKeyFor(row.dedupe_key));
      await withTimeout(call, viaReply ? replyTimeoutMs : callTimeoutMs);
    } catch (e: unknown) {
      await onFailure(row, e, viaReply);
      return false;
    } finally {
      clearTimeout(slowTimer);
      drain.sending = undefined;
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
  async function drainChat(recipient: string, drain: Drain): Promise<void> {
    do {
      moreFor.delete(recipient);
      for (;;) {
        // Rate-limited: the rows stay due, and the timer brings the chat back once the pause is over.
        if (paused() || closing) return;
        // A slow call gave its slot away: the chat queues for a slot again for its next row.
        if (drain.slow) {
          moreFor.add(recipient);
          return;
        }
        const { row, more } = await chatHead(db, recipient, clock.now().toISOString());
        if (!row) break;
        const done = await sendRow(row, drain);
        // Sent but not yet recorded (the database is failing): leave the chat to the timer.
        if (!done && unrecorded.has(row.id)) break;
        // After a failure, look again: a refused reply token leaves the row due at once, as a push.
        if (done && !more) break;
      }
    } while (moreFor.delete(recipient));
  }

  function startNextWaiting(): void {
    const nextWaiting = waiting.values().next();
    if (!nextWaiting.done) startChat(nextWaiting.value);
  }

  /** One call at most per chat: a chat LINE hangs on holds its own slot (or a slow one), no more. */
  function startChat(recipient: string): void {
    if (halted || closing || paused()) return;
    if (inFlight.has(recipient)) {
      moreFor.add(recipient);
      return;
    }
    if (slotsTaken >= concurrency) {
      waiting.add(recipient);
      return;
    }
    waiting.delete(recipient);
    slotsTaken += 1;
    const drain: Drain = { slow: false, done: Promise.resolve() };
    drain.done = drainChat(recipient, drain)
      .catch((e: unknown) =>
        logger.error({ to: chatRef(recipient), err: e instanceof Error ? e.message : String(e) }, 'outbox send failed'),
      )
      .finally(() => {
        inFlight.delete(recipient);
        if (drain.slow) slowCalls -= 1;
        else slotsTaken -= 1;
        // Rows announced between the drain's last look and now: go again rather than wait for the timer.
        if (moreFor.delete(recipient)) startChat(recipient);
        startNextWaiting();
      });
    inFlight.set(recipient, drain);
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
    async adoptLeftovers() {
      if (deps.claims) return;
      const marked = await committer.run((trx) => markLeftRepliesUncertain(trx));
      if (marked > 0) logger.info({ replies: marked }, 'replies left unsent by the last run will be pushed');
    },
    async flush() {
      await wake();
      // Wait until what was started has finished and nothing further became due.
      while ((inFlight.size > 0 || pumping) && !closing) {
        await Promise.all([...[...inFlight.values()].map((d) => d.done), pumping ?? Promise.resolve()]);
        await wake();
      }
    },
    async close(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([this.flush(), grace]).finally(() => clearTimeout(timer));
      closing = true;
      waiting.clear();
      if (inFlight.size === 0) return;
      logger.warn({ calls: inFlight.size }, 'LINE calls still unanswered at shutdown; sent again after restart');
      // Handed back at once rather than when their claims run out: the next process sends them
      // by the same rule (a reply already marked as started goes as a push).
      const held = [...inFlight.values()].flatMap((d) => (d.sending === undefined ? [] : [d.sending]));
      if (deps.claims && held.length > 0)
        await committer
          .run((trx) => releaseClaims(trx, held))
          .catch((e: unknown) =>
            logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not hand back claimed messages'),
          );
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
