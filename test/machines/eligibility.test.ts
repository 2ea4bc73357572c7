import { describe, expect, it } from 'vitest';
import type { ConversationState, NoticeKey } from '../../machines/booking/types.js';
import { Chat, chatAt, makeFacts } from './fixtures.js';

const ENDINGS: Array<{ state: ConversationState; value: string; typed: string; notice: NoticeKey }> = [
  { state: 'terms', value: 'decline', typed: '同意しない', notice: 'termsDeclined' },
  { state: 'registered', value: 'no', typed: 'まだ', notice: 'notRegistered' },
  { state: 'target', value: 'none', typed: 'どれにも当てはまらない', notice: 'notTargetGroup' },
  { state: 'device', value: 'no', typed: '持っていない', notice: 'noDevice' },
  { state: 'continuing', value: 'no', typed: '希望しない', notice: 'notContinuing' },
  { state: 'checklist', value: 'not_ready', typed: '準備できていない', notice: 'checklistNotReady' },
];

describe('a person who does not qualify is told why and the conversation ends', () => {
  it.each(ENDINGS)('$state: button $value -> $notice', ({ state, value, notice }) => {
    const chat = chatAt(state).tap(value);
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual([notice]);
    expect(chat.effects).toEqual([]);
    expect(chat.draft).toEqual({});
  });

  it.each(ENDINGS)('$state: typed $typed -> $notice', ({ state, typed, notice }) => {
    const chat = chatAt(state).say(typed);
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual([notice]);
  });

  it('lets the person start again later', () => {
    const chat = chatAt('registered').tap('no');
    chat.say('予約');
    expect(chat.state).not.toBe('idle');
    expect(chat.draft).toEqual({});
  });

  it('does not record consent when the terms are declined', () => {
    const chat = new Chat(makeFacts());
    chat.input({ type: 'follow' });
    chat.tap('decline');
    expect(chat.allActions.filter((a) => a.type === 'effect')).toEqual([]);
  });
});

describe('every target group qualifies', () => {
  it.each(['treatment', 'illness', 'mothers', 'difficult'])('%s', (value) => {
    expect(chatAt('target').tap(value).state).toBe('device');
  });
});
