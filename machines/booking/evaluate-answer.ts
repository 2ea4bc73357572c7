import { toLocal } from '../../src/calendar/index.js';
import { validateEmail } from '../../src/validation/email.js';
import { validateJobSeekerNumber } from '../../src/validation/job-seeker-number.js';
import { validatePersonName } from '../../src/validation/person-name.js';
import { validatePhone } from '../../src/validation/phone.js';
import { readChoiceAnswer } from './choice-answer.js';
import { matchOption } from './options.js';
import { staleChoice } from './recheck-choices.js';
import { isCommandWord } from './text-commands.js';
import type { Answer, ConversationContext, ConversationFacts, ConversationState, Draft, Notice, Purpose, Question } from './types.js';

/** Side effects an accepted answer asks the runner to carry out, inside the event's transaction. */
export type Effect =
  | 'recordConsent'
  | 'submitRequest'
  | 'submitChange'
  | 'showActiveBooking'
  | 'showStatus'
  | 'cancelBooking'
  | 'handoff'
  | 'requestImmediate'
  /** On the day of a confirmed session the person wrote something the bot cannot act on: staff are told. */
  | 'sessionDayContact';

export type Evaluation =
  | { ok: true; next: ConversationState; draft: Draft; editing?: boolean; purpose?: Purpose; notices?: Notice[]; effects?: Effect[] }
  | { ok: false; notice: Notice };

export interface AnswerInput {
  question: Question;
  answer: Answer;
  context: ConversationContext;
  facts: ConversationFacts;
  now: string;
}

type Step = (input: AnswerInput) => Evaluation;

const refuse = (notice: Notice): Evaluation => ({ ok: false, notice });

/** Where to go once an item is filled in: the review card while editing, else the next question. */
function after(input: AnswerInput, next: ConversationState, draft: Draft, extra: Partial<Extract<Evaluation, { ok: true }>> = {}): Evaluation {
  return { ok: true, next: input.context.editing ? 'review' : next, draft, ...extra };
}

function option(input: AnswerInput): string | undefined {
  const { answer } = input;
  return answer.source === 'picker' ? undefined : matchOption(input.question, answer);
}

function typedText(answer: Answer): string | undefined {
  return answer.source === 'text' ? answer.text : undefined;
}

/** A choice question whose option decides the next state; anything else is re-asked. */
function choose(routes: Record<string, (input: AnswerInput) => Evaluation>): Step {
  return (input) => {
    const value = option(input);
    const route = value === undefined ? undefined : routes[value];
    return route ? route(input) : refuse({ key: 'invalidChoice' });
  };
}

const endWith = (key: Notice['key']) => (input: AnswerInput): Evaluation => ({ ok: true, next: 'idle', draft: input.context.draft, notices: [{ key }] });
const goTo = (next: ConversationState) => (input: AnswerInput): Evaluation => ({ ok: true, next, draft: input.context.draft });

function setKind(kind: 'regular' | 'mothers'): (input: AnswerInput) => Evaluation {
  return (input) => {
    const { draft, editing } = input.context;
    if (!editing) return { ok: true, next: 'app', draft: { ...draft, kind } };
    if (draft.kind === kind) return { ok: true, next: 'review', draft };
    // Another kind has another grid: earlier choices no longer apply, so both are asked again.
    const { choice1: _c1, choice2: _c2, pendingDate: _p, ...rest } = draft;
    return { ok: true, next: 'choice1Date', draft: { ...rest, kind }, notices: [{ key: 'choicesChanged' }] };
  };
}

function setApp(app: 'zoom' | 'teleoffice'): (input: AnswerInput) => Evaluation {
  return (input) => after(input, 'name', { ...input.context.draft, app }, app === 'zoom' ? { notices: [{ key: 'zoomTerms' }] } : {});
}

