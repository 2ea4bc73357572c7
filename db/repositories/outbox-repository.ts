import { sql, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { OutboxTable } from '../schema.js';
import { rowLimit } from '../row-limit.js';

export type OutboxRow = Selectable<OutboxTable>;

export interface QueuedMessages {
  dedupeKey: string;
  recipient: string;
  /** LINE message objects (at most 5: one reply or push call). */
  messages: readonly unknown[];
  replyToken: string | null;
  replyTokenExpiresAt: string | null;
  /** Hold the messages until then (quiet hours); default: send now. */
  notBefore?: string;
}

/** Queues messages inside the caller's transaction; a dedupe key seen before is ignored. */
export async function enqueue(db: Db, items: readonly QueuedMessages[], now: string): Promise<void> {
  for (const item of items) {
    await db
      .insertInto('outbox')
      .values({
        dedupe_key: item.dedupeKey,
        recipient: item.recipient,
        messages: JSON.stringify(item.messages),
        reply_token: item.replyToken,
        reply_token_expires_at: item.replyTokenExpiresAt,
        status: 'pending',
        next_attempt_at: item.notBefore !== undefined && item.notBefore > now ? item.notBefore : now,
        created_at: now,
        sent_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }
}

/**
 * Sends a chat's messages held for the morning now, ahead of what is queued after them: the
 * person is writing to us, so quiet hours no longer protect them, and news held overnight (a
 * confirmation, a proposal) must reach them before an answer that may contradict it.
 */
export async function releaseHeld(db: Db, recipient: string, now: string): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now })
    .where('status', '=', 'pending')
    .where('recipient', '=', recipient)
    .where('attempts', '=', 0)
    // Wrapped so that SQLite reads this chat's rows (outbox_recipient) rather than every row due
    // later (outbox_pending, which it prefers for a bare range): while LINE is down, thousands of
    // rows wait for their retry, and every event would step through all of them.
    .where((eb) => eb(eb.fn.coalesce('next_attempt_at', sql.lit('')), '>', now))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface OutboxHead {
  id: number;
  recipient: string;
}

/**
 * The oldest sendable row of each recipient, if it is due (ids only: messages are read when
 * sent). Later rows of a recipient wait for earlier ones, so a user never sees answers out of
 * order, except rows held back for the morning (quiet hours, never tried yet): those do not hold
 * up an answer to the user's own message.
 */
export async function dueHeads(db: Db, now: string, limit: number): Promise<OutboxHead[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['recipient', (eb) => eb.fn.min('id').as('id'), (eb) => eb.fn.min('next_attempt_at').as('due')])
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('attempts', '>', 0), eb('next_attempt_at', '<=', now)]))
    .groupBy('recipient')
    .limit(rowLimit(limit * 4))
    .execute();
  // The head is due when its own attempt time has come (min over a group is a lower bound only).
  const heads = rows.filter((r): r is { recipient: string; id: number; due: string } => r.id !== null);
  if (heads.length === 0) return [];
  const due = await db
    .selectFrom('outbox')
    .select(['id', 'recipient'])
    .where(
      'id',
      'in',
      heads.map((h) => h.id),
    )
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(rowLimit(limit))
    .execute();
  return due;
}

export interface ChatHead {
  /** The row to send next, when it is due now. */
  row: OutboxRow | undefined;
  /** Another sendable row follows it. */
  more: boolean;
}

/**
 * The next row of one chat, by the same rule as `dueHeads` (held-back morning rows do not count;
 * a row waiting for its retry blocks the ones after it). One indexed read of that chat's rows.
 */
export async function chatHead(db: Db, recipient: string, now: string): Promise<ChatHead> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('recipient', '=', recipient)
    .where((eb) => eb.or([eb('attempts', '>', 0), eb('next_attempt_at', '<=', now)]))
    .orderBy('id')
    .limit(rowLimit(2))
    .execute();
  const head = rows[0];
  // A row another process is sending (claimed, the claim not yet run out) is not ours to send.
  const free = head !== undefined && (head.claimed_until === null || head.claimed_until <= now);
  return { row: free && head.next_attempt_at <= now ? head : undefined, more: rows.length > 1 };
}

export async function loadOutboxRow(db: Db, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a row to send it, when several processes share the database: held until `until`, after
 * which another process may take it over. A row taken over from a claim that ran out may have
 * been sent by its holder before it stopped, so a reply is then treated as possibly gone out
 * (it is pushed instead: docs/line-platform.md §3), and a push carries the same retry key as
 * before, which LINE accepts once. Returns the row as claimed, or undefined when another process holds it or
 * it is no longer pending.
 */
export async function claimRow(db: Db, id: number, now: string, until: string): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set((eb) => ({
      claimed_until: until,
      reply_maybe_used: eb
        .case()
        .when(eb.and([eb('claimed_until', 'is not', null), eb('reply_token', 'is not', null)]))
        .then(1)
        .else(eb.ref('reply_maybe_used'))
        .end(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Written (and synced) before a reply call: from now on the reply may have gone out, so if the
 * outcome is not known (no answer, LINE's 5xx, a crash) the row is pushed, never replied again
 * (docs/line-platform.md §3). `reply_maybe_used` keeps its name from 0005; it now means this.
 */
export async function markReplyStarted(db: Db, id: number): Promise<void> {
  await db.updateTable('outbox').set({ reply_maybe_used: 1 }).where('id', '=', id).execute();
}

/**
 * At start-up, on a store one process sends from: replies an earlier process left unsent may have
 * gone out before it stopped (its calls' outcomes died with it), so each is pushed, never replied
 * again (docs/line-platform.md §3). Written once here instead of before every reply call.
 */
export async function markLeftRepliesUncertain(db: Db): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ reply_maybe_used: 1 })
    .where('status', '=', 'pending')
    .where('reply_token', 'is not', null)
    .where('reply_maybe_used', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A stopping process hands back rows it claimed but could not finish; others take them at once. */
export async function releaseClaims(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ claimed_until: null })
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending')
    .execute();
}

export async function markSent(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, last_error: null, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export interface RetryOptions {
  /** The reply token is refused or expired: the next attempt is a push. */
  dropReplyToken?: boolean;
  /** LINE said the reply did not go out (429, 401): its token may be tried again while fresh. */
  replyUnused?: boolean;
  /** The reply's outcome is unknown (no answer, LINE's 5xx): it may have gone out, so it is pushed next. */
  replyMaybeUsed?: boolean;
}

export async function scheduleRetry(
  db: Db,
  id: number,
  nextAttemptAt: string,
  error: string,
  options: RetryOptions = {},
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'pending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: nextAttemptAt,
      claimed_until: null,
      last_error: error.slice(0, 500),
      ...(options.dropReplyToken ? { reply_token: null } : {}),
      ...(options.replyUnused ? { reply_maybe_used: 0 } : {}),
      ...(options.replyMaybeUsed ? { reply_maybe_used: 1 } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error.slice(0, 500), claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export async function nextDueAt(db: Db): Promise<string | undefined> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r?.at ?? undefined;
}
