import { describe, expect, it } from 'vitest';
import { readableTextOf } from '../../src/line/message-text.js';
import { infoCard, paragraph, row, text } from '../../src/messages/building-blocks.js';

describe('the words a person read in a message', () => {
  it('reads a text message as its text', () => {
    expect(readableTextOf(text('こんにちは'))).toBe('こんにちは');
  });

  it("reads a card's texts in order and its buttons' labels, not their data", () => {
    const card = infoCard(
      'お知らせ',
      '予約のご案内',
      [row('日時', '12月3日(木) 10:00'), paragraph('よろしくお願いします')],
      [{ type: 'postback', label: '予約確認', data: 'c=check' }],
    );
    const read = readableTextOf(card);
    for (const shown of ['予約のご案内', '日時', '12月3日(木)', 'よろしくお願いします', '［予約確認］'])
      expect(read).toContain(shown);
    expect(read).not.toContain('c=check');
    expect(read.indexOf('予約のご案内')).toBeLessThan(read.indexOf('よろしくお願いします'));
  });

  it('reads anything else without throwing', () => {
    for (const odd of [null, undefined, 42, 'text', [], {}, { altText: '代わりの文' }, { contents: [{ text: 1 }] }])
      expect(typeof readableTextOf(odd)).toBe('string');
    expect(readableTextOf({ type: 'flex', altText: '代わりの文', contents: {} })).toBe('代わりの文');
  });
});
