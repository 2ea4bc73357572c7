import type { DeliveredMessage } from '../line/fake-line-platform.js';

/** One bubble of a simulated chat, as the page renders it. */
export interface ChatItem {
  /** Unique within the demo: `bot-<seq>` for the bot's messages, `me-<n>` for the person's. */
  id: string;
  /** The user id of a one-to-one chat, or the group id. */
  chat: string;
  from: 'bot' | 'person';
  /** Who sent a person's bubble (in the group chat, which staff member). */
  senderId?: string;
  senderName?: string;
  /** App-clock time in ms since the epoch, shown as the bubble's time stamp. */
  at: number;
  /** The LINE message object; a person's bubble is a text message. */
  message: Record<string, unknown>;
}

/** The bot's message as a chat item. Replies and pushes look the same in LINE, so `via` is dropped. */
export function botItem(delivered: DeliveredMessage): ChatItem {
  return { id: `bot-${delivered.seq}`, chat: delivered.to, from: 'bot', at: delivered.at, message: delivered.message };
}
