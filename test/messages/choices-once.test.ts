import { describe, expect, it } from 'vitest';
import { renderQuestion } from '../../src/messages/questions.js';
import { actionsIn } from '../../src/line/message-actions.js';
import { BOOKING_QUESTIONS, chatAt, NOW } from '../machines/fixtures.js';

/**
 * Each question offers its choices in one place, its card's buttons, which LINE shows on phones
 * and on PC alike; no quick reply repeats them (README, "One place for each choice").
 */
describe('the choices of a question', () => {
  for (const question of BOOKING_QUESTIONS) {
    it(`${question}: are offered once, as buttons in the message itself, with no quick reply`, () => {
      const chat = chatAt(question);
      const messages = renderQuestion({ question, context: chat.context, facts: chat.facts, now: NOW });
      for (const m of messages) expect(m, question).not.toHaveProperty('quickReply');
      const data = messages.flatMap(actionsIn).flatMap((a) => ('data' in a && a.data ? [a.data] : []));
      expect(new Set(data).size, question).toBe(data.length);
    });
  }

  it('a multiple-choice question shows its buttons (reachable on LINE for PC)', () => {
    const chat = chatAt('registered');
    const [card] = renderQuestion({ question: 'registered', context: chat.context, facts: chat.facts, now: NOW });
    expect(card?.type).toBe('flex');
    expect(actionsIn(card!).map((a) => a.label)).toEqual(['登録しています', 'まだ登録していない']);
  });
});
