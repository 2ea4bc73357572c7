import { describe, expect, it } from 'vitest';
import { suggestionsFor } from '../../src/messages/notice-messages.js';
import { ownDateAnswers } from '../../src/messages/questions.js';
import { chatAt, FIRST, withFullSlots } from '../machines/fixtures.js';

const suggestionButtons = (...args: Parameters<typeof suggestionsFor>) => suggestionsFor(...args)?.actions ?? [];

describe('the buttons under a refusal', () => {
  it('are the nearest free slots for a refused time, answering the question in its turn', () => {
    const chat = chatAt('choice1Date');
    chat.facts = withFullSlots(chat.facts, 'regular', [FIRST]);
    chat.say('12/3 10:00');
    const buttons = suggestionButtons(chat.notices, {
      question: 'choice1Date',
      context: chat.context,
    });
    expect(buttons.map((b) => b.label)).toEqual(['12月3日(木) 10:30', '12月3日(木) 11:00', '12月3日(木) 13:30']);
    expect(buttons[0]).toMatchObject({ type: 'postback', data: chat.postbackData('s:2026-12-03@630') });
  });

  it('are the open days nearest a day the office is closed, before it or after it, in date order', () => {
    const chat = chatAt('choice1Date').say('12/30');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    // The conversation found the days; the catalogue only words them.
    expect(chat.notices[0]!.openDays).toEqual(['2026-12-25', '2026-12-28', '2027-01-04']);
    const buttons = suggestionButtons(chat.notices, {
      question: 'choice1Date',
      context: chat.context,
    });
    // 12/30 is in the year-end closure: 12/28 is two days before it, 12/25 and 1/4 five days away.
    expect(buttons.map((b) => b.label)).toEqual(['12月25日(金)', '12月28日(月)', '1月4日(月)']);
  });

  it("name the open days the date question's own buttons offer, without a second button for each", () => {
    const asked = (said: string) => {
      const chat = chatAt('choice1Date').say(said);
      const next = { question: 'choice1Date' as const, context: chat.context, facts: chat.facts, now: chat.now };
      return suggestionsFor(chat.notices, { ...next, shown: ownDateAnswers(next) });
    };
    // 12/5 is a Saturday: the days nearest it are among the first dates the question lists.
    const near = asked('12/5');
    expect(near?.actions).toEqual([]);
    expect(near?.caption).toBe('空きのある近い日: 12月3日(木)、12月4日(金)、12月7日(月)');
    // 12/30 is in the year-end closure: the days nearest it are not listed, so they are buttons.
    expect(asked('12/30')?.actions.map((b) => b.label)).toEqual(['12月25日(金)', '12月28日(月)', '1月4日(月)']);
  });

  it('leave out the times a time question already offers as its own buttons', () => {
    const chat = chatAt('choice1Date');
    chat.facts = withFullSlots(chat.facts, 'regular', [FIRST]);
    chat.say('12/3').say('10:00');
    expect(chat.state).toBe('choice1Time');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    // The three nearest free times are 12/3's, which the question lists anyway: no second copy.
    expect(suggestionButtons(chat.notices, { question: 'choice1Time', context: chat.context })).toEqual([]);
    // Asked for the date instead, the same times are worth a button each.
    const atDate = { question: 'choice1Date' as const, context: { ...chat.context, draft: {} } };
    expect(suggestionButtons(chat.notices, atDate).map((b) => b.label)).toHaveLength(3);
  });

  it('are none away from the date and time questions', () => {
    const chat = chatAt('choice1Date').say('12/30');
    expect(suggestionButtons(chat.notices, { question: 'email', context: chat.context })).toEqual([]);
  });
});
