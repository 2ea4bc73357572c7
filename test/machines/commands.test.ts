import { describe, expect, it } from 'vitest';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationState } from '../../machines/booking/types.js';
import { BOOKING_QUESTIONS, Chat, EXPECTED_DRAFT, agreedFacts, chatAt, chatAtReview, makeFacts } from './fixtures.js';

describe('commands work at every question', () => {
  it.each(BOOKING_QUESTIONS)('「やめる」 at %s stops and forgets the draft', (q) => {
    const chat = chatAt(q);
    expect(chat.input({ type: 'text', text: 'やめる' })).toBe('CANCEL');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['cancelled']);
    expect(chat.draft).toEqual({});
    expect(chat.context.editing).toBe(false);
  });

  it.each(BOOKING_QUESTIONS)('「最初から」 at %s begins again after the terms already agreed to', (q) => {
    const chat = chatAt(q);
    const turn = chat.turn;
    expect(chat.input({ type: 'text', text: '最初から' })).toBe('RESTART');
    expect(chat.state).toBe(q === 'terms' ? 'terms' : 'registered');
    expect(chat.noticeKeys).toEqual(['restarted']);
    expect(chat.draft).toEqual({});
    expect(chat.turn).toBe(turn + 1);
  });

  it.each(['やり直し', 'やりなおし', 'やり直す'])(
    '「%s」 at the name question begins again, and is not taken as a name',
    (typed) => {
      const chat = chatAt('name', agreedFacts());
      expect(chat.input({ type: 'text', text: typed })).toBe('RESTART');
      expect(chat.draft.name).toBeUndefined();
    },
  );

  it('「終了」 at the name question stops the input, as 「やめる」 does', () => {
    const chat = chatAt('name');
    expect(chat.input({ type: 'text', text: '終了' })).toBe('CANCEL');
    expect(chat.state).toBe('idle');
  });

  it.each(BOOKING_QUESTIONS)('「ヘルプ」 at %s helps and keeps the question', (q) => {
    const chat = chatAt(q);
    const before = { turn: chat.turn, draft: chat.draft };
    expect(chat.input({ type: 'text', text: 'ヘルプ' })).toBe('HELP');
    expect(chat.state).toBe(q);
    expect(chat.noticeKeys).toEqual(['help']);
    expect({ turn: chat.turn, draft: chat.draft }).toEqual(before);
  });

  it.each(BOOKING_QUESTIONS)('a stale button at %s is answered "no longer valid" and keeps the question', (q) => {
    const chat = chatAt(q);
    const before = { turn: chat.turn, draft: chat.draft };
    expect(chat.input({ type: 'postback', data: chat.postbackData('yes', q, chat.turn - 1) })).toBe('STALE');
    expect(chat.state).toBe(q);
    expect(chat.noticeKeys).toEqual(['stale']);
    expect({ turn: chat.turn, draft: chat.draft }).toEqual(before);
  });

  it('restarts a user who agreed to the current terms at the first eligibility question', () => {
    const chat = chatAt('email', agreedFacts()).say('最初から');
    expect(chat.state).toBe('registered');
    expect(chat.noticeKeys).toEqual(['restarted']);
  });

  it('shows the active booking instead of restarting', () => {
    const chat = chatAt('email');
    chat.say('最初から', { facts: makeFacts({ hasActiveBooking: true }) });
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'showActiveBooking', draft: {} }]);
  });

  it('reads commands typed in full-width or mixed case', () => {
    const chat = chatAt('name');
    expect(chat.input({ type: 'text', text: 'ＨＥＬＰ' })).toBe('HELP');
    expect(chat.input({ type: 'text', text: ' やめる ' })).toBe('CANCEL');
  });

  it('takes command buttons (rich menu) as commands', () => {
    const chat = chatAt('phone');
    expect(chat.input({ type: 'postback', data: encodePostback({ kind: 'command', command: 'cancel' }) })).toBe(
      'CANCEL',
    );
    expect(chat.state).toBe('idle');
  });

  it('has nothing to cancel when idle', () => {
    const chat = new Chat(makeFacts());
    chat.input({ type: 'follow' });
    chat.say('やめる');
    chat.say('やめる');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['nothingToCancel']);
  });

  it('says a booking is in progress when asked to start again mid-way', () => {
    const chat = chatAt('choice2Date');
    const before = { turn: chat.turn, draft: chat.draft };
    expect(chat.input({ type: 'text', text: '予約する' })).toBe('START');
    expect(chat.noticeKeys).toEqual(['inProgress']);
    expect(chat.input({ type: 'follow' })).toBe('FOLLOW');
    expect(chat.noticeKeys).toEqual(['inProgress']);
    expect({ state: chat.state, turn: chat.turn, draft: chat.draft }).toEqual({ state: 'choice2Date', ...before });
  });

  it('ignores what it cannot read (stickers, images) without changing anything', () => {
    const chat = chatAt('name');
    const before = chat.snapshot;
    expect(chat.input({ type: 'other' })).toBeUndefined();
    expect(chat.snapshot).toBe(before);
  });

  it("answers a greeted user's idle chatter with the menu", () => {
    const chat = chatAt('registered').tap('no');
    chat.say('駐車場はありますか');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['idleMenu']);
  });

  it('answers thanks, greetings and acknowledgements in kind, not with "could not answer"', () => {
    const cases: [string, string][] = [
      ['ありがとうございました！', 'thanks'],
      ['ありがとう😊', 'thanks'],
      ['どうもありがとうございます。', 'thanks'],
      ['こんにちは', 'greeting'],
      ['おはようございます', 'greeting'],
      ['わかりました', 'okay'],
      ['よろしくお願いします。', 'okay'],
    ];
    for (const [text, kind] of cases) {
      const chat = chatAt('registered').tap('no');
      chat.say(text);
      expect(chat.state, text).toBe('idle');
      expect(chat.notices, text).toEqual([{ key: 'smallTalk', params: { kind, hasBooking: 0 } }]);
    }
  });

  it('does not take a sentence that merely starts with thanks for small talk', () => {
    const chat = chatAt('registered').tap('no');
    chat.say('ありがとうございます、駐車場はありますか');
    expect(chat.noticeKeys).toEqual(['idleMenu']);
  });
});