function choiceStep(which: 1 | 2, part: 'date' | 'time'): Step {
  return (input) => {
    const { draft } = input.context;
    const dateState = which === 1 ? 'choice1Date' : 'choice2Date';
    const timeState = which === 1 ? 'choice1Time' : 'choice2Time';
    const pendingDate = part === 'time' ? draft.pendingDate : undefined;
    const reading = readChoiceAnswer({ which, answer: input.answer, draft, facts: input.facts, now: input.now, ...(pendingDate ? { pendingDate } : {}) });
    const { pendingDate: _drop, ...rest } = draft;
    switch (reading.type) {
      case 'refused':
        return refuse(reading.notice);
      case 'otherDay':
        return { ok: true, next: dateState, draft: rest };
      case 'date':
        return { ok: true, next: timeState, draft: { ...rest, pendingDate: reading.date } };
      case 'chosen': {
        const next: Draft = which === 1 ? { ...rest, choice1: reading.choice } : { ...rest, choice2: reading.choice };
        if (!input.context.editing) return { ok: true, next: which === 1 ? 'choice2Date' : 'email', draft: next };
        // While editing, a first choice with no second yet (a change of booking) asks for the second.
        if (!next.choice2) return { ok: true, next: 'choice2Date', draft: next };
        return reviewIfBothHold(input, next);
      }
    }
  };
}

/**
 * Back to the review card, unless one of the two choices no longer holds: then that one is asked
 * again, with the reason. Both are rechecked, not only the one just answered: after a refused
 * submit, the other choice may have expired with the same deadline, and a new first choice may
 * now equal the second.
 */
function reviewIfBothHold(input: AnswerInput, draft: Draft): Evaluation {
  const stale = staleChoice(draft, input.facts, input.now, input.answer);
  if (!stale) return { ok: true, next: 'review', draft };
  return { ok: true, next: stale.which === 1 ? 'choice1Date' : 'choice2Date', draft, notices: [stale.notice] };
}

function textStep<T extends { ok: true; value: string } | { ok: false; code: string }>(
  validate: (s: string) => T,
  invalid: Notice['key'],
  apply: (draft: Draft, ok: Extract<T, { ok: true }>) => Draft,
  next: ConversationState,
  warn?: (ok: Extract<T, { ok: true }>) => Notice | undefined,
  route?: (input: AnswerInput) => ConversationState | undefined,
): Step {
  return (input) => {
    const text = typedText(input.answer);
    if (text === undefined) return refuse({ key: invalid, params: { code: 'empty' } });
    const result = validate(text);
    if (!result.ok) return refuse({ key: invalid, params: { code: (result as { code: string }).code } });
    const ok = result as Extract<T, { ok: true }>;
    const warning = warn?.(ok);
    const draft = apply(input.context.draft, ok);
    const extra = warning ? { notices: [warning] } : {};
    const routed = route?.(input);
    return routed ? { ok: true, next: routed, draft, ...extra } : after(input, next, draft, extra);
  };
}

const EDIT_TARGETS: Record<string, ConversationState> = {
  kind: 'kind',
  app: 'app',
  name: 'name',
  jobSeekerNumber: 'jobSeekerNumber',
  choice1: 'choice1Date',
  choice2: 'choice2Date',
  email: 'email',
  phone: 'phone',
  interpreter: 'interpreter',
};

function editTarget(input: AnswerInput): Evaluation {
  const value = option(input);
  if (value === 'back') return { ok: true, next: 'review', draft: input.context.draft, editing: false };
  const target = value === undefined ? undefined : EDIT_TARGETS[value];
  if (!target) return refuse({ key: 'invalidChoice' });
  return { ok: true, next: target, draft: input.context.draft, editing: true };
}

/**
 * A command word is never a name: 「キャンセル」 typed at the name question means stopping, and the
 * runner turns it into a command first; this refuses any that reaches the step another way.
 */
/**
 * 「わかりません」「まだありません」「忘れました」: the person has no number at hand, which no amount
 * of asking again fixes (docs/office-rules.md §9: guide them, do not loop). Digits mean a number was attempted.
 */
function jobSeekerNumberOf(text: string): ReturnType<typeof validateJobSeekerNumber> | { ok: false; code: 'unknown' } {
  const t = text.normalize('NFKC');
  if (!/\d/.test(t) && /わかりません|分かりません|わからな|分からな|わかんな|ない|無い|ありません|持っていません|持ってません|まだ|忘れ|不明|知らな|しらな/.test(t)) return { ok: false, code: 'unknown' };
  return validateJobSeekerNumber(text);
}

function nameOf(text: string): ReturnType<typeof validatePersonName> | { ok: false; code: 'command' } {
  return isCommandWord(text) ? { ok: false, code: 'command' } : validatePersonName(text);
}

