import { setMaxListeners } from 'node:events';
import type { webhook } from '@line/bot-sdk';
import type { AppContext } from '../app-context.js';
import type { Db } from '../../db/database.js';
import {
  markEventAttemptFailed,
  markEventDone,
  nextPendingEventOf,
  pendingEvents,
} from '../../db/repositories/inbox-repository.js';
import { enqueue, releaseHeld, type QueuedMessages } from '../../db/repositories/outbox-repository.js';
import { lockChat } from '../../db/locks.js';
import type { KeyedQueue } from '../infra/keyed-queue.js';
import { chatRef } from '../infra/logger.js';
import { toIncomingEvent, type IncomingEvent } from './chat-input.js';
import { handleUserEvent } from './handle-user-event.js';
import { handleStaffEvent } from './staff-chat.js';
import { toQueued, type Dispatch } from '../bookings/dispatch.js';
import { processingFailedMessages } from '../messages/lifecycle-messages.js';
import { sleep } from '../infra/sleep.js';

export interface EventProcessorOptions {
  /** Runs each chat's events in order, chats concurrently. */
  queue: KeyedQueue;
  /**
   * Waits between attempts at an event that failed (ms); one more attempt than there are waits.
   * The chat's later events wait too, so a person's messages are never handled out of order.
   */
  retryDelaysMs?: readonly number[];
}

/** About 15 s in all: long enough to ride out a busy or briefly failing database. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000, 10_000];

/** LINE accepts a reply token for about a minute; keep a margin for the trip there. */
const REPLY_TOKEN_LIFETIME_MS = 50_000;

/**
 * Reply-token expiry is counted from when we received the event, on our own clock (which demos
 * and tests may move), not from LINE's timestamp: the two clocks need not agree.
 */
function replyOf(event: IncomingEvent, receivedAt: string) {
  // A redelivered event's token may be stale: answer it by push (still at once, not held).
  if (event.replyToken === null || event.isRedelivery)
    return { recipient: event.chatKey, token: null, expiresAt: null };
  return {
    recipient: event.chatKey,
    token: event.replyToken,
    expiresAt: new Date(Date.parse(receivedAt) + REPLY_TOKEN_LIFETIME_MS).toISOString(),
  };
}

async function dispatchesFor(trx: Db, deps: AppContext, event: IncomingEvent, now: string): Promise<Dispatch[]> {
  if (event.standby) return [];
  if (event.source === 'user' && event.userId) return handleUserEvent(trx, deps, event, event.userId, now);
  // Only the configured staff group may act on bookings; other groups get no answer. LINE may
  // leave out who pressed a button in a group: the action still counts, recorded as the group's.
  if (event.source === 'group' && event.chatKey === deps.staffGroupId)
    return handleStaffEvent(trx, deps, event, event.userId ?? `${event.chatKey}:member`, now);
  return [];
}

export interface EventProcessor {
  /**
   * Stored events are waiting for these chats: each chat's pending events are handled in arrival
   * order, from the database, whichever process stored them (the ids are for the log only).
   */
  schedule(webhookEventIds: readonly string[], chatKeys: readonly string[]): void;
  /** Picks up events accepted before a restart and not yet handled. */
  recover(): Promise<number>;
  /** Cuts short the waits between attempts (at shutdown): an event still failing stays pending. */
  stop(): void;
}

/** The chat had nothing pending, its next event was handled, or handling it failed (the event, if it was read). */
type Attempt =
  { kind: 'empty' } | { kind: 'done'; more: boolean } | { kind: 'failed'; webhookEventId: string | undefined };

