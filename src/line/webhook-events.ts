/**
 * Builders for webhook request bodies shaped exactly as LINE sends them, typed against the
 * SDK's webhook models so that a shape mistake fails the type check. The product never builds
 * these: they stand in for LINE wherever something drives the real webhook (the tests and the
 * benchmark's load driver), so both share one definition of what LINE sends.
 *
 * Reply tokens: pass one from `platform.issueReplyToken(chatId)` when the bot is expected to
 * reply through the fake platform; the default is a random token the platform does not know.
 */
import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { signWebhookBody } from './webhook-signature.js';

/** Fields every builder accepts. `groupId` makes the event come from a group chat. */
export interface EventOptions {
  userId: string;
  groupId?: string;
  replyToken?: string;
  timestamp?: number;
  webhookEventId?: string;
  mode?: webhook.EventMode;
  isRedelivery?: boolean;
}

/** The bot's own user id, which LINE puts in `destination`. */
export const DEFAULT_DESTINATION = 'U00000000000000000000000000000bot';

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-like id: 10 characters of millisecond time, then 16 random ones (26 in all). */
export function newWebhookEventId(timestamp = Date.now()): string {
  let time = '';
  let rest = Math.max(0, Math.floor(timestamp));
  for (let i = 0; i < 10; i += 1) {
    time = (CROCKFORD_BASE32[rest % 32] ?? '0') + time;
    rest = Math.floor(rest / 32);
  }
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD_BASE32[byte % 32] ?? '0').join('');
  return time + random;
}

/** A random 32-hex-digit reply token, the shape LINE uses. */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/** An 18-digit message id, as LINE assigns. */
export function newMessageId(): string {
  return String(400_000_000_000_000_000n + BigInt(`0x${randomBytes(7).toString('hex')}`));
}

function sourceOf(options: EventOptions): webhook.Source {
  return options.groupId === undefined
    ? { type: 'user', userId: options.userId }
    : { type: 'group', groupId: options.groupId, userId: options.userId };
}

function baseOf(options: EventOptions) {
  const timestamp = options.timestamp ?? Date.now();
  return {
    source: sourceOf(options),
    timestamp,
    mode: options.mode ?? 'active',
    webhookEventId: options.webhookEventId ?? newWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: options.isRedelivery ?? false },
  } satisfies Omit<webhook.EventBase, 'type'>;
}

/** A text message event. */
export function textEvent(
  options: EventOptions & { text: string; messageId?: string; quoteToken?: string },
): webhook.MessageEvent {
  return {
    type: 'message',
    ...baseOf(options),
    replyToken: options.replyToken ?? newReplyToken(),
    message: {
      type: 'text',
      id: options.messageId ?? newMessageId(),
      quoteToken: options.quoteToken ?? randomBytes(24).toString('base64url'),
      text: options.text,
    },
  };
}

/** A postback event; `params` is what a datetime picker adds (`{ date }`, `{ time }` or `{ datetime }`). */
export function postbackEvent(
  options: EventOptions & { data: string; params?: Record<string, string> },
): webhook.PostbackEvent {
  return {
    type: 'postback',
    ...baseOf(options),
    replyToken: options.replyToken ?? newReplyToken(),
    postback: options.params === undefined ? { data: options.data } : { data: options.data, params: options.params },
  };
}

/** A follow event (friend added, or unblocked when `isUnblocked`). */
export function followEvent(options: EventOptions & { isUnblocked?: boolean }): webhook.FollowEvent {
  return {
    type: 'follow',
    ...baseOf(options),
    replyToken: options.replyToken ?? newReplyToken(),
    follow: { isUnblocked: options.isUnblocked ?? false },
  };
}

/** An unfollow event (blocked). It has no reply token. */
export function unfollowEvent(options: Omit<EventOptions, 'replyToken'>): webhook.UnfollowEvent {
  return { type: 'unfollow', ...baseOf(options) };
}

/** The request body LINE posts to the webhook. */
export function webhookBody(events: webhook.Event[], destination = DEFAULT_DESTINATION): webhook.CallbackRequest {
  return { destination, events };
}

/** The exact body text and the headers to post it with, signed with `channelSecret`. */
export function signedWebhookRequest(
  channelSecret: string,
  events: webhook.Event[],
  destination?: string,
): { body: string; headers: { 'content-type': string; 'x-line-signature': string } } {
  const body = JSON.stringify(webhookBody(events, destination));
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody(channelSecret, body) },
  };
}
