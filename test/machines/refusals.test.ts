import { describe, expect, it } from 'vitest';
import type { ConversationFacts, NoticeKey } from '../../machines/booking/types.js';
import { dayRefusalMessage } from '../../src/messages/refusals.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import {
  TERMS_VERSION,
  FIRST,
  SECOND,
  chatAt,
  makeCalendar,
  makeFacts,
  withFullSlots,
  worded,
  type Chat,
} from './fixtures.js';

/** Sends `act` and checks that the same question is asked again, unchanged, with one notice. */
function expectReasked(
  chat: Chat,
  act: (c: Chat) => void,
  key: NoticeKey,
): Record<string, string | number> | undefined {
  const before = { state: chat.state, turn: chat.turn, draft: chat.draft };
  act(chat);
  expect(chat.state).toBe(before.state);
  expect(chat.turn).toBe(before.turn); // same question, same buttons still valid
  expect(chat.draft).toEqual(before.draft);
  expect(chat.noticeKeys).toEqual([key]);
  expect(chat.effects).toEqual([]);
  return chat.notices[0]?.params;
}

/** A refused time is re-asked with the refusal as data; returns what the person reads of it. */
function expectSlotRefused(chat: Chat, act: (c: Chat) => void): string {
  expectReasked(chat, act, 'slotRefused');
  expect(chat.notices[0]?.slot).toBeDefined();
  return worded(chat.notices[0]);
}

describe('refused personal details are asked again', () => {
  it('refuses a name with digits', () => {
    expect(expectReasked(chatAt('name'), (c) => c.say('12345'), 'invalidName')).toEqual({ code: 'format' });
  });

  it('refuses a button where a name is to be typed', () => {
    expect(expectReasked(chatAt('name'), (c) => c.answer({ source: 'button', value: 'yes' }), 'invalidName')).toEqual({
      code: 'empty',
    });
  });

  it('refuses a malformed job-seeker number', () => {
    expect(expectReasked(chatAt('jobSeekerNumber'), (c) => c.say('1234'), 'invalidJobSeekerNumber')).toEqual({
      code: 'format',
    });
  });

  it('accepts a job-seeker number from another prefecture with a warning', () => {
    const chat = chatAt('jobSeekerNumber').say('13010-12345678');
    expect(chat.state).toBe('choice1Date');
    expect(chat.noticeKeys).toEqual(['jobSeekerNumberNotAomori']);
    expect(chat.draft.jobSeekerNumber).toBe('13010-12345678');
  });

  it('refuses a malformed e-mail address', () => {
    expect(expectReasked(chatAt('email'), (c) => c.say('hanako@'), 'invalidEmail')).toEqual({ code: 'no_domain' });
  });

  it('accepts a mobile carrier address with a note to let mail from computers through, and others without', () => {
    const carrier = chatAt('email').say('hanako@docomo.ne.jp');
    expect(carrier.state).toBe('phone');
    expect(carrier.noticeKeys).toEqual(['carrierMail']);
    expect(carrier.draft.email).toBe('hanako@docomo.ne.jp');
    const other = chatAt('email').say('hanako@example.jp');
    expect(other.state).toBe('phone');
    expect(other.noticeKeys).toEqual([]);
  });

  it('refuses a toll-free number as the registered phone', () => {
    expect(expectReasked(chatAt('phone'), (c) => c.say('0120-123-456'), 'invalidPhone')).toEqual({ code: 'toll_free' });
  });

  it('refuses words that are not a phone number', () => {
    expect(expectReasked(chatAt('phone'), (c) => c.say('携帯です'), 'invalidPhone')).toEqual({ code: 'format' });
  });
});

describe('unknown answers to a multiple-choice question are asked again', () => {
  it.each([
    ['registered', 'たぶん'],
    ['target', '6'],
    ['kind', 'オンライン'],
    ['interpreter', ''],
  ] as const)('at %s, %j', (state, text) => {
    expectReasked(chatAt(state), (c) => c.say(text), 'invalidChoice');
  });

  it('refuses a button value that the question does not have', () => {
    expectReasked(chatAt('app'), (c) => c.tap('skype'), 'invalidChoice');
  });

  it('refuses a date picked where an option is expected', () => {
    expectReasked(chatAt('kind'), (c) => c.answer({ source: 'picker', date: '2026-12-03' }), 'invalidChoice');
  });
});

