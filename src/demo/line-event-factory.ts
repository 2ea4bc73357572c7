import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';

/** What the page asked to send, already checked against the demo's people. */
export type DemoInput =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string; params?: Record<string, string> }
  | { kind: 'follow' };

export interface EventOrigin {
  userId: string;
  /** Set for the staff group chat. */
  groupId?: string;
  replyToken: string;
  timestamp: number;
}

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID like LINE's webhookEventId: 10 characters of millisecond time, 16 random ones. */
export function newWebhookEventId(timestamp: number): string {
  let time = '';
  let rest = Math.max(0, Math.floor(timestamp));
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD_BASE32[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  return time + Array.from(randomBytes(16), (byte) => CROCKFORD_BASE32[byte % 32]!).join('');
}

/** An 18-digit decimal message id, the form LINE uses. */
function newMessageId(): string {
  return String(100_000_000_000_000_000n + (BigInt(`0x${randomBytes(8).toString('hex')}`) % 800_000_000_000_000_000n));
}

/**
 * The webhook event LINE would send for `input`, with every field LINE sets (ids, timestamp,
 * active mode, delivery context, reply token, source), so the bot cannot tell the difference.
 */
export function buildWebhookEvent(input: DemoInput, origin: EventOrigin): webhook.Event {
  const source: webhook.Source =
    origin.groupId === undefined
      ? { type: 'user', userId: origin.userId }
      : { type: 'group', groupId: origin.groupId, userId: origin.userId };
  const base = {
    source,
    timestamp: origin.timestamp,
    mode: 'active' as const,
    webhookEventId: newWebhookEventId(origin.timestamp),
    deliveryContext: { isRedelivery: false },
    replyToken: origin.replyToken,
  };
  switch (input.kind) {
    case 'text':
      return {
        type: 'message',
        ...base,
        message: {
          type: 'text',
          id: newMessageId(),
          quoteToken: randomBytes(24).toString('base64url'),
          text: input.text,
        },
      };
    case 'postback':
      return {
        type: 'postback',
        ...base,
        postback: input.params ? { data: input.data, params: input.params } : { data: input.data },
      };
    case 'follow':
      return { type: 'follow', ...base, follow: { isUnblocked: false } };
  }
}
