/**
 * Each answer is read once per event: the machine evaluates it in one step and its guards read
 * that result, instead of evaluating it again for every possible target (which, at the date
 * questions, ran the calendar checks once per candidate state).
 */
import { describe, expect, it, vi } from 'vitest';
import * as evaluation from '../../machines/booking/evaluate-answer.js';
import type { ConversationEvent, Question } from '../../machines/booking/types.js';
import { COMMAND_FACTS, FACTS, answerFacts, candidateAnswers } from './candidates.js';
import { BOOKING_QUESTIONS, Chat, FIRST, NOW, agreedFacts, chatAt, chatAtReview, step } from './fixtures.js';

vi.mock('../../machines/booking/evaluate-answer.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../machines/booking/evaluate-answer.js')>();
  return { ...actual, evaluateAnswer: vi.fn(actual.evaluateAnswer) };
});

const evaluateAnswer = vi.mocked(evaluation.evaluateAnswer);

type Command = Exclude<ConversationEvent['type'], 'ANSWER'>;

/** Chats at every question: the booking questions, the booking menus and the immediate confirmation. */
function chats(): Array<[Question, Chat]> {
  const active = FACTS.active;
  const at: Array<[Question, Chat]> = BOOKING_QUESTIONS.map((q): [Question, Chat] => [q, chatAt(q)]);
  const manage = new Chat(active).send('MANAGE');
  const cancelConfirm = new Chat(active).send('CANCEL_BOOKING');
  // The interpreter question comes first (answered here without counting: only the confirmation's are).
  const immediateConfirm = new Chat(FACTS.immediateOpen).send('IMMEDIATE').tap('no');
  return [...at, ['manage', manage], ['cancelConfirm', cancelConfirm], ['immediateConfirm', immediateConfirm]];
}

describe('an answer is evaluated once per event', () => {
  it('evaluates each candidate answer at each question exactly once, accepted or refused', () => {
    let checked = 0;
    for (const [question, chat] of chats()) {
      expect(chat.state, question).toBe(question);
      for (const facts of answerFacts(question)) {
        for (const answer of candidateAnswers(question, chat.draft, facts, NOW)) {
          evaluateAnswer.mockClear();
          step(chat.snapshot, { type: 'ANSWER', answer, now: NOW, facts });
          expect(evaluateAnswer.mock.calls.length, `${question} + ${JSON.stringify(answer)}`).toBe(1);
          expect(evaluateAnswer.mock.calls[0]?.[0]).toMatchObject({ question, answer });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('evaluates a date-time at the date question once, though it may lead to four places', () => {
    const chat = chatAt('choice1Date');
    evaluateAnswer.mockClear();
    chat.say('12/3 10:00');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual(FIRST);
    expect(evaluateAnswer).toHaveBeenCalledTimes(1);
  });

  it('evaluates a submit once (it rechecks both choices against the calendar)', () => {
    const chat = chatAtReview(agreedFacts());
    evaluateAnswer.mockClear();
    chat.tap('submit');
    expect(chat.state).toBe('idle');
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRequest']);
    expect(evaluateAnswer).toHaveBeenCalledTimes(1);
  });

  it('does not evaluate commands, nor words while no question is asked', () => {
    const chat = chatAt('email');
    for (const [type, situations] of Object.entries(COMMAND_FACTS) as Array<
      [Command, ReadonlyArray<keyof typeof FACTS>]
    >) {
      for (const situation of situations) {
        evaluateAnswer.mockClear();
        step(chat.snapshot, { type, now: NOW, facts: FACTS[situation] });
        expect(evaluateAnswer, type).not.toHaveBeenCalled();
      }
    }
    evaluateAnswer.mockClear();
    new Chat(agreedFacts()).answer({ source: 'text', text: 'こんにちは' });
    expect(evaluateAnswer).not.toHaveBeenCalled();
  });
});