interface CalendarCase {
  name: string;
  typed: string;
  says: string;
  facts?: ConversationFacts;
}

const fullFirst = withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', [FIRST]);
const fullDay = withFullSlots(
  makeFacts({ agreedTermsVersion: TERMS_VERSION }),
  'regular',
  [600, 630, 660, 810, 840, 870].map((minutes) => ({ date: FIRST.date, minutes })),
);

const CALENDAR_CASES: CalendarCase[] = [
  { name: 'a Saturday', typed: '12/5', says: '12月5日(土)は土曜日のため' },
  { name: 'a Sunday with a time', typed: '12/6 10:00', says: '日曜日のため' },
  { name: 'a national holiday', typed: '1/11', says: '祝日（成人の日）' },
  { name: 'a weekday in the year-end closure', typed: '12/29', says: '年末年始の休業期間' },
  { name: "New Year's Day", typed: '1/1 10:00', says: '年末年始の休業期間' },
  {
    name: "the day after tomorrow's eve (too soon)",
    typed: '12/2',
    says: '11月30日(月) 17:15までに完了する必要があります',
  },
  { name: 'tomorrow by word (too soon)', typed: '明日 10:00', says: '12月3日(木)以降' },
  { name: 'beyond the 8-week horizon', typed: '2/1', says: '8週間先の1月26日(火)まで' },
  {
    name: 'an off-grid start',
    typed: '12/3 10:15',
    says: '開始時刻は10:00、10:30、11:00、13:30、14:00、14:30からお選びください',
  },
  {
    name: 'a start that runs past the window',
    typed: '12/3 11:30',
    says: '10:00〜12:00または13:30〜15:30の時間内に収まる',
  },
  { name: 'a time already past', typed: '2026-11-30 10:00', says: 'すでに過ぎています' },
  { name: 'a full slot', typed: '12/3 10:00', says: '12月3日(木) 10:00の枠はすでに埋まって', facts: fullFirst },
  // Only a date was typed: the answer is about the day, naming no time the person did not give.
  // A yearless date already past this year is next year's; the refusal shows that year.
  {
    name: 'a yearless date already past this year',
    typed: '11/30 10:00',
    says: '2027年11月30日(火)はご予約の受付期間外です',
  },
  {
    name: 'an office closure day',
    typed: '12/10',
    says: '閉庁日',
    facts: makeFacts({ calendar: makeCalendar({ closures: new Set(['2026-12-10']) }) }),
  },
];

