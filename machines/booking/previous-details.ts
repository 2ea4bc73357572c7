import { normalizeText, type Instant } from '../../src/calendar/index.js';
import { validateEmail } from '../../src/validation/email.js';
import { validateJobSeekerNumber } from '../../src/validation/job-seeker-number.js';
import { validatePersonName } from '../../src/validation/person-name.js';
import { validatePhone } from '../../src/validation/phone.js';
import type { AnswerInput, Evaluation } from './evaluation.js';
import { eligibilityCurrent } from './immediate-eligibility.js';
import { matchOption } from './options.js';
import type { Answer, ConversationFacts, Draft, PreviousDetails, Question } from './types.js';

/**
 * A returning person (docs/office-rules.md §12): someone whose eligibility answers are on record
 * within the office's validity and whose details of before are still kept. They are not asked the
 * eligibility questions again, and what they gave before is offered as 「前回と同じ」.
 */

/** The typed items a returning person may keep with one tap each. */
export const KEEPABLE_ITEMS = ['name', 'jobSeekerNumber', 'email', 'phone'] as const;
export type KeepableItem = (typeof KEEPABLE_ITEMS)[number];

type Check = (typed: string) => { ok: true; value: string } | { ok: false };

/** Each item is checked as if typed today: one today's rules refuse is asked again, never kept. */
const CHECKS: Record<KeepableItem, Check> = {
  name: validatePersonName,
  jobSeekerNumber: validateJobSeekerNumber,
  email: validateEmail,
  phone: validatePhone,
};

function isKeepable(question: Question): question is KeepableItem {
  return (KEEPABLE_ITEMS as readonly string[]).includes(question);
}

/**
 * The details of a booking as a returning person may keep them: each item checked as if typed
 * today, once, where the facts are loaded, so the conversation and its words read them as they are.
 */
export function keptDetails(before: Required<PreviousDetails>): PreviousDetails {
  const kept: PreviousDetails = { kind: before.kind, app: before.app };
  for (const item of KEEPABLE_ITEMS) {
    const result = CHECKS[item](before[item]);
    if (result.ok) kept[item] = result.value;
  }
  return kept;
}

/** The item of before, if there is one and today's checks accept it. */
export function keepableValue(facts: ConversationFacts, item: KeepableItem): string | undefined {
  return facts.previous?.[item];
}

/** Everything of before, when all of it still passes today's checks; else nothing is kept at once. */
export function reusableDetails(facts: ConversationFacts): Draft | undefined {
  const previous = facts.previous;
  if (!previous) return undefined;
  const draft: Draft = { kind: previous.kind, app: previous.app };
  for (const item of KEEPABLE_ITEMS) {
    const value = keepableValue(facts, item);
    if (value === undefined) return undefined;
    draft[item] = value;
  }
  return draft;
}

/** The eligibility answers on record hold on the Japan date of `now` (office's validity, §12 and §14). */
export function eligibilityOnRecord(facts: ConversationFacts, now: Instant): boolean {
  return (
    facts.eligibilityAnsweredAt !== null &&
    eligibilityCurrent(facts.eligibilityAnsweredAt, now, facts.calendar.settings.eligibilityValidMonths)
  );
}

/**
 * Whether a new booking may skip the eligibility questions: answers on record and details of
 * before still kept. Consent is checked beside it: the terms in force are asked first when needed.
 */
export function isReturning(facts: ConversationFacts, now: Instant): boolean {
  return eligibilityOnRecord(facts, now) && reusableDetails(facts) !== undefined;
}

/** Typed words that keep an item as before (the button's label among them). */
export const SAME_AS_BEFORE_WORDS = [
  '前回と同じ',
  '前回と同じです',
  '前回と同じで',
  '同じ',
  '同じです',
  '同じで',
  'そのまま',
  'そのままで',
  '前回のまま',
  '変更なし',
  '変わりません',
];

/** The button value of 「前回と同じ」 at an item's question. */
export const SAME_AS_BEFORE = 'same';

function saysSame(answer: Answer): boolean {
  if (answer.source === 'button') return answer.value === SAME_AS_BEFORE;
  if (answer.source !== 'text') return false;
  const typed = normalizeText(answer.text).replace(/[。.!！]+$/u, '');
  return SAME_AS_BEFORE_WORDS.some((w) => normalizeText(w) === typed);
}

const GONE: Evaluation = { ok: false, notice: { key: 'previousDetailsGone' } };

/**
 * 「前回と同じ」 at the name, number, e-mail or phone question keeps that item of before.
 * Undefined for any other answer, which the question then reads as usual.
 */
export function keepPrevious(input: AnswerInput): Evaluation | undefined {
  const { question } = input;
  if (!isKeepable(question) || !saysSame(input.answer)) return undefined;
  const value = keepableValue(input.facts, question);
  // Erased since the button was shown (retention), or nothing before: the person types it.
  if (value === undefined) return GONE;
  return { ok: true, outcome: 'filled', draft: { ...input.context.draft, [question]: value } };
}

/**
 * 「前回と同じ」 typed at the kind or app question, by someone who chose one before: that option,
 * as if its button were tapped. Undefined anywhere else, where the answer is read as it is.
 */
export function asPreviousOption(input: AnswerInput): AnswerInput | undefined {
  const { question, answer, facts } = input;
  if ((question !== 'kind' && question !== 'app') || answer.source !== 'text' || !facts.previous) return undefined;
  return saysSame(answer) ? { ...input, answer: { source: 'button', value: facts.previous[question] } } : undefined;
}

/**
 * The returning person's first question: keep everything of before and go on to the dates, give
 * the items afresh (each offered as 「前回と同じ」), or review the eligibility answers (the usual
 * questions). Checked again at the tap: answers past their validity, or details erased meanwhile,
 * are asked as for anyone.
 */
export function previousDetailsStep(input: AnswerInput): Evaluation {
  const { answer, context, facts, now } = input;
  const value = answer.source === 'picker' ? undefined : matchOption('previousDetails', answer);
  if (value === undefined) return { ok: false, notice: { key: 'invalidChoice' } };
  const { draft } = context;
  const review: Evaluation = { ok: true, outcome: 'eligibilityReview', draft };
  if (value === 'review') return review;
  if (!eligibilityOnRecord(facts, now)) return { ...review, notices: [{ key: 'previousDetailsGone' }] };
  const kept = reusableDetails(facts);
  if (value === 'same' && kept) return { ok: true, outcome: 'previousKept', draft: { ...draft, ...kept } };
  return {
    ok: true,
    outcome: 'previousChanged',
    draft,
    ...(value === 'same' ? { notices: [{ key: 'previousDetailsGone' as const }] } : {}),
  };
}