export const STEPS: Record<Question, Step> = {
  terms: choose({
    agree: (input) => ({ ok: true, next: afterConsent(input), draft: input.context.draft, effects: ['recordConsent'] }),
    decline: endWith('termsDeclined'),
  }),
  registered: choose({ yes: goTo('target'), no: endWith('notRegistered') }),
  target: choose({
    treatment: goTo('device'),
    illness: goTo('device'),
    mothers: goTo('device'),
    difficult: goTo('device'),
    none: endWith('notTargetGroup'),
  }),
  device: choose({ yes: goTo('continuing'), no: endWith('noDevice') }),
  continuing: choose({ yes: goTo('checklist'), no: endWith('notContinuing') }),
  checklist: choose({ ok: goTo('kind'), not_ready: endWith('checklistNotReady') }),
  kind: choose({ regular: setKind('regular'), mothers: setKind('mothers') }),
  app: choose({ zoom: setApp('zoom'), teleoffice: setApp('teleoffice') }),
  name: textStep(nameOf, 'invalidName', (d, r) => ({ ...d, name: r.value }), 'jobSeekerNumber'),
  jobSeekerNumber: textStep(
    jobSeekerNumberOf,
    'invalidJobSeekerNumber',
    (d, r) => ({ ...d, jobSeekerNumber: r.value }),
    'choice1Date',
    (r) => ('warning' in r && r.warning ? { key: 'jobSeekerNumberNotAomori' } : undefined),
    (input) => (purposeOf(input) === 'immediate' ? 'immediateConfirm' : undefined),
  ),
  choice1Date: choiceStep(1, 'date'),
  choice1Time: choiceStep(1, 'time'),
  choice2Date: choiceStep(2, 'date'),
  choice2Time: choiceStep(2, 'time'),
  email: textStep(validateEmail, 'invalidEmail', (d, r) => ({ ...d, email: r.value }), 'phone'),
  phone: textStep(validatePhone, 'invalidPhone', (d, r) => ({ ...d, phone: r.value }), 'interpreter'),
  interpreter: choose({
    yes: (input) => after(input, 'review', { ...input.context.draft, interpreter: true }),
    no: (input) => after(input, 'review', { ...input.context.draft, interpreter: false }),
  }),
  review: choose({ submit: submit, edit: (input) => ({ ok: true, next: 'editMenu', draft: input.context.draft }) }),
  editMenu: editTarget,
  manage: choose({
    change: startChange,
    // Refused before the confirmation is asked, as 予約キャンセル is (docs/office-rules.md §10: phone only that day).
    cancel: (input) => (input.facts.activeBooking && isSessionDay(input.facts.activeBooking, input.now) ? sameDay() : goTo('cancelConfirm')(input)),
    back: endWith('manageBack'),
  }),
  cancelConfirm: choose({
    yes: (input) => {
      const booking = input.facts.activeBooking;
      if (!booking) return { ok: true, next: 'idle', draft: {}, notices: [{ key: 'noActiveBooking' }] };
      // On the day of a confirmed session, the terms allow cancelling by phone only (a card
      // shown the day before can still be tapped on the day).
      if (isSessionDay(booking, input.now)) return sameDay();
      return { ok: true, next: 'idle', draft: {}, effects: ['cancelBooking'] };
    },
    no: endWith('cancelKept'),
  }),
  immediateConfirm: (input) => {
    const text = typedText(input.answer);
    // Identity check (terms 6-2): a phone-number change cannot come with an immediate request.
    if (text !== undefined && mentionsPhoneChange(text)) return refuse({ key: 'immediatePhoneChange' });
    return choose({
      yes: (i) => {
        // Checked again at the yes, as a booking is at its submit: staff may have switched
        // immediate sessions off, or the hours ended, since the question was asked ...
        const immediate = i.facts.immediate;
        if (immediate?.open !== true) return { ok: true, next: 'idle', draft: {}, notices: [{ key: 'immediateClosed', params: { reason: immediate?.open === false ? immediate.reason : 'disabled' } }] };
        // ... and a new version of the terms may have come into force (docs/office-rules.md §13).
        if (i.facts.agreedTermsVersion !== i.facts.termsVersion) return { ok: true, next: 'terms', draft: i.context.draft };
        return { ok: true, next: 'idle', draft: i.context.draft, effects: ['requestImmediate'] };
      },
      no: endWith('immediateDeclined'),
    })(input);
  },
};

function purposeOf(input: AnswerInput): Purpose {
  return input.context.purpose ?? 'new';
}

