import { describe, expect, it } from 'vitest';
import { chatAt, withFullSlots } from './fixtures.js';

describe('half a day with a date', () => {
  it('「12/16 午前中」 picks the day and keeps to its morning', () => {
    const chat = chatAt('choice1Date').say('12/16 午前中');
    expect(chat.state).toBe('choice1Time');
    expect(chat.draft).toMatchObject({ pendingDate: '2026-12-16', pendingHalf: 'am' });
  });

  it("「午後」 alone at the time question keeps to that day's afternoon", () => {
    const chat = chatAt('choice1Date').tap('d:2026-12-16').say('午後');
    expect(chat.state).toBe('choice1Time');
    expect(chat.draft).toMatchObject({ pendingDate: '2026-12-16', pendingHalf: 'pm' });
    chat.tap('t:840');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-16', minutes: 840 });
    expect(chat.draft.pendingHalf).toBeUndefined();
  });

  it('a half-day whose times are all taken offers the rest of the day, saying why', () => {
    const chat = chatAt('choice1Date');
    const morning = [600, 630, 660].map((minutes) => ({ date: '2026-12-16', minutes }));
    chat.facts = withFullSlots(chat.facts, 'regular', morning);
    chat.say('16日の午前');
    expect(chat.state).toBe('choice1Time');
    expect(chat.draft.pendingHalf).toBeUndefined();
    expect(chat.notices).toEqual([{ key: 'halfDayTaken', params: { date: '2026-12-16', half: 'am' } }]);
  });

  it('a half-day of a closed day is refused for the day', () => {
    const chat = chatAt('choice1Date').say('12/19 午前中');
    expect(chat.state).toBe('choice1Date');
    expect(chat.notices[0]?.slot?.refusal.code).toBe('closed_weekend');
  });
});

describe('two wishes in one message', () => {
  it('reads 「10.30」 as a time where a time is asked, and 「12.3」 as a date where a date is', () => {
    const chat = chatAt('choice1Date').say('12.3');
    expect(chat.state).toBe('choice1Time');
    expect(chat.draft.pendingDate).toBe('2026-12-03');
    chat.say('10.30');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-03', minutes: 630 });
  });

  it('fills both choices, each checked, and goes on to the e-mail', () => {
    const chat = chatAt('choice1Date').say('16日14時か17日10時');
    expect(chat.state).toBe('email');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-16', minutes: 840 });
    expect(chat.draft.choice2).toEqual({ date: '2026-12-17', minutes: 600 });
    // Both are said back, so a person who typed them in one breath sees what was taken.
    expect(chat.notices).toEqual([
      {
        key: 'bothWishesTaken',
        wishes: [
          { date: '2026-12-16', minutes: 840 },
          { date: '2026-12-17', minutes: 600 },
        ],
      },
    ]);
  });

  it('reads one day with two times, and two days with one time, as two wishes', () => {
    const oneDay = chatAt('choice1Date').say('12/16 10時か14時');
    expect(oneDay.state).toBe('email');
    expect([oneDay.draft.choice1, oneDay.draft.choice2]).toEqual([
      { date: '2026-12-16', minutes: 600 },
      { date: '2026-12-16', minutes: 840 },
    ]);
    const twoDays = chatAt('choice1Date').say('12/16と12/17の10時');
    expect(twoDays.state).toBe('email');
    expect([twoDays.draft.choice1, twoDays.draft.choice2]).toEqual([
      { date: '2026-12-16', minutes: 600 },
      { date: '2026-12-17', minutes: 600 },
    ]);
    // Two days and no time says too little: the first day is asked for its time as usual.
    expect(chatAt('choice1Date').say('12/16か12/17').draft.choice2).toBeUndefined();
  });

  it('keeps the first and asks the second again when only the second cannot be booked', () => {
    const chat = chatAt('choice1Date');
    chat.facts = withFullSlots(chat.facts, 'regular', [{ date: '2026-12-17', minutes: 600 }]);
    chat.say('16日14時か17日10時');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-16', minutes: 840 });
    expect(chat.draft.choice2).toBeUndefined();
    expect(chat.notices).toMatchObject([{ key: 'slotRefused', params: { choice: 2 } }]);
  });

  it('refuses when the first cannot be booked, keeping nothing', () => {
    const chat = chatAt('choice1Date').say('19日14時か17日10時');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft.choice1).toBeUndefined();
    expect(chat.notices[0]?.slot?.refusal.code).toBe('closed_weekend');
  });

  it('the same slot twice is refused as the second', () => {
    const chat = chatAt('choice1Date').say('16日14時か16日14時');
    expect(chat.state).toBe('choice2Date');
    expect(chat.notices[0]?.slot?.refusal.code).toBe('same_as_first');
  });
});