export function createEventProcessor(app: AppContext, options: EventProcessorOptions): EventProcessor {
  const { db, clock, logger } = app;
  const { queue } = options;

  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxAttempts = delays.length + 1;
  const stopping = new AbortController();
  // Every chat waiting to retry a failing event listens for the stop; many may wait at once when
  // the database is failing for everyone, which is no listener leak.
  setMaxListeners(0, stopping.signal);

  /**
   * Handles the chat's earliest pending event in one transaction: its answer is queued and the
   * event marked done together. Two processes draining the same chat at once read the same event;
   * on PostgreSQL one commits and the other's transaction is run again and finds it done.
   */
  async function attempt(chatKey: string, now: string): Promise<Attempt> {
    let current: string | undefined;
    try {
      const handled = await app.committer.run(async (trx) => {
        // The chat's events one at a time, whichever process stored them (db/locks.ts).
        await lockChat(trx, chatKey);
        const next = await nextPendingEventOf(trx, chatKey);
        current = next?.event.webhookEventId;
        if (!next) return null;
        const pending = next.event;
        // The webhook route stored the event as it read it: as a webhook.Event.
        const event = toIncomingEvent(JSON.parse(pending.payload) as webhook.Event);
        let items: QueuedMessages[] = [];
        const released =
          event?.source === 'user' && !event.standby && event.input.type !== 'ignored'
            ? await releaseHeld(trx, event.chatKey, now)
            : 0;
        if (event) {
          const dispatches = (await dispatchesFor(trx, app, event, now)).filter((d) => d.messages.length > 0);
          items = toQueued(event.webhookEventId, dispatches, now, app.lifecycle, replyOf(event, pending.receivedAt));
          await enqueue(trx, items, now);
        }
        await markEventDone(trx, pending.webhookEventId, now);
        const recipients = [...(released > 0 && event ? [event.chatKey] : []), ...items.map((item) => item.recipient)];
        return { recipients, more: next.more };
      });
      if (handled === null) return { kind: 'empty' };
      if (handled.recipients.length > 0) app.onOutgoing(handled.recipients);
      return { kind: 'done', more: handled.more };
    } catch (e: unknown) {
      logger.error(
        { webhookEventId: current ?? null, err: e instanceof Error ? e.message : String(e) },
        'event processing failed',
      );
      return { kind: 'failed', webhookEventId: current };
    }
  }

  /** Counts the failure in the inbox; once the last attempt failed, parks the event and says so. */
  async function recordFailure(webhookEventId: string, chatKey: string): Promise<'retry' | 'parked'> {
    const now = clock.now().toISOString();
    // Parking the event and telling the person are one write: neither happens without the other.
    const { parkedChat, attempts, told } = await app.committer.run(async (trx) => {
      await lockChat(trx, chatKey);
      const counted = await markEventAttemptFailed(trx, webhookEventId, now, maxAttempts);
      // Given up: say so rather than leave the person without an answer (not in the staff group).
      const tell = counted.parkedChat !== null && counted.parkedChat !== app.staffGroupId;
      if (tell)
        await enqueue(
          trx,
          [
            {
              dedupeKey: `${webhookEventId}:failed`,
              recipient: counted.parkedChat!,
              messages: processingFailedMessages(),
              replyToken: null,
              replyTokenExpiresAt: null,
            },
          ],
          now,
        );
      return { ...counted, told: tell };
    });
    if (told) app.onOutgoing([parkedChat!]);
    if (parkedChat !== null) return 'parked';
    return attempts >= maxAttempts ? 'parked' : 'retry';
  }

  /**
   * Chats whose earlier event was left pending (shutdown cut its retries short, or the database
   * could not even record its failure): their later events are left pending too, so recover()
   * later takes them all in arrival order instead of the later ones overtaking it now.
   */
  const stalled = new Set<string>();

  /** Chats with a drain queued that has not started yet: a new event for them needs no second one. */
  const queued = new Set<string>();

  /**
   * Handles the chat's pending events one by one, earliest first, retrying a failing one inside
   * the chat's queue: the chat's later events wait behind it, so they are never handled before
   * it. Attempts are counted in the inbox (they survive a restart); when the database cannot even
   * record a failure, they are counted here, and the event is left pending for recover() once
   * they run out.
   */
  async function drainChat(chatKey: string): Promise<void> {
    let failing: string | undefined;
    let tried = 0;
    for (;;) {
      if (stalled.has(chatKey)) return;
      const result = await attempt(chatKey, clock.now().toISOString());
      if (result.kind === 'empty') return;
      if (result.kind === 'done') {
        // Nothing else was pending: an event stored after that look schedules a drain of its own.
        if (!result.more) return;
        tried = 0;
        continue;
      }
      if (result.webhookEventId !== failing) {
        failing = result.webhookEventId;
        tried = 0;
      }
      tried += 1;
      let next: 'retry' | 'parked' | 'left pending';
      try {
        // Not even read: nothing to count in the inbox.
        if (result.webhookEventId === undefined) throw new Error('event not read');
        next = await recordFailure(result.webhookEventId, chatKey);
      } catch {
        next = tried >= maxAttempts ? 'left pending' : 'retry';
      }
      if (next === 'parked') {
        tried = 0;
        continue;
      }
      if (
        next === 'retry' &&
        !stopping.signal.aborted &&
        (await sleep(delays[Math.min(tried, delays.length) - 1] ?? 0, stopping.signal))
      )
        continue;
      stalled.add(chatKey);
      return;
    }
  }

  return {
    schedule(ids, keys) {
      // Shutting down: accepted events stay pending in the inbox for the next start's recover().
      if (stopping.signal.aborted) return;
      for (const key of new Set(keys)) {
        if (queued.has(key)) continue;
        queued.add(key);
        void queue
          .run(key, () => {
            queued.delete(key);
            return drainChat(key);
          })
          .catch((e: unknown) => {
            logger.error({ webhookEventIds: ids, chat: chatRef(key), err: String(e) }, 'queue task failed');
          });
      }
    },
    async recover() {
      const pending = await pendingEvents(db);
      // Every pending event is scheduled again below, in arrival order: held-back chats may go on.
      stalled.clear();
      this.schedule(
        pending.map((p) => p.webhookEventId),
        pending.map((p) => p.chatKey),
      );
      return pending.length;
    },
    stop() {
      stopping.abort();
    },
  };
}