/** After agreeing to the terms: an immediate session skips the booking questions. */
function afterConsent(input: AnswerInput): ConversationState {
  // Terms that changed while a booking was being filled in: agree, then back to its review.
  if (purposeOf(input) !== 'immediate') return isComplete(input.context.draft) ? 'review' : 'registered';
  const { name, jobSeekerNumber } = input.context.draft;
  return input.facts.identity || (name && jobSeekerNumber) ? 'immediateConfirm' : 'name';
}

/** Changing a booking keeps every detail and asks both preferred times again. */
export function changeDraft(facts: ConversationFacts): Draft | undefined {
  const booking = facts.activeBooking;
  if (!booking) return undefined;
  const { choice1: _c1, choice2: _c2, ...rest } = booking.draft;
  return rest;
}

/** Same-day rules apply to a fixed session only: a request awaiting staff can always be withdrawn. */
export function isSessionDay(booking: NonNullable<ConversationFacts['activeBooking']>, now: string): boolean {
  return booking.confirmedDate !== undefined && booking.confirmedDate <= toLocal(now).date;
}

function startChange(input: AnswerInput): Evaluation {
  const draft = changeDraft(input.facts);
  if (!draft) return { ok: true, next: 'idle', draft: {}, notices: [{ key: 'noActiveBooking' }] };
  if (isSessionDay(input.facts.activeBooking!, input.now)) return sameDay();
  return { ok: true, next: 'choice1Date', draft, editing: true, purpose: 'change', notices: [changeStartedNotice(input.facts)] };
}

function sameDay(): Evaluation {
  return { ok: true, next: 'idle', draft: {}, notices: [{ key: 'sameDayCancel' }] };
}

/**
 * The change notice says what becomes of the current booking: a confirmed session stays until
 * staff confirm the new time, an unconfirmed request is replaced when the change is submitted,
 * and a pending change of a confirmed session is replaced while the confirmed one stays.
 */
export function changeStartedNotice(facts: ConversationFacts): Notice {
  const b = facts.activeBooking;
  const current = b?.status === 'confirmed' ? 'confirmed' : b?.confirmedDate !== undefined ? 'changePending' : 'requested';
  return { key: 'changeStarted', params: { current } };
}

const PHONE_LIKE = /\d{2,4}-?\d{2,4}-?\d{3,4}/;

export function mentionsPhoneChange(text: string): boolean {
  const t = text.normalize('NFKC');
  return PHONE_LIKE.test(t.replace(/[‐-―−ー]/g, '-')) || (/電話/.test(t) && /変更|変え|かえ|新しい/.test(t));
}

/**
 * Submitting re-checks both choices against the calendar as it is now: time has passed since
 * they were picked, and someone else may have taken the slot. A choice that no longer works is
 * asked again and the review follows.
 */
function submit(input: AnswerInput): Evaluation {
  const { draft } = input.context;
  // Applying means agreeing to the terms in force now (docs/office-rules.md §13): a newer version is shown first.
  if (input.facts.agreedTermsVersion !== input.facts.termsVersion) return { ok: true, next: 'terms', draft };
  // One open booking per person: one made meanwhile (e.g. by staff) is shown instead of a second.
  if (purposeOf(input) !== 'change' && input.facts.hasActiveBooking) return { ok: true, next: 'idle', draft, editing: false, effects: ['showActiveBooking'] };
  // The first that no longer holds is asked again; the other is rechecked once it is answered
  // (reviewIfBothHold), so every choice that no longer holds is asked before the review returns.
  const stale = staleChoice(draft, input.facts, input.now, input.answer);
  if (stale) return { ok: true, next: stale.which === 1 ? 'choice1Date' : 'choice2Date', draft, editing: true, notices: [stale.notice] };
  if (!isComplete(draft)) return { ok: true, next: 'kind', draft, editing: false };
  return { ok: true, next: 'idle', draft, editing: false, effects: [purposeOf(input) === 'change' ? 'submitChange' : 'submitRequest'] };
}

export type CompleteDraft = Required<Omit<Draft, 'pendingDate'>>;

export function isComplete(d: Draft): d is CompleteDraft & Draft {
  return (
    d.kind !== undefined && d.app !== undefined && d.name !== undefined && d.jobSeekerNumber !== undefined &&
    d.choice1 !== undefined && d.choice2 !== undefined && d.email !== undefined && d.phone !== undefined && d.interpreter !== undefined
  );
}

/** Evaluates one answer to the current question. Pure: same input, same result. */
export function evaluateAnswer(input: AnswerInput): Evaluation {
  return STEPS[input.question](input);
}