describe('stale buttons', () => {
  it('treats a button of an earlier question as stale', () => {
    const chat = chatAt('target');
    const old = chat.postbackData('yes', 'registered', chat.turn - 1);
    chat.tap('treatment');
    expect(chat.input({ type: 'postback', data: old })).toBe('STALE');
    expect(chat.state).toBe('device');
  });

  it('treats a button of the current question from an earlier turn as stale', () => {
    const chat = chatAt('choice1Date');
    const old = chat.postbackData(`d:2026-12-03`);
    chat.tap('d:2026-12-03').tap('other_day');
    expect(chat.state).toBe('choice1Date');
    expect(chat.input({ type: 'postback', data: old })).toBe('STALE');
  });

  it('keeps buttons valid after a refused answer (the same question is asked again)', () => {
    const chat = chatAt('choice1Date');
    const shown = chat.postbackData('d:2026-12-03');
    chat.say('12/5');
    expect(chat.input({ type: 'postback', data: shown })).toBe('ANSWER');
    expect(chat.state).toBe('choice1Time');
  });

  it('treats unreadable or forged postback data as stale', () => {
    const chat = chatAt('kind');
    for (const data of [
      '',
      'q=kind',
      'q=nope&t=7&v=regular',
      'c=format_disk',
      'x'.repeat(301),
      `q=kind&t=${chat.turn}.5&v=regular`,
    ]) {
      expect(chat.input({ type: 'postback', data }), data).toBe('STALE');
      expect(chat.state).toBe('kind');
    }
  });

  it('treats any answer button in idle as stale', () => {
    const chat = chatAtReview().tap('submit');
    expect(
      chat.input({
        type: 'postback',
        data: encodePostback({ kind: 'answer', question: 'review', turn: chat.turn, value: 'submit' }),
      }),
    ).toBe('STALE');
  });

  it('submits once when the submit button is tapped twice', () => {
    const chat = chatAtReview();
    const submit = chat.postbackData('submit');
    chat.input({ type: 'postback', data: submit });
    chat.input({ type: 'postback', data: submit });
    // No question is shown any more: the second tap is told the button is no longer valid.
    expect(chat.noticeKeys).toEqual(['staleIdle']);
    expect(chat.allActions.filter((a) => a.type === 'effect')).toEqual([
      { type: 'effect', params: { effect: 'recordConsent', draft: {} } },
      { type: 'effect', params: { effect: 'submitRequest', draft: EXPECTED_DRAFT } },
    ]);
  });
});

