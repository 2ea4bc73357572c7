import { describe, expect, it } from 'vitest';
import { Chat, EXPECTED_DRAFT, FIRST, SECOND, chatAt, chatAtKind, makeFacts } from './fixtures.js';

describe('a whole booking by buttons', () => {
  it('asks every question in order and submits the complete draft once', () => {
    const chat = new Chat(makeFacts());
    const steps: Array<[string, (c: Chat) => unknown]> = [
      ['terms', (c) => c.input({ type: 'follow' })],
      ['registered', (c) => c.tap('agree')],
      ['target', (c) => c.tap('yes')],
      ['device', (c) => c.tap('treatment')],
      ['continuing', (c) => c.tap('yes')],
      ['checklist', (c) => c.tap('yes')],
      ['kind', (c) => c.tap('ok')],
      ['app', (c) => c.tap('regular')],
      ['name', (c) => c.tap('zoom')],
      ['jobSeekerNumber', (c) => c.say('青森 花子')],
      ['choice1Date', (c) => c.say('02010-12345678')],
      ['choice1Time', (c) => c.tap(`d:${FIRST.date}`)],
      ['choice2Date', (c) => c.tap(`t:${FIRST.minutes}`)],
      ['choice2Time', (c) => c.tap(`d:${SECOND.date}`)],
      ['email', (c) => c.tap(`t:${SECOND.minutes}`)],
      ['phone', (c) => c.say('hanako@example.jp')],
      ['interpreter', (c) => c.say('090-1234-5678')],
      ['review', (c) => c.tap('no')],
    ];
    for (const [expected, act] of steps) {
      act(chat);
      expect(chat.state).toBe(expected); // the state reached after each answer
    }
    expect(chat.context.greeted).toBe(true);
    expect(chat.draft).toEqual(EXPECTED_DRAFT);

    chat.tap('submit');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'submitRequest', draft: EXPECTED_DRAFT }]);
    expect(chat.draft).toEqual({});
    expect(chat.context.editing).toBe(false);
  });

  it('tells a Zoom user that Zoom has its own terms, and a TeleOffice user nothing extra', () => {
    expect(chatAtKind().tap('regular').tap('zoom').noticeKeys).toEqual(['zoomTerms']);
    expect(chatAtKind().tap('regular').tap('teleoffice').noticeKeys).toEqual([]);
    expect(chatAtKind().tap('regular').tap('teleoffice').draft.app).toBe('teleoffice');
  });

  it('records an interpreter or helper attending', () => {
    // Who attends is asked next (docs/office-rules.md §9), then the review.
    const chat = chatAt('interpreter').tap('yes');
    expect(chat.state).toBe('interpreter');
    chat.tap('c_helper');
    expect(chat.state).toBe('review');
    expect(chat.draft).toMatchObject({ interpreter: true, companion: 'helper' });
  });

  it('offers another day from the time question and forgets the date picked', () => {
    const chat = chatAt('choice1Time');
    expect(chat.draft.pendingDate).toBe(FIRST.date);
    chat.tap('other_day');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft.pendingDate).toBeUndefined();
    chat.tap('d:2026-12-04').tap('t:840');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-04', minutes: 840 });
  });

  it('accepts dates and times from the date-time picker', () => {
    const chat = chatAt('choice1Date');
    chat.pick({ date: '2026-12-03' });
    expect(chat.state).toBe('choice1Time');
    chat.tap('t:600');
    expect(chat.state).toBe('choice2Date');
    chat.pick({ datetime: '2026-12-04T13:30' });
    expect(chat.state).toBe('email');
    expect(chat.draft).toMatchObject({ choice1: FIRST, choice2: { date: '2026-12-04', minutes: 810 } });
  });

  it("books the Mothers' Corner on its days and starts only", () => {
    const chat = chatAtKind().tap('mothers').tap('teleoffice').say('青森 花子').say('02010-12345678');
    chat.tap('d:2026-12-03').tap('t:660');
    chat.tap('d:2026-12-08').tap('t:810');
    expect(chat.state).toBe('email');
    expect(chat.draft).toMatchObject({
      kind: 'mothers',
      choice1: { date: '2026-12-03', minutes: 660 },
      choice2: { date: '2026-12-08', minutes: 810 },
    });
  });
});

describe('a whole booking by typing only', () => {
  it('reads option labels and aliases, full-width input and dates as typed', () => {
    const chat = new Chat(makeFacts());
    const typed: Array<[string, string]> = [
      ['こんにちは', 'terms'], // a new friend's first words start the booking
      ['同意します', 'registered'],
      ['はい', 'target'],
      ['療養中', 'device'],
      ['持っています', 'continuing'],
      ['希望します', 'checklist'],
      ['確認しました', 'kind'],
      ['一般', 'app'],
      ['ズーム', 'name'],
      ['青森　花子', 'jobSeekerNumber'],
      ['０２０１０ー１２３４５６７８', 'choice1Date'],
      ['12/3', 'choice1Time'],
      ['10:00', 'choice2Date'],
      ['12月3日(木)10:30', 'email'],
      ['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'phone'],
      ['０９０ー１２３４ー５６７８', 'interpreter'],
      ['なし', 'review'],
    ];
    const events: Array<string | undefined> = [];
    for (const [text, expected] of typed) {
      events.push(chat.input({ type: 'text', text }));
      expect(chat.state, `after typing ${text}`).toBe(expected);
    }
    expect(events[0]).toBe('START');
    expect(events.slice(1).every((e) => e === 'ANSWER')).toBe(true);
    expect(chat.draft).toEqual(EXPECTED_DRAFT);
    chat.say('申し込む');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'submitRequest', draft: EXPECTED_DRAFT }]);
  });

  it('takes a date and time typed together as the whole choice', () => {
    const chat = chatAt('choice1Date').say('12月3日 午前10時');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual(FIRST);
    chat.say('2026-12-03 10:30');
    expect(chat.state).toBe('email');
    expect(chat.draft.choice2).toEqual(SECOND);
  });

  it('answers typed numbers for numbered options', () => {
    const chat = chatAtKind().say('2');
    expect(chat.state).toBe('app');
    expect(chat.draft.kind).toBe('mothers');
  });
});
