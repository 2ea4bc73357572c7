import type { Db } from '../../db/database.js';
import { loadPendingEvent, markEventAttemptFailed, markEventDone, pendingEvents } from '../../db/repositories/inbox-repository.js';
import { enqueue, type QueuedMessages } from '../../db/repositories/outbox-repository.js';
import type { Clock } from '../infra/clock.js';
import type { KeyedQueue } from '../infra/keyed-queue.js';
import { chatRef, type Logger } from '../infra/logger.js';
import type { LineMessage } from '../line/message-types.js';
import { toIncomingEvent, type IncomingEvent } from './chat-input.js';
import { handleUserEvent, type ConversationDeps, type Outgoing } from './handle-user-event.js';

export interface EventProcessorDeps extends ConversationDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: KeyedQueue;
  /** Called after a commit that queued messages. */
  onOutgoing: () => void;
}

/** LINE accepts a reply token for about a minute; keep a margin for the trip there. */
const REPLY_TOKEN_LIFETIME_MS = 50_000;
const MAX_ATTEMPTS = 5;
const MAX_PER_CALL = 5;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reply-token expiry is counted from when we received the event, on our own clock (which demos
 * and tests may move), not from LINE's timestamp: the two clocks need not agree.
 */
function toQueue(event: IncomingEvent, receivedAt: string, out: Outgoing, staffGroupId: string): QueuedMessages[] {
  const replyable = event.replyToken !== null && !event.isRedelivery;
  const expires = replyable ? new Date(Date.parse(receivedAt) + REPLY_TOKEN_LIFETIME_MS).toISOString() : null;
  const userItems = chunks<LineMessage>(out.toUser, MAX_PER_CALL).map((messages, i) => ({
    dedupeKey: `${event.webhookEventId}:user:${i}`,
    recipient: event.chatKey,
    messages,
    // Only the first call can use the reply token; LINE accepts it once.
    replyToken: i === 0 && replyable ? event.replyToken : null,
    replyTokenExpiresAt: i === 0 ? expires : null,
  }));
  const staffItems = chunks<LineMessage>(out.toStaff, MAX_PER_CALL).map((messages, i) => ({
    dedupeKey: `${event.webhookEventId}:staff:${i}`,
    recipient: staffGroupId,
    messages,
    replyToken: null,
    replyTokenExpiresAt: null,
  }));
  return [...userItems, ...staffItems];
}

export interface EventProcessor {
  /** Queues stored events for processing in per-chat order. */
  schedule(webhookEventIds: readonly string[], chatKeys: readonly string[]): void;
  /** Picks up events accepted before a restart and not yet handled. */
  recover(): Promise<number>;
}

export function createEventProcessor(deps: EventProcessorDeps): EventProcessor {
  const { db, clock, logger, queue } = deps;

  async function processOne(webhookEventId: string): Promise<void> {
    const now = clock.now().toISOString();
    try {
      const queued = await db.transaction().execute(async (trx) => {
        const pending = await loadPendingEvent(trx, webhookEventId);
        if (!pending) return 0; // already handled (a duplicate scheduled twice)
        const event = toIncomingEvent(JSON.parse(pending.payload));
        let items: QueuedMessages[] = [];
        if (event && !event.standby && event.source === 'user' && event.userId) {
          const out = await handleUserEvent(trx, deps, event, event.userId, now);
          items = toQueue(event, pending.receivedAt, out, deps.staffGroupId);
          await enqueue(trx, items, now);
        }
        await markEventDone(trx, webhookEventId, now);
        return items.length;
      });
      if (queued > 0) deps.onOutgoing();
    } catch (e: unknown) {
      logger.error({ webhookEventId, err: e instanceof Error ? e.message : String(e) }, 'event processing failed');
      await markEventAttemptFailed(db, webhookEventId, now, MAX_ATTEMPTS).catch(() => undefined);
    }
  }

  return {
    schedule(ids, keys) {
      ids.forEach((id, i) => {
        const key = keys[i] ?? id;
        void queue.run(key, () => processOne(id)).catch((e: unknown) => {
          logger.error({ webhookEventId: id, chat: chatRef(key), err: String(e) }, 'queue task failed');
        });
      });
    },
    async recover() {
      const pending = await pendingEvents(db);
      this.schedule(
        pending.map((p) => p.webhookEventId),
        pending.map((p) => p.chatKey),
      );
      return pending.length;
    },
  };
}
