import { describe, expect, it } from 'vitest';
import {
  TERMS_VERSION,
  EXPECTED_DRAFT,
  FIRST,
  SECOND,
  chatAtReview,
  makeFacts,
  withFullSlots,
  type Chat,
  worded,
} from './fixtures.js';

/** From the review card, opens the edit menu and picks `item`. */
function edit(item: string): Chat {
  const chat = chatAtReview().tap('edit');
  expect(chat.state).toBe('editMenu');
  return chat.tap(item);
}

describe('fixing one item from the review card keeps the rest', () => {
  it('opens the edit menu as a new question', () => {
    const chat = chatAtReview();
    const turn = chat.turn;
    chat.tap('edit');
    expect(chat.state).toBe('editMenu');
    expect(chat.turn).toBe(turn + 1);
    expect(chat.draft).toEqual(EXPECTED_DRAFT);
  });

  it('changes the e-mail address and returns to the review', () => {
    const chat = edit('email');
    expect(chat.state).toBe('email');
    expect(chat.context.editing).toBe(true);
    chat.say('taro@example.jp');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, email: 'taro@example.jp' });
  });

  it('re-asks a refused value while editing, then returns to the review', () => {
    const chat = edit('name').say('02010').say('青森 太郎');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, name: '青森 太郎' });
  });

  it.each([
    ['app', (c: Chat) => c.tap('teleoffice'), { app: 'teleoffice' }],
    ['jobSeekerNumber', (c: Chat) => c.say('02010-00000001'), { jobSeekerNumber: '02010-00000001' }],
    ['phone', (c: Chat) => c.say('017-776-1561'), { phone: '0177761561' }],
    // 「同席します」 asks who attends before the review comes back.
    ['interpreter', (c: Chat) => c.tap('yes').tap('c_helper'), { interpreter: true, companion: 'helper' }],
  ] as const)('changes %s and returns to the review', (item, answer, change) => {
    const chat = answer(edit(item));
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, ...change });
  });

  it('warns about a non-Aomori job-seeker number while editing too', () => {
    const chat = edit('jobSeekerNumber').say('13010-12345678');
    expect(chat.state).toBe('review');
    expect(chat.noticeKeys).toEqual(['jobSeekerNumberNotAomori']);
  });

  it('keeps both choices when the kind is "changed" to the same kind', () => {
    const chat = edit('kind').tap('regular');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual(EXPECTED_DRAFT);
  });

  it('asks both choices again when the kind changes, then returns to the review', () => {
    const chat = edit('kind').tap('mothers');
    expect(chat.state).toBe('choice1Date');
    expect(chat.noticeKeys).toEqual(['choicesChanged']);
    expect(chat.draft.choice1).toBeUndefined();
    expect(chat.draft.choice2).toBeUndefined();
    expect(chat.draft.kind).toBe('mothers');
    chat.tap('d:2026-12-03').tap('t:660');
    expect(chat.state).toBe('choice2Date');
    chat.tap('d:2026-12-08').tap('t:810');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({
      ...EXPECTED_DRAFT,
      kind: 'mothers',
      choice1: { date: '2026-12-03', minutes: 660 },
      choice2: { date: '2026-12-08', minutes: 810 },
    });
  });

  it('returns to the review when the new first choice differs from the second', () => {
    const chat = edit('choice1');
    expect(chat.state).toBe('choice1Date');
    chat.tap('d:2026-12-04').tap('t:600');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, choice1: { date: '2026-12-04', minutes: 600 } });
  });

  it('asks the second choice again when the new first choice equals it', () => {
    const chat = edit('choice1').say('12/3 10:30');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual(SECOND);
    chat.say('12/3 10:30');
    expect(chat.state).toBe('choice2Date'); // still the same as the (new) first
    chat.say('12/4 11:00');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, choice1: SECOND, choice2: { date: '2026-12-04', minutes: 660 } });
  });

  it('changes the second choice and returns to the review', () => {
    const chat = edit('choice2').tap('d:2026-12-07').tap('t:840');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, choice2: { date: '2026-12-07', minutes: 840 } });
  });

  it('goes back to the review unchanged', () => {
    const chat = edit('back');
    expect(chat.state).toBe('review');
    expect(chat.context.editing).toBe(false);
    expect(chat.draft).toEqual(EXPECTED_DRAFT);
  });

  it('understands the edit menu typed', () => {
    const chat = chatAtReview().say('修正').say('メール');
    expect(chat.state).toBe('email');
  });

  it('submits the edited draft', () => {
    const chat = edit('email').say('taro@example.jp').tap('submit');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'submitRequest', draft: { ...EXPECTED_DRAFT, email: 'taro@example.jp' } }]);
  });

  it('forgets the edit when the user stops half-way', () => {
    const chat = edit('email').say('やめる');
    expect(chat.state).toBe('idle');
    expect(chat.context.editing).toBe(false);
    expect(chat.draft).toEqual({});
  });
});

