import { isComplete } from './evaluate-answer.js';
import { matchOption } from './options.js';
import { QUESTIONS, type ConversationContext, type Question } from './types.js';

/**
 * 「戻る」 (docs/office-rules.md §15): the question before this one in a new booking, asked again with
 * everything given so far kept (answering it again replaces only that answer). Not listed: nothing
 * to go back to (the terms, the first eligibility question) or a menu whose own 「戻る」 is an answer.
 */
export const PREVIOUS_QUESTION: Partial<Record<Question, Question>> = {
  target: 'registered',
  device: 'target',
  continuing: 'device',
  checklist: 'continuing',
  kind: 'checklist',
  app: 'kind',
  name: 'app',
  jobSeekerNumber: 'name',
  choice1Date: 'jobSeekerNumber',
  choice1Time: 'choice1Date',
  choice2Date: 'choice1Date',
  choice2Time: 'choice2Date',
  email: 'choice2Date',
  phone: 'email',
  interpreter: 'phone',
};

/**
 * A returning person who chose to change their details of before came to the kind from the card
 * showing them, not from the eligibility questions they were spared: back goes to that card.
 */
export const PREVIOUS_FOR_RETURNING: Partial<Record<Question, Question>> = { kind: 'previousDetails' };

/** A change of times asks only the choices: 「戻る」 stays among them. */
export const PREVIOUS_IN_CHANGE: Partial<Record<Question, Question>> = {
  choice1Time: 'choice1Date',
  choice2Date: 'choice1Date',
  choice2Time: 'choice2Date',
};

const BACK_WORDS = new Set([
  '戻る',
  'もどる',
  '戻ります',
  '戻りたい',
  '前に戻る',
  'ひとつ前に戻る',
  '一つ前に戻る',
  '1つ前に戻る',
  '前の質問に戻る',
  '戻って',
  '戻ってください',
]);

/** Whether typed text (normalised by the caller) asks to go back one question. */
export function isBackWord(normalized: string): boolean {
  return BACK_WORDS.has(normalized.replace(/[。.!！]+$/u, ''));
}

/**
 * Where 「戻る」 leads from `question` (the machine's BACK transitions follow this, and the question's
 * 「ひとつ前に戻る」 button is shown by it): in a change of times, among the choices; while editing
 * from the review card, back to the review; in a new booking, the previous question. Undefined
 * where nothing comes before (the bot says so).
 */
export function backTarget(question: Question, context: ConversationContext): Question | undefined {
  // The review and the terms (asked again when they changed) have nothing before them, editing or not.
  if (question === 'review' || question === 'terms') return undefined;
  if (context.purpose === 'change') return PREVIOUS_IN_CHANGE[question];
  if (context.editing && isComplete(context.draft)) return 'review';
  if (context.purpose === 'immediate') return undefined;
  if (context.eligibilityKept) return PREVIOUS_FOR_RETURNING[question] ?? PREVIOUS_QUESTION[question];
  return PREVIOUS_QUESTION[question];
}

/** Every question 「戻る」 may lead to from `question`, whatever the context: the machine's BACK targets. */
export function backTargetsFrom(question: Question): Question[] {
  const all = [
    PREVIOUS_IN_CHANGE[question],
    'review' as const,
    PREVIOUS_FOR_RETURNING[question],
    PREVIOUS_QUESTION[question],
  ];
  return [...new Set(all.filter((q): q is Question => q !== undefined))];
}

/** The questions (menus) where 「戻る」 is one of the answers, not a way back. */
const ANSWERS_BACK: ReadonlySet<Question> = new Set(
  QUESTIONS.filter((q) => matchOption(q, { source: 'text', text: '戻る' }) !== undefined),
);

/** Whether the question offers a 「ひとつ前に戻る」 button: 「戻る」 leads somewhere and is not one of its own answers. */
export function offersBack(question: Question, context: ConversationContext): boolean {
  return !ANSWERS_BACK.has(question) && backTarget(question, context) !== undefined;
}
