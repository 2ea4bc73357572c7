/**
 * Terms 6(2)③: preferred times 「第2希望まで」, so the second is optional (docs/office-rules.md §9).
 * After the first choice, the second-choice question takes 「第2希望はなし」 by button or typed,
 * and the request is submitted with the first choice alone.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveBookingFacts, ConversationFacts } from '../../machines/booking/types.js';
import {
  EXPECTED_DRAFT,
  FIRST,
  SECOND,
  TERMS_VERSION,
  agreedFacts,
  chatAt,
  chatAtReview,
  makeFacts,
  withFullSlots,
  Chat,
} from './fixtures.js';

const ONE_CHOICE = { ...EXPECTED_DRAFT, choice2: null };

/** From the second-choice question, the rest of the booking answered as in the happy path. */
function finish(chat: Chat): Chat {
  expect(chat.state).toBe('email');
  return chat.say('hanako@example.jp').say('090-1234-5678').tap('no');
}

describe('「第2希望はなし」 at the second choice', () => {
  it('by button: goes on to the e-mail, then submits a request with the first choice alone', () => {
    const chat = chatAt('choice2Date').tap('none');
    expect(chat.draft.choice1).toEqual(FIRST);
    expect(chat.draft.choice2).toBeNull();
    expect(finish(chat).state).toBe('review');
    chat.tap('submit');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'submitRequest', draft: ONE_CHOICE }]);
  });

  it.each(['なし', 'ありません', '第2希望はなし', '第２希望はなし', 'なし。'])(
    'typed %s at the date question',
    (typed) => {
      const chat = chatAt('choice2Date').say(typed);
      expect(chat.notices).toEqual([]);
      expect(finish(chat).state).toBe('review');
      expect(chat.draft).toEqual(ONE_CHOICE);
    },
  );

  it('typed at the time question after a date was picked: the picked date is dropped', () => {
    const chat = chatAt('choice2Time');
    expect(chat.draft.pendingDate).toBe(SECOND.date);
    chat.say('第2希望はなし');
    expect(chat.draft).not.toHaveProperty('pendingDate');
    expect(finish(chat).draft).toEqual(ONE_CHOICE);
  });

  it('is no answer to the first choice: the first is always asked for', () => {
    const byButton = chatAt('choice1Date').tap('none');
    expect(byButton.state).toBe('choice1Date');
    expect(byButton.noticeKeys).toEqual(['invalidChoice']);
    const typed = chatAt('choice1Date').say('なし');
    expect(typed.state).toBe('choice1Date');
    expect(typed.draft.choice1).toBeUndefined();
  });

  it('a second choice can still be given as before', () => {
    const chat = chatAt('choice2Date').tap(`d:${SECOND.date}`).tap(`t:${SECOND.minutes}`);
    expect(finish(chat).draft).toEqual(EXPECTED_DRAFT);
  });
});

/** The review card of a request with one choice. */
function reviewWithOneChoice(): Chat {
  const chat = finish(chatAt('choice2Date').tap('none'));
  expect(chat.state).toBe('review');
  return chat;
}

describe('the review card of a request with one choice', () => {
  it('adds a second choice from the edit menu, and returns to the review', () => {
    const chat = reviewWithOneChoice().tap('edit').tap('choice2');
    expect(chat.state).toBe('choice2Date');
    chat.tap(`d:${SECOND.date}`).tap(`t:${SECOND.minutes}`);
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual(EXPECTED_DRAFT);
  });

  it('drops a second choice given before, from the edit menu', () => {
    const chat = chatAtReview().tap('edit').tap('choice2').tap('none');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual(ONE_CHOICE);
  });

  it('changing the first choice returns to the review without asking for a second', () => {
    const chat = reviewWithOneChoice().tap('edit').tap('choice1');
    chat.tap('d:2026-12-04').tap('t:600');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...ONE_CHOICE, choice1: { date: '2026-12-04', minutes: 600 } });
  });

  it('at submit, rechecks the first choice alone: a taken first is asked again, then the review', () => {
    const facts = withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', [FIRST]);
    const chat = reviewWithOneChoice().tap('submit', { facts });
    expect(chat.state).toBe('choice1Date');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    chat.tap('d:2026-12-04', { facts }).tap('t:600', { facts });
    expect(chat.state).toBe('review');
    chat.tap('submit', { facts });
    expect(chat.effects).toEqual([
      { effect: 'submitRequest', draft: { ...ONE_CHOICE, choice1: { date: '2026-12-04', minutes: 600 } } },
    ]);
  });
});

describe('changing a booking made with one choice', () => {
  const booking: ActiveBookingFacts = {
    id: 'b-1',
    status: 'requested',
    draft: { ...(EXPECTED_DRAFT as ActiveBookingFacts['draft']), choice2: null },
    sessionDate: FIRST.date,
  };
  const facts: ConversationFacts = agreedFacts({ hasActiveBooking: true, activeBooking: booking });

  it('asks both times again and takes 「第2希望はなし」 for the second', () => {
    const chat = new Chat(facts).say('予約変更');
    expect(chat.state).toBe('choice1Date');
    chat.tap('d:2026-12-04').tap('t:600');
    expect(chat.state).toBe('choice2Date');
    chat.say('なし');
    expect(chat.state).toBe('review');
    chat.tap('submit');
    expect(chat.effects).toEqual([
      { effect: 'submitChange', draft: { ...ONE_CHOICE, choice1: { date: '2026-12-04', minutes: 600 } } },
    ]);
  });
});
