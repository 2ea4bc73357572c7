import { describe, expect, it } from 'vitest';
import { suggestedSlot } from '../../machines/booking/choice-answer.js';
import { chatAt, FIRST, withFullSlots } from './fixtures.js';

describe('a suggested-slot button (s:date@minutes)', () => {
  it('chooses that slot in one tap at the date question', () => {
    const chat = chatAt('choice1Date').tap('s:2026-12-04@840');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual({ date: '2026-12-04', minutes: 840 });
  });

  it('is checked again when tapped: a slot taken since it was suggested is refused with the reason', () => {
    const chat = chatAt('choice1Date');
    chat.facts = withFullSlots(chat.facts, 'regular', [FIRST]);
    chat.tap(`s:${FIRST.date}@${FIRST.minutes}`);
    expect(chat.state).toBe('choice1Date');
    expect(chat.noticeKeys).toEqual(['slotRefused']);
    expect(chat.notices[0]?.slot?.refusal.code).toBe('full');
  });

  it('forged or malformed values choose nothing', () => {
    for (const value of ['2026-12-04@99999', '2026-13-01@600', '2026-12-04', 'x@600', '2026-12-04@-1']) {
      expect(suggestedSlot(value)).toBeUndefined();
    }
    const chat = chatAt('choice1Date').tap('s:2026-02-30@600');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft.choice1).toBeUndefined();
  });
});
