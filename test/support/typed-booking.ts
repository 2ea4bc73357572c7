/**
 * A booking typed from start to review, one message per question, as a person on LINE for PC
 * (no quick replies) might type it. Tests use it to reach any question quickly and by text only.
 */
import type { ChatDriver } from './chat-driver.js';

export interface TypedStep {
  /** The question this message answers ('start' for the message that begins the booking). */
  question: string;
  text: string;
}

export interface TypedAnswers {
  name: string;
  jobSeekerNumber: string;
  /** Typed at the first-choice date question; a date and time together skip the time question. */
  choice1: string;
  choice2: string;
  email: string;
  phone: string;
}

/** With `now` Tue 2026-12-01 09:00 JST the earliest day is Thu 12-03. */
export const DEFAULT_ANSWERS: TypedAnswers = {
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  choice1: '12/3 10:00',
  choice2: '12/4 14:00',
  email: 'hanako@example.jp',
  phone: '090-1234-5678',
};

export function typedSteps(answers: Partial<TypedAnswers> = {}, options: { agreedBefore?: boolean } = {}): TypedStep[] {
  const a = { ...DEFAULT_ANSWERS, ...answers };
  return [
    { question: 'start', text: '予約する' },
    ...(options.agreedBefore ? [] : [{ question: 'terms', text: '同意します' }]),
    { question: 'registered', text: '登録済み' },
    { question: 'target', text: '長期療養中' },
    { question: 'device', text: 'はい' },
    { question: 'continuing', text: 'はい' },
    { question: 'checklist', text: '確認しました' },
    { question: 'kind', text: '一般' },
    { question: 'app', text: 'Zoom' },
    { question: 'name', text: a.name },
    { question: 'jobSeekerNumber', text: a.jobSeekerNumber },
    { question: 'choice1Date', text: a.choice1 },
    { question: 'choice2Date', text: a.choice2 },
    { question: 'email', text: a.email },
    { question: 'phone', text: a.phone },
    { question: 'interpreter', text: '同席しません' },
  ];
}

/**
 * Types the steps in order until the one answering `question` (not sent), or all of them when
 * `question` is 'review'. Throws when a step did not lead to a reply, which is what a broken
 * step looks like from the outside.
 */
export async function typeUntil(
  u: ChatDriver,
  question: string,
  answers: Partial<TypedAnswers> = {},
  options: { agreedBefore?: boolean } = {},
): Promise<void> {
  const steps = typedSteps(answers, options);
  const stop = steps.findIndex((s) => s.question === question);
  if (stop < 0 && question !== 'review') throw new Error(`no typed step answers "${question}"`);
  for (const step of stop < 0 ? steps : steps.slice(0, stop)) {
    await u.say(step.text);
    if (u.last.length === 0) throw new Error(`no answer to "${step.text}" (step ${step.question})`);
  }
}