describe('each calendar rule refuses a typed first choice and asks again', () => {
  it.each(CALENDAR_CASES)('$name ($typed)', ({ typed, says, facts }) => {
    const chat = chatAt('choice1Date', makeFacts());
    const said = expectSlotRefused(chat, (c) => c.say(typed, facts ? { facts } : {}));
    expect(said).toContain(says);
  });

  // Only a date was typed: the answer is about the day, naming no time the person did not give.
  // The machine sends the reason as data; the renderer words it (「12月3日(木)は、すべての時間の枠が…」).
  it('a day with every slot full (12/3) is refused as a day, with the nearest free slot', () => {
    const chat = chatAt('choice1Date', makeFacts());
    const params = expectReasked(chat, (c) => c.say('12/3', { facts: fullDay }), 'dayRefused');
    expect(params).toEqual({
      reason: 'full',
      date: '2026-12-03',
      alternatives: expect.stringMatching(/^2026-12-04@600(,|$)/),
    });
  });

  it('names nearby free slots with the refusal', () => {
    const chat = chatAt('choice1Date').say('12/5');
    expect(worded(chat.notices[0])).toContain('近い空き枠: 12月4日(金) 13:30');
  });

  it("refuses a weekday that is not a Mothers' Corner day", () => {
    const chat = chatAt('kind');
    chat.tap('mothers').tap('zoom').say('青森 花子').say('02010-12345678');
    const said = expectSlotRefused(chat, (c) => c.say('12/4'));
    expect(said).toContain('火曜日・木曜日');
  });

  it("refuses a Mothers' Corner time that is not one of its starts", () => {
    const chat = chatAt('kind');
    chat.tap('mothers').tap('zoom').say('青森 花子').say('02010-12345678').tap('d:2026-12-03');
    const said = expectSlotRefused(chat, (c) => c.say('10:00'));
    expect(said).toContain('マザーズコーナーの開始時刻は11:00、13:30、14:30');
  });

  it('refuses an impossible date as such', () => {
    expect(expectReasked(chatAt('choice1Date'), (c) => c.say('2/30'), 'dateUnreadable')).toEqual({
      reason: 'impossible_date',
    });
  });

  it('refuses a weekday that contradicts the date', () => {
    expect(expectReasked(chatAt('choice1Date'), (c) => c.say('12月3日(水)'), 'dateUnreadable')).toEqual({
      reason: 'weekday_mismatch',
      date: '2026-12-03',
    });
  });

  it('refuses text that is no date at all, with an example that is free now', () => {
    // The example is the first free slot (12/3 10:00 at NOW), not a fixed date.
    expect(expectReasked(chatAt('choice1Date'), (c) => c.say('あいうえお'), 'dateUnreadable')).toEqual({
      reason: 'unreadable',
      exampleDate: '2026-12-03',
      exampleMinutes: 600,
    });
  });

  it('asks for a date when only a time is typed for the date question, with an example that is free now', () => {
    const chat = chatAt('choice1Date');
    chat.facts = withFullSlots(chat.facts, 'regular', [{ date: '2026-12-03', minutes: 600 }]);
    expect(expectReasked(chat, (c) => c.say('10:00'), 'needDate')).toEqual({
      exampleDate: '2026-12-03',
      exampleMinutes: 630,
    });
    expect(worded(chat.notices[0])).toContain('（例: 12/3）');
    expect(worded(chat.notices[0])).toContain('「12/3 10:30」');
  });

  it('gives no example of typing a date when nothing is free', () => {
    const chat = chatAt('choice1Date');
    chat.facts = {
      ...chat.facts,
      calendar: { ...chat.facts.calendar, settings: { ...chat.facts.calendar.settings, capacity: 0 } },
    };
    expect(expectReasked(chat, (c) => c.say('あいうえお'), 'dateUnreadable')).toEqual({ reason: 'unreadable' });
    expect(worded(chat.notices[0])).not.toMatch(/\d+\/\d+/);
  });

  it('refuses a weekend date button (from an old card or a forged postback)', () => {
    const said = expectSlotRefused(chatAt('choice1Date'), (c) => c.tap('d:2026-12-05'));
    expect(said).toContain('土曜日');
  });
});

describe('refusals at the time question keep the date picked', () => {
  it('refuses an off-grid time typed for the picked date', () => {
    const chat = chatAt('choice1Time');
    const said = expectSlotRefused(chat, (c) => c.say('10:15'));
    expect(said).toContain('開始時刻は');
    expect(chat.draft.pendingDate).toBe(FIRST.date);
  });

  it('refuses a time button whose slot was taken meanwhile', () => {
    const chat = chatAt('choice1Time');
    const said = expectSlotRefused(chat, (c) => c.tap(`t:${FIRST.minutes}`, { facts: fullFirst }));
    expect(said).toContain('すでに埋まって');
  });
});

