import type { DeliveredMessage } from '../line/fake-line-platform.js';
import { botItem, type ChatItem } from './chat-item.js';

/**
 * What the simulated people said. LINE's side of each chat is already in the fake platform's
 * delivery log; this keeps only the other side, with the log position at the time it was said,
 * so the two merge into the order things happened even when the clock is moved.
 */
export interface Transcript {
  record(entry: {
    chat: string;
    senderId: string;
    senderName: string;
    text: string;
    at: number;
    afterSeq: number;
  }): ChatItem;
  /** Both sides of one chat, oldest first. */
  history(chat: string, delivered: readonly DeliveredMessage[]): ChatItem[];
}

interface Said {
  item: ChatItem;
  /** Number of messages the platform had delivered when this was said. */
  afterSeq: number;
}

/** Old bubbles beyond this are forgotten, so a demo left running for weeks stays small. */
const MAX_ENTRIES = 5000;

export function createTranscript(): Transcript {
  const said: Said[] = [];
  let counter = 0;
  return {
    record({ chat, senderId, senderName, text, at, afterSeq }) {
      counter += 1;
      const item: ChatItem = {
        id: `me-${counter}`,
        chat,
        from: 'person',
        senderId,
        senderName,
        at,
        message: { type: 'text', text },
      };
      said.push({ item, afterSeq });
      if (said.length > MAX_ENTRIES) said.splice(0, said.length - MAX_ENTRIES);
      return item;
    },
    history(chat, delivered) {
      const mine = said.filter((s) => s.item.chat === chat);
      const theirs = delivered.filter((d) => d.to === chat).sort((a, b) => a.seq - b.seq);
      const merged: ChatItem[] = [];
      let i = 0;
      for (const d of theirs) {
        while (i < mine.length && mine[i]!.afterSeq < d.seq) merged.push(mine[i++]!.item);
        merged.push(botItem(d));
      }
      while (i < mine.length) merged.push(mine[i++]!.item);
      return merged;
    },
  };
}
