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

function inputOf(event: webhook.Event): ChatInput {
  switch (event.type) {
    case 'follow':
      return { type: 'follow' };
    case 'message':
      // Stickers, images and the like from a person are answered (politely: text only, please).
      return event.message.type === 'text' ? { type: 'text', text: event.message.text } : { type: 'other' };
    case 'postback': {
      const p = event.postback.params as { date?: string; time?: string; datetime?: string } | undefined;
      return p ? { type: 'postback', data: event.postback.data, params: p } : { type: 'postback', data: event.postback.data };
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
  const source = event.source;
  let chatKey: string | undefined;
  let kind: IncomingEvent['source'] = 'unknown';
  if (source?.type === 'user') [chatKey, kind] = [source.userId, 'user'];
  else if (source?.type === 'group') [chatKey, kind] = [source.groupId, 'group'];
  else if (source?.type === 'room') [chatKey, kind] = [source.roomId, 'room'];
  if (!chatKey) return undefined;
  const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : null;
  return {
    webhookEventId: id,
    chatKey,
    source: kind,
    userId: source && 'userId' in source && typeof source.userId === 'string' ? source.userId : null,
    replyToken,
    isRedelivery: event.deliveryContext?.isRedelivery === true,
    standby: event.mode === 'standby',
    timestamp: typeof event.timestamp === 'number' ? event.timestamp : 0,
    input: inputOf(event),
  };
}
