/**
 * The 「ひとつ前に戻る」 button under a question (docs/office-rules.md §15): shown exactly where
 * 「戻る」 leads somewhere, and tapping it goes where typing 「戻る」 goes. The question is rendered
 * as the person reads it and the button's own data is sent back through the machine.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveBookingFacts } from '../../machines/booking/types.js';
import { actionsIn } from '../../src/line/message-actions.js';
import type { LineAction, LineMessage } from '../../src/line/message-types.js';
import { renderQuestion } from '../../src/messages/questions.js';
import { PREVIOUS } from '../machines/candidates.js';
import {
  agreedFacts,
  BOOKING_QUESTIONS,
  Chat,
  chatAt,
  chatAtReview,
  EXPECTED_DRAFT,
  NOW,
  onRecordFacts,
} from '../machines/fixtures.js';

const BACK = 'ひとつ前に戻る';

function shown(chat: Chat): LineMessage[] {
  const question = chat.state;
  if (question === 'idle') throw new Error('no question in idle');
  return renderQuestion({ question, context: chat.context, facts: chat.facts, now: NOW });
}

function backButton(chat: Chat): LineAction | undefined {
  return shown(chat)
    .flatMap((m) => actionsIn(m))
    .find((a) => a.label === BACK);
}

/** A copy of the chat to try something on. */
const copy = (chat: Chat) => new Chat(chat.facts, chat.now, chat.snapshot);

/** A confirmed session far enough ahead to be changed. */
const confirmed: ActiveBookingFacts = {
  id: 'b-1',
  status: 'confirmed',
  draft: EXPECTED_DRAFT as ActiveBookingFacts['draft'],
  sessionDate: '2026-12-10',
  confirmedDate: '2026-12-10',
  confirmedMinutes: 600,
};
const changing = () => new Chat(agreedFacts({ hasActiveBooking: true, activeBooking: confirmed })).say('予約変更');

/** Every question of a new booking after the terms (the edit menu comes below, reached from the review). */
/** New terms published while the person edited: they are asked again at submit (docs/office-rules.md §13). */
function termsAgainAfterEdit(): Chat {
  const chat = chatAtReview().tap('edit').tap('phone').say('090-1111-2222');
  chat.facts = { ...chat.facts, termsVersion: '2099-01-01' };
  return chat.tap('submit');
}

const returningAtKind = () => new Chat(onRecordFacts({ previous: PREVIOUS })).say('予約する').tap('change');

const NEW_BOOKING = BOOKING_QUESTIONS.filter((q) => q !== 'terms' && q !== 'editMenu');

const CASES: Array<[string, () => Chat]> = [
  ...NEW_BOOKING.map((q): [string, () => Chat] => [`a new booking at ${q}`, () => chatAt(q)]),
  ['editing the phone from the review', () => chatAtReview().tap('edit').tap('phone')],
  ['the edit menu (its own 「戻る」 is an answer)', () => chatAtReview().tap('edit')],
  ['the edit menu again after an edit', () => chatAtReview().tap('edit').tap('phone').say('090-1111-2222').tap('edit')],
  ['the review card again after an edit', () => chatAtReview().tap('edit').tap('phone').say('090-1111-2222')],
  ['the terms asked again at submit after an edit', termsAgainAfterEdit],
  ['a returning person at the kind, changing their details of before', returningAtKind],
  ['an immediate session at its name', () => new Chat(onRecordFacts({ immediate: { open: true } })).say('今すぐ相談')],
  ['a change of times at its first date', changing],
  ['a change of times at its first time', () => changing().tap('d:2026-12-08')],
];

describe('「ひとつ前に戻る」 under a question', () => {
  it.each(CASES)('%s: shown exactly where 「戻る」 goes back, and going where it goes', (_, start) => {
    const chat = start();
    const asked = chat.state;
    const button = backButton(chat);
    const typed = copy(chat).say('戻る');
    const wentBack = typed.noticeKeys.includes('wentBack');
    expect(button !== undefined).toBe(wentBack);
    if (!button) return;
    expect(button.type).toBe('postback');
    const tapped = copy(chat);
    expect(tapped.input({ type: 'postback', data: (button as { data: string }).data })).toBe('BACK');
    expect(tapped.state).toBe(typed.state);
    expect(tapped.state).not.toBe(asked);
    expect(tapped.draft).toEqual(typed.draft);
    expect(tapped.noticeKeys).toEqual(['wentBack']);
  });

  it('is absent at the first question of a booking, present at the next ones', () => {
    expect(backButton(chatAt('registered'))).toBeUndefined();
    expect(backButton(chatAt('kind'))).toBeDefined();
  });

  it('turns a typed question into a card, the button a link below its words', () => {
    const [card] = shown(chatAt('phone'));
    expect(card?.type).toBe('flex');
    const footer = card?.type === 'flex' && card.contents.type === 'bubble' ? card.contents.footer : undefined;
    expect(footer?.contents).toEqual([expect.objectContaining({ type: 'button', style: 'link' })]);
    expect(JSON.stringify(card)).toContain('電話番号を入力してください');
  });

  it('left on an older card is stale: it takes nobody back from a later question', () => {
    const chat = chatAt('email');
    const old = backButton(chat)!;
    chat.say('hanako@example.jp');
    expect(chat.state).toBe('phone');
    expect(chat.input({ type: 'postback', data: (old as { data: string }).data })).toBe('STALE');
    expect(chat.state).toBe('phone');
    expect(chat.noticeKeys).toEqual(['stale']);
  });

  it.each([
    ['an unknown question', (turn: number) => `b=nowhere&t=${turn}`],
    ['no turn', () => 'b=phone'],
    ['another question at this turn', (turn: number) => `b=name&t=${turn}`],
  ])('forged with %s, is a stale button', (_, data) => {
    const chat = chatAt('phone');
    expect(chat.input({ type: 'postback', data: data(chat.turn) })).toBe('STALE');
    expect(chat.state).toBe('phone');
  });

  it('is never on the review or the terms: nothing comes before them, even after an edit', () => {
    for (const chat of [chatAtReview().tap('edit').tap('phone').say('090-1111-2222'), termsAgainAfterEdit()]) {
      expect(['review', 'terms']).toContain(chat.state);
      expect(backButton(chat)).toBeUndefined();
      expect(copy(chat).say('戻る').noticeKeys).toEqual(['cannotGoBack']);
    }
  });

  it('takes a returning person from the kind back to the card of their details, not to questions they were spared', () => {
    const chat = returningAtKind();
    expect(chat.state).toBe('kind');
    chat.input({ type: 'postback', data: (backButton(chat) as { data: string }).data });
    expect(chat.state).toBe('previousDetails');
  });
});