describe('submitting re-checks both choices', () => {
  it('asks the first choice again when its slot was taken meanwhile, then returns to the review', () => {
    const chat = chatAtReview();
    chat.tap('submit', { facts: withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', [FIRST]) });
    expect(chat.state).toBe('choice1Date');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    expect(worded(chat.notices[0])).toContain('すでに埋まって');
    expect(chat.effects).toEqual([]);
    chat.tap('d:2026-12-04').tap('t:600');
    expect(chat.state).toBe('review');
    chat.tap('submit');
    expect(chat.effects).toEqual([
      { effect: 'submitRequest', draft: { ...EXPECTED_DRAFT, choice1: { date: '2026-12-04', minutes: 600 } } },
    ]);
  });

  it('asks the second choice again when its slot was taken meanwhile', () => {
    const chat = chatAtReview();
    chat.say('申し込む', {
      facts: withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', [SECOND]),
    });
    expect(chat.state).toBe('choice2Date');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    chat.tap('d:2026-12-04').tap('t:630');
    expect(chat.state).toBe('review');
    expect(chat.draft).toEqual({ ...EXPECTED_DRAFT, choice2: { date: '2026-12-04', minutes: 630 } });
  });

  it('asks again when the office closed for the day since the choice was picked (lead time passed)', () => {
    const chat = chatAtReview();
    // Tuesday 17:16 in Japan: the request now counts as received on Wednesday, so Thursday is too soon.
    chat.tap('submit', { now: '2026-12-01T08:16:00.000Z' });
    expect(chat.state).toBe('choice1Date');
    expect(worded(chat.notices[0])).toContain('12月4日(金)以降');
  });
});

describe('returning to the review rechecks both choices (usability review M7)', () => {
  // Tuesday 17:16 in Japan: both choices on Thursday 12/3 became too soon with the same deadline.
  const afterClosing = '2026-12-01T08:16:00.000Z';

  it('asks the second choice again when it expired with the first, instead of showing it on the review card', () => {
    const chat = chatAtReview();
    chat.tap('submit', { now: afterClosing });
    expect(chat.state).toBe('choice1Date');
    expect(chat.notices[0]?.params?.choice).toBe(1);
    chat.say('12/7 10:00', { now: afterClosing });
    expect(chat.state).toBe('choice2Date');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    expect(chat.notices[0]?.params?.choice).toBe(2);
    expect(worded(chat.notices[0])).toContain('12月3日(木)のご予約は12月1日(火) 17:15までに');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-07', minutes: 600 });
    chat.say('12/7 10:30', { now: afterClosing });
    expect(chat.state).toBe('review');
    chat.tap('submit', { now: afterClosing });
    expect(chat.effects).toEqual([
      {
        effect: 'submitRequest',
        draft: {
          ...EXPECTED_DRAFT,
          choice1: { date: '2026-12-07', minutes: 600 },
          choice2: { date: '2026-12-07', minutes: 630 },
        },
      },
    ]);
  });

  it('asks the first choice again when it was taken while the second was being fixed', () => {
    const facts = makeFacts({ agreedTermsVersion: TERMS_VERSION });
    const chat = chatAtReview(facts);
    chat.tap('submit', { facts: withFullSlots(facts, 'regular', [SECOND]) });
    expect(chat.state).toBe('choice2Date');
    chat.say('12/4 10:30', { facts: withFullSlots(facts, 'regular', [FIRST, SECOND]) });
    expect(chat.state).toBe('choice1Date');
    expect(chat.notices[0]?.params?.choice).toBe(1);
    expect(worded(chat.notices[0])).toContain('すでに埋まって');
    expect(chat.draft.choice2).toEqual({ date: '2026-12-04', minutes: 630 });
  });

  it('says why when a new first choice equals the second', () => {
    const chat = chatAtReview().tap('edit').tap('choice1').say('12/3 10:30');
    expect(chat.state).toBe('choice2Date');
    expect(worded(chat.notices[0])).toContain('第1希望と同じ日時です');
  });

  it('returns to the review at once when both still hold', () => {
    const chat = chatAtReview().tap('edit').tap('choice2').say('12/4 10:00');
    expect(chat.state).toBe('review');
    expect(chat.noticeKeys).toEqual([]);
  });
});
