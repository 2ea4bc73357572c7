/**
 * Webhook events the base builders in line-events.ts do not cover, shaped as LINE sends them
 * and typed against the SDK's webhook models.
 */
import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { newMessageId, newReplyToken, newWebhookEventId } from './line-events.js';

export interface StickerOptions {
  userId: string;
  replyToken?: string;
  webhookEventId?: string;
  timestamp?: number;
}

/** A sticker sent in a one-to-one chat. */
export function stickerEvent(options: StickerOptions): webhook.MessageEvent {
  const timestamp = options.timestamp ?? Date.now();
  return {
    type: 'message',
    source: { type: 'user', userId: options.userId },
    timestamp,
    mode: 'active',
    webhookEventId: options.webhookEventId ?? newWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: false },
    replyToken: options.replyToken ?? newReplyToken(),
    message: {
      type: 'sticker',
      id: newMessageId(),
      quoteToken: randomBytes(24).toString('base64url'),
      packageId: '446',
      stickerId: '1988',
      stickerResourceType: 'STATIC',
    },
  };
}

/** The user unsent (retracted) one of their messages. Like unfollow, it has no reply token. */
export function unsendEvent(options: {
  userId: string;
  messageId?: string;
  webhookEventId?: string;
  timestamp?: number;
}): webhook.UnsendEvent {
  const timestamp = options.timestamp ?? Date.now();
  return {
    type: 'unsend',
    source: { type: 'user', userId: options.userId },
    timestamp,
    mode: 'active',
    webhookEventId: options.webhookEventId ?? newWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: false },
    unsend: { messageId: options.messageId ?? newMessageId() },
  };
}
