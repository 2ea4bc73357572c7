import type { webhook } from '@line/bot-sdk';
import type { ChatInput } from '../../machines/booking/input.js';

/** A webhook event reduced to what processing needs; personal content stays inside `input`. */
export interface IncomingEvent {
  webhookEventId: string;
  /** User id for one-to-one chats, group id for group chats: events of one key run in order. */
  chatKey: string;
  source: 'user' | 'group' | 'room' | 'unknown';
  userId: string | null;
  replyToken: string | null;
  isRedelivery: boolean;
  standby: boolean;
  timestamp: number;
  input: ChatInput;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The signature proves a body came from LINE, not that every event in it has the fields its type
 * promises: each field is checked here, and an event that lacks one is answered like a sticker
 * rather than failing the whole webhook (which would fail again on every redelivery).
 */
function inputOf(event: webhook.Event): ChatInput {
  switch (event.type) {
    case 'follow':
      return { type: 'follow' };
    case 'message': {
      // Stickers, images and the like from a person are answered (politely: text only, please).
      const m: unknown = event.message;
      return isObject(m) && m.type === 'text' && typeof m.text === 'string'
        ? { type: 'text', text: m.text }
        : { type: 'other' };
    }
    case 'postback': {
      const pb: unknown = event.postback;
      if (!isObject(pb) || typeof pb.data !== 'string') return { type: 'other' };
      const p = isObject(pb.params) ? (pb.params as { date?: string; time?: string; datetime?: string }) : undefined;
      return p ? { type: 'postback', data: pb.data, params: p } : { type: 'postback', data: pb.data };
    }
    default:
      // Unfollow (blocked), unsend, read receipts...: nothing to answer, and no push to someone who left.
      return { type: 'ignored' };
  }
}

/** Reads one event of a webhook body; events without an id or a chat are not ours to answer. */
export function toIncomingEvent(event: webhook.Event): IncomingEvent | undefined {
  const id = (event as { webhookEventId?: unknown }).webhookEventId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  const source: unknown = event.source;
  if (!isObject(source)) return undefined;
  let chatKey: unknown;
  let kind: IncomingEvent['source'] = 'unknown';
  if (source.type === 'user') [chatKey, kind] = [source.userId, 'user'];
  else if (source.type === 'group') [chatKey, kind] = [source.groupId, 'group'];
  else if (source.type === 'room') [chatKey, kind] = [source.roomId, 'room'];
  if (typeof chatKey !== 'string' || chatKey.length === 0) return undefined;
  const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : null;
  return {
    webhookEventId: id,
    chatKey,
    source: kind,
    userId: typeof source.userId === 'string' ? source.userId : null,
    replyToken,
    isRedelivery: isObject(event.deliveryContext) && event.deliveryContext.isRedelivery === true,
    standby: event.mode === 'standby',
    timestamp: typeof event.timestamp === 'number' ? event.timestamp : 0,
    input: inputOf(event),
  };
}