describe('starting', () => {
  it('greets a new friend with the terms', () => {
    const chat = new Chat(makeFacts());
    expect(chat.input({ type: 'follow' })).toBe('START');
    expect(chat.state).toBe('terms');
    expect(chat.context.greeted).toBe(true);
  });

  it("starts on a new friend's first words, whatever they are", () => {
    const chat = new Chat(makeFacts());
    expect(chat.input({ type: 'text', text: 'すみません' })).toBe('START');
    expect(chat.state).toBe('terms');
  });

  it('skips the terms for a user who agreed to the current version', () => {
    const chat = new Chat(agreedFacts());
    chat.input({ type: 'follow' });
    expect(chat.state).toBe('registered');
    expect(chat.noticeKeys).toEqual(['greeting']);
    expect(chat.effects).toEqual([]);
  });

  it('asks again for agreement when the terms changed since the user agreed', () => {
    const chat = new Chat(makeFacts({ agreedTermsVersion: '2020-01-01' }));
    chat.say('予約');
    expect(chat.state).toBe('terms');
  });

  it.each<[string, () => Chat]>([
    [
      'a new friend following',
      () => {
        const c = new Chat(makeFacts({ hasActiveBooking: true }));
        c.input({ type: 'follow' });
        return c;
      },
    ],
    ['a user typing 予約', () => new Chat(makeFacts({ hasActiveBooking: true })).say('予約')],
  ])('shows the active booking instead of starting a second one: %s', (_, run) => {
    const chat = run();
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'showActiveBooking', draft: {} }]);
    expect(chat.context.greeted).toBe(true);
    expect(chat.turn).toBe(0);
  });

  // BUG: machines/booking/booking-machine.ts RESTART does not run 'greet'. A new friend whose first
  // input is a command (rich-menu 「最初から」, c=restart) sees the terms card, yet `greeted` stays false;
  // after 「やめる」 any chatter ('ありがとう') is turned into START by input.ts and the whole terms card
  // is shown again instead of the idle menu. Repro: new Chat(); say('最初から'); say('やめる');
  // say('ありがとう') -> state 'terms' (expected 'idle' with notice 'idleMenu').
  it('counts a first restart as having greeted the user', () => {
    const chat = new Chat(makeFacts());
    chat.say('最初から').say('やめる').say('ありがとう');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['smallTalk']);
  });
});

describe('the turn', () => {
  it('increases exactly when a new question is asked', () => {
    const chat = new Chat(makeFacts());
    let previous: { state: ConversationState; turn: number } = { state: chat.state, turn: chat.turn };
    const check = (label: string) => {
      const newQuestion = chat.state !== previous.state && chat.state !== 'idle';
      expect(chat.turn, label).toBe(previous.turn + (newQuestion ? 1 : 0));
      previous = { state: chat.state, turn: chat.turn };
    };
    chat.input({ type: 'follow' });
    check('follow');
    for (const value of ['agree', 'yes', 'maybe', 'treatment', 'yes', 'yes', 'ok', 'regular', 'zoom']) {
      chat.tap(value);
      check(value);
    }
    for (const text of ['ヘルプ', '123', '青森 花子', '1', '02010-12345678', '12/5', '12/3', '10:15', '10:00']) {
      chat.say(text);
      check(text);
    }
    chat.input({ type: 'postback', data: 'q=terms&t=1&v=agree' });
    check('stale');
    chat.say('やめる');
    check('cancel');
    expect(chat.turn).toBe(13);
  });
});