describe('the second choice must differ from the first', () => {
  it('refuses the first choice typed again as the second', () => {
    const said = expectSlotRefused(chatAt('choice2Date'), (c) => c.say('12/3 10:00'));
    expect(said).toContain('第1希望と同じ日時です');
  });

  it("refuses the first choice's time on the same date at the time question", () => {
    const chat = chatAt('choice2Time');
    expect(chat.draft.pendingDate).toBe(FIRST.date);
    const said = expectSlotRefused(chat, (c) => c.tap(`t:${FIRST.minutes}`));
    expect(said).toContain('第1希望と同じ日時です');
  });

  it('refuses a date whose only free time is the first choice', () => {
    const others = [630, 660, 810, 840, 870].map((minutes) => ({ date: FIRST.date, minutes }));
    const facts = withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', others);
    const chat = chatAt('choice2Date', facts);
    const params = expectReasked(chat, (c) => c.tap(`d:${FIRST.date}`), 'dayRefused');
    expect(params).toMatchObject({ reason: 'first_choice_only', date: FIRST.date });
  });

  it("says the day is full, naming no time, when the first choice's time is not the day's first", () => {
    const others = [600, 660, 810, 840, 870].map((minutes) => ({ date: FIRST.date, minutes }));
    const facts = withFullSlots(makeFacts({ agreedTermsVersion: TERMS_VERSION }), 'regular', others);
    const chat = chatAt('choice1Date', facts).say('12/3 10:30').say('12/3');
    expect(chat.notices).toEqual([
      { key: 'dayRefused', params: expect.objectContaining({ reason: 'first_choice_only', date: FIRST.date }) },
    ]);
  });

  // The words the renderer makes of that data (src/calendar's dayRefusalMessage): once said by the machine itself.
  it('words a day whose only free time is the first choice about the day, naming no time', () => {
    expect(dayRefusalMessage('first_choice_only', FIRST.date, [], defaultOfficeSettings)).toMatch(
      /^12月3日\(木\)で空いている時間は第1希望と同じ日時です/,
    );
    expect(dayRefusalMessage('full', FIRST.date, [{ date: '2026-12-04', minutes: 600 }], defaultOfficeSettings)).toBe(
      '12月3日(木)は、すべての時間の枠がすでに埋まっております。\n近い空き枠: 12月4日(金) 10:00',
    );
  });

  it('accepts another time on the same date', () => {
    const chat = chatAt('choice2Date').say('12/3 10:30');
    expect(chat.state).toBe('email');
    expect(chat.draft.choice2).toEqual(SECOND);
  });
});

describe('changing the day from the time question', () => {
  // Found earlier: at 'choice1Time' (or 'choice2Time') a typed date, e.g. '12/4' while the times of
  // 12/3 are shown, was answered 'invalidChoice' and kept the old date, so users on LINE for PC, who
  // are told to type, could not switch days. It must lead to the new date's times, as a new turn
  // (the old day's time buttons are then stale).
  it('moves to the times of a date typed at the time question', () => {
    const chat = chatAt('choice1Time');
    const turn = chat.turn;
    chat.say('12/4');
    expect(chat.noticeKeys).not.toContain('invalidChoice');
    expect(chat.state).toBe('choice1Time');
    expect(chat.draft.pendingDate).toBe('2026-12-04');
    expect(chat.turn).toBe(turn + 1);
  });

  it("refuses a closed date typed at the time question with the calendar's reason", () => {
    const said = expectSlotRefused(chatAt('choice1Time'), (c) => c.say('12/5'));
    expect(said).toContain('土曜日');
  });
});

describe('an hour typed without 午前/午後 at the time question', () => {
  // Found in the usability review (M6): 「２時半」 for the Mothers' Corner on 12/8 was read as
  // 02:30 and refused with 「…13:30〜15:30の時間内に収まる必要があります」, though 14:30 is offered.
  function mothersAt(date: string): Chat {
    const chat = chatAt('kind');
    chat.tap('mothers').tap('zoom').say('青森 花子').say('02010-12345678').tap(`d:${date}`);
    expect(chat.state).toBe('choice1Time');
    return chat;
  }

  it.each([
    ['２時半', 870],
    ['2:30', 870],
    ['1時半', 810],
  ])('reads %j as the afternoon', (typed, minutes) => {
    const chat = mothersAt('2026-12-08').say(typed);
    expect(chat.noticeKeys).toEqual([]);
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-08', minutes });
  });

  it('reads 「12/3 ３時」 typed at the date question as 15:00 (and refuses it for not fitting the window)', () => {
    const said = expectSlotRefused(chatAt('choice1Date'), (c) => c.say('12/3 ３時'));
    expect(said).toContain('13:30〜15:30の時間内に収まる必要があります');
    const chat = chatAt('choice1Date').say('12/3 2時');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-03', minutes: 840 });
  });

  it('keeps 午前2時 as said, and refuses it', () => {
    const said = expectSlotRefused(mothersAt('2026-12-08'), (c) => c.say('午前2時半'));
    expect(said).toContain('開始時刻は11:00、13:30、14:30');
  });

  it('keeps the morning when it is a session time (「10時」 is 10:00)', () => {
    const chat = chatAt('choice1Time').say('10時半');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-03', minutes: 630 });
  });

  it('reads a time from the date-time picker as the 24-hour time it is', () => {
    const said = expectSlotRefused(chatAt('choice1Time'), (c) => c.pick({ time: '02:30' }));
    expect(said).toContain('10:00〜12:00または13:30〜15:30');
  });
});
