import { describe, expect, it } from 'vitest';
import { Chat, chatAt, chatAtReview, FIRST, onRecordFacts } from './fixtures.js';

describe('「戻る」 goes back to the previous question, keeping what was given', () => {
  it('from the job-seeker number to the name, with the name still in the draft', () => {
    const chat = chatAt('jobSeekerNumber').say('戻る');
    expect(chat.state).toBe('name');
    expect(chat.noticeKeys).toEqual(['wentBack']);
    expect(chat.draft.name).toBe('青森 花子');
    chat.say('青森 花子子');
    expect(chat.state).toBe('jobSeekerNumber');
    expect(chat.draft.name).toBe('青森 花子子');
  });

  it('from the e-mail to the second choice, keeping both choices', () => {
    const chat = chatAt('email').say('前に戻る');
    expect(chat.state).toBe('choice2Date');
    expect(chat.draft.choice1).toEqual(FIRST);
    expect(chat.draft.choice2).toBeDefined();
  });

  it('through the eligibility questions, one at a time', () => {
    const chat = chatAt('kind').say('戻る');
    expect(chat.state).toBe('checklist');
    chat.say('戻る');
    expect(chat.state).toBe('continuing');
  });

  it('while editing from the review, back to the review', () => {
    const chat = chatAtReview().tap('edit').tap('phone').say('戻る');
    expect(chat.state).toBe('review');
  });

  it('where nothing comes before, says so and asks the same question', () => {
    const chat = chatAt('registered');
    const turn = chat.turn;
    chat.say('戻る');
    expect(chat.state).toBe('registered');
    expect(chat.turn).toBe(turn);
    expect(chat.noticeKeys).toEqual(['cannotGoBack']);
  });

  it('an immediate session goes nowhere back from its name question', () => {
    const chat = new Chat(onRecordFacts({ immediate: { open: true } })).say('今すぐ相談');
    expect(chat.state).toBe('name');
    chat.say('戻る');
    expect(chat.state).toBe('name');
    expect(chat.noticeKeys).toEqual(['cannotGoBack']);
  });

  it('at the edit menu 「戻る」 is its own answer (back to the review without changes)', () => {
    const chat = chatAtReview().tap('edit').say('戻る');
    expect(chat.state).toBe('review');
    expect(chat.noticeKeys).toEqual([]);
  });

  it('after the kind is changed from the review, back and forth leads on to the choices, not to a review with none', () => {
    const chat = chatAtReview().tap('edit').tap('kind').tap('mothers');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft.choice1).toBeUndefined();
    chat.say('戻る');
    expect(chat.state).toBe('jobSeekerNumber');
    chat.say('02010-12345678');
    expect(chat.state).toBe('choice1Date');
  });
});
