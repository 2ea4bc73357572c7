import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { bookingMachine } from '../../machines/booking/booking-machine.js';
import { outputsOf } from '../../machines/booking/machine-output.js';
import { agreedFacts, chatAtReview, NOW } from './fixtures.js';

describe('what a transition asks of the runner', () => {
  it('should pass on notices and effects in order, with their params, and nothing else', () => {
    const outputs = outputsOf([
      { type: 'nextTurn' },
      { type: 'notice', params: { key: 'greeting' } },
      { type: 'effect', params: { effect: 'handoff', draft: {} } },
      { type: 'notice', params: { key: 'help' } },
    ]);
    expect(outputs).toEqual([
      { type: 'notice', notice: { key: 'greeting' } },
      { type: 'effect', effect: { effect: 'handoff', draft: {} } },
      { type: 'notice', notice: { key: 'help' } },
    ]);
  });

  it('should drop a notice or an effect whose params are not what the runner reads', () => {
    expect(
      outputsOf([
        { type: 'notice', params: 'greeting' },
        { type: 'effect', params: { effect: 'handoff' } },
        { type: 'notice' },
      ]),
    ).toEqual([]);
  });

  it('should read the actions of a real transition: submitting at the review is one effect', () => {
    const chat = chatAtReview();
    const [, actions] = transition(bookingMachine, chat.snapshot, {
      type: 'ANSWER',
      answer: { source: 'button', value: 'submit' },
      facts: agreedFacts(),
      now: NOW,
    });
    expect(outputsOf(actions).flatMap((o) => (o.type === 'effect' ? [o.effect.effect] : []))).toEqual([
      'submitRequest',
    ]);
  });
});
