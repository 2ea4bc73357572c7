import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { InboxStatus } from '../schema.js';
import { rowLimit } from '../row-limit.js';

export interface AcceptedEvent {
  webhookEventId: string;
  chatKey: string;
  payload: string;
}

/**
 * Stores webhook events (inside the caller's transaction) before LINE is acknowledged. An id
 * already present (a redelivery, or the same request sent twice) is skipped. Returns the new ids.
 */
export async function acceptEvents(trx: Db, events: readonly AcceptedEvent[], receivedAt: string): Promise<string[]> {
  if (events.length === 0) return [];
  {
    const fresh: string[] = [];
    for (const [position, e] of events.entries()) {
      const row = await trx
        .insertInto('inbox')
        .values({
          webhook_event_id: e.webhookEventId,
          chat_key: e.chatKey,
          payload: e.payload,
          received_at: receivedAt,
          status: 'pending',
          processed_at: null,
          position,
        })
        .onConflict((oc) => oc.column('webhook_event_id').doNothing())
        .returning('webhook_event_id')
        .executeTakeFirst();
      if (row) fresh.push(row.webhook_event_id);
    }
    return fresh;
  }
}

/**
 * `status = 'pending'` written out, not bound: SQLite compiles a statement again on every run when
 * a bound value decides whether a partial index applies (inbox_chat_pending, 0013), which cost
 * more than running the query.
 */
const PENDING = sql.lit<InboxStatus>('pending');

export interface PendingEvent {
  webhookEventId: string;
  chatKey: string;
  payload: string;
  attempts: number;
  receivedAt: string;
}

/** Pending events in arrival order: the work a restart must finish. */
export async function pendingEvents(db: Db, limit = 1000): Promise<PendingEvent[]> {
  const rows = await db
    .selectFrom('inbox')
    .select(['webhook_event_id', 'chat_key', 'payload', 'attempts', 'received_at'])
    .where('status', '=', PENDING)
    .orderBy('received_at')
    .orderBy('position')
    .orderBy('webhook_event_id')
    .limit(rowLimit(limit))
    .execute();
  return rows.flatMap((r) =>
    r.payload === null
      ? []
      : [
          {
            webhookEventId: r.webhook_event_id,
            chatKey: r.chat_key,
            payload: r.payload,
            attempts: r.attempts,
            receivedAt: r.received_at,
          },
        ],
  );
}

export interface NextEvent {
  event: PendingEvent;
  /** Another pending event of the chat follows it. */
  more: boolean;
}

/**
 * The chat's earliest pending event (arrival order, as `pendingEvents`), whichever process
 * stored it: a chat's events are handled one after another in that order, so a later event never
 * overtakes one still waiting. Read through the partial index of pending events per chat (0013),
 * two rows at most, so the caller also learns whether to look again.
 */
export async function nextPendingEventOf(db: Db, chatKey: string): Promise<NextEvent | undefined> {
  const rows = await db
    .selectFrom('inbox')
    .select(['webhook_event_id', 'chat_key', 'payload', 'attempts', 'received_at'])
    .where('chat_key', '=', chatKey)
    .where('status', '=', PENDING)
    .orderBy('received_at')
    .orderBy('position')
    .orderBy('webhook_event_id')
    .limit(rowLimit(2))
    .execute();
  const r = rows[0];
  // A pending row without its payload cannot be handled; it is left for staff (none is written so).
  if (!r || r.payload === null) return undefined;
  return {
    event: {
      webhookEventId: r.webhook_event_id,
      chatKey: r.chat_key,
      payload: r.payload,
      attempts: r.attempts,
      receivedAt: r.received_at,
    },
    more: rows.length > 1,
  };
}

/** Marks an event handled and drops its payload (message text is personal data). */
export async function markEventDone(db: Db, webhookEventId: string, at: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ status: 'done', payload: null, processed_at: at })
    .where('webhook_event_id', '=', webhookEventId)
    .execute();
}

/**
 * Counts a failed attempt; after `maxAttempts` the event is parked as failed for staff to see.
 * Returns the attempts counted so far, and the chat when the event was just parked, so the
 * person can be told. An event no longer pending (or unknown) counts as out of attempts.
 */
export async function markEventAttemptFailed(
  db: Db,
  webhookEventId: string,
  at: string,
  maxAttempts: number,
): Promise<{ parkedChat: string | null; attempts: number }> {
  const row = await db
    .selectFrom('inbox')
    .select(['attempts', 'chat_key'])
    .where('webhook_event_id', '=', webhookEventId)
    .where('status', '=', PENDING)
    .executeTakeFirst();
  if (!row) return { parkedChat: null, attempts: maxAttempts };
  const attempts = row.attempts + 1;
  const parked = attempts >= maxAttempts;
  await db
    .updateTable('inbox')
    .set({ attempts, status: parked ? 'failed' : 'pending', processed_at: at })
    .where('webhook_event_id', '=', webhookEventId)
    .execute();
  return { parkedChat: parked ? row.chat_key : null, attempts };
}
