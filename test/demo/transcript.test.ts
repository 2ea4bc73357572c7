import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src/line/fake-line-platform.js';
import { createTranscript } from '../../src/demo/transcript.js';

const bot = (seq: number, to: string, text: string): DeliveredMessage => ({
  seq,
  messageId: String(seq),
  via: 'reply',
  to,
  message: { type: 'text', text },
  at: 1000 + seq,
});

describe('the transcript', () => {
  it('merges what the person said with what the bot delivered, in the order it happened', () => {
    const t = createTranscript();
    const delivered = [
      bot(1, 'U1', 'ようこそ'),
      bot(2, 'U2', 'ほかの人'),
      bot(3, 'U1', '次の質問'),
      bot(4, 'U1', '続き'),
    ];
    t.record({ chat: 'U1', senderId: 'U1', senderName: 'A', text: '最初', at: 0, afterSeq: 0 });
    t.record({ chat: 'U1', senderId: 'U1', senderName: 'A', text: '答え', at: 5000, afterSeq: 2 });
    t.record({ chat: 'U1', senderId: 'U1', senderName: 'A', text: '最後', at: 9000, afterSeq: 4 });
    const order = t.history('U1', delivered).map((i) => String(i.message.text));
    expect(order).toEqual(['最初', 'ようこそ', '答え', '次の質問', '続き', '最後']);
  });

  it('keeps each chat to itself and gives every item its own id', () => {
    const t = createTranscript();
    const a = t.record({ chat: 'U1', senderId: 'U1', senderName: 'A', text: 'a', at: 0, afterSeq: 0 });
    const b = t.record({ chat: 'U2', senderId: 'U2', senderName: 'B', text: 'b', at: 0, afterSeq: 0 });
    expect(a.id).not.toBe(b.id);
    expect(t.history('U2', [bot(1, 'U1', 'x')]).map((i) => i.message.text)).toEqual(['b']);
  });
});
