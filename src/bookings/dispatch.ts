import type { QueuedMessages } from '../../db/repositories/outbox-repository.js';
import type { LineMessage } from '../line/message-types.js';
import type { LifecycleSettings } from '../office/lifecycle-settings.js';
import { notBefore } from './quiet-hours.js';

/** Messages a decision produces: to a user (held through quiet hours) or to the staff group. */
export interface Dispatch {
  audience: 'user' | 'staff';
  recipient: string;
  messages: LineMessage[];
}

const MAX_PER_CALL = 5;

/**
 * Outbox rows for dispatches, keyed by `key` (the event, job or API call that caused them) so a
 * retried cause never queues the same messages twice. `reply` uses a reply token for the first
 * call to its recipient, as answers to a person's own message are never held.
 */
export function toQueued(
  key: string,
  dispatches: readonly Dispatch[],
  now: string,
  lifecycle: LifecycleSettings,
  /** The chat whose own message is being answered, with its reply token when one is usable. */
  reply?: { recipient: string; token: string | null; expiresAt: string | null },
): QueuedMessages[] {
  const out: QueuedMessages[] = [];
  let replyUsed = false;
  const seen = { user: 0, staff: 0 };
  dispatches.forEach((d) => {
    const n = seen[d.audience]++;
    for (let j = 0; j < d.messages.length; j += MAX_PER_CALL) {
      const answering = reply !== undefined && d.recipient === reply.recipient;
      const useReply = answering && !replyUsed && reply.token !== null;
      if (useReply) replyUsed = true;
      const item: QueuedMessages = {
        dedupeKey: `${key}:${d.audience}:${n}${j > 0 ? `.${j / MAX_PER_CALL}` : ''}`,
        recipient: d.recipient,
        messages: d.messages.slice(j, j + MAX_PER_CALL),
        replyToken: useReply ? reply.token : null,
        replyTokenExpiresAt: useReply ? reply.expiresAt : null,
      };
      // Answers to a person's own message go out at once, even at night; other pushes wait.
      if (d.audience === 'user' && !answering) item.notBefore = notBefore(now, lifecycle);
      out.push(item);
    }
  });
  return out;
}
