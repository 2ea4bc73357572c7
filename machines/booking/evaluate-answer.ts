import { toLocal } from '../../src/calendar/index.js';
import { validateJobSeekerNumber } from '../../src/validation/job-seeker-number.js';
import { validatePhone } from '../../src/validation/phone.js';
import { readChoiceAnswer } from './choice-answer.js';
import { companionStep, emailStep, nameStep } from './confirm-answer.js';
import { immediateRefusal } from './immediate-eligibility.js';
import { matchOption } from './options.js';
import { asPreviousOption, keepPrevious, previousDetailsStep } from './previous-details.js';
import { staleChoice } from './recheck-choices.js';
import type {
  Answer,
  ConversationFacts,
  Draft,
  Notice,
  Purpose,
  OptionalDetails,
  Question,
  WorkingFields,
} from './types.js';

export type { AnswerInput, Effect, Evaluation, Outcome } from './evaluation.js';
import type { AnswerInput, Evaluation, Outcome } from './evaluation.js';

type Step = (input: AnswerInput) => Evaluation;

const refuse = (notice: Notice): Evaluation => ({ ok: false, notice });

/** An item filled in; the machine goes on to the next question, or back to the review while editing. */
function filled(draft: Draft, extra: Pick<Extract<Evaluation, { ok: true }>, 'notices'> = {}): Evaluation {
  return { ok: true, outcome: 'filled', draft, ...extra };
}

function option(input: AnswerInput): string | undefined {
  const { answer } = input;
  return answer.source === 'picker' ? undefined : matchOption(input.question, answer);
}

function typedText(answer: Answer): string | undefined {
  return answer.source === 'text' ? answer.text : undefined;
}

/** A choice question whose option decides the outcome; anything else is re-asked. */
function choose(routes: Record<string, (input: AnswerInput) => Evaluation>): Step {
  return (input) => {
    const value = option(input);
    const route = value === undefined ? undefined : routes[value];
    return route ? route(input) : refuse({ key: 'invalidChoice' });
  };
}

/** An outcome that changes nothing collected; `key`: the notice that says what it means. */
const outcome =
  (result: Outcome, key?: Notice['key']) =>
  (input: AnswerInput): Evaluation => ({
    ok: true,
    outcome: result,
    draft: input.context.draft,
    ...(key ? { notices: [{ key }] } : {}),
  });

function setKind(kind: 'regular' | 'mothers'): (input: AnswerInput) => Evaluation {
  return (input) => {
    const { draft, editing } = input.context;
    if (!editing || draft.kind === kind) return filled({ ...draft, kind });
    // Another kind has another grid: earlier choices no longer apply, so both are asked again.
    const { choice1: _c1, choice2: _c2, pendingDate: _p, ...rest } = draft;
    return { ok: true, outcome: 'kindChanged', draft: { ...rest, kind }, notices: [{ key: 'choicesChanged' }] };
  };
}

function setApp(app: 'zoom' | 'teleoffice'): (input: AnswerInput) => Evaluation {
  return (input) => filled({ ...input.context.draft, app }, app === 'zoom' ? { notices: [{ key: 'zoomTerms' }] } : {});
}

function choiceStep(which: 1 | 2, part: 'date' | 'time'): Step {
  return (input) => {
    const { draft } = input.context;
    const { pendingDate: _drop, pendingHalf: _half, ...rest } = draft;
    // 「第2希望はなし」: the request goes on with the first choice alone (docs/office-rules.md §9).
    if (which === 2 && option(input) === 'none') return chosen(input, { ...rest, choice2: null });
    const pendingDate = part === 'time' ? draft.pendingDate : undefined;
    const reading = readChoiceAnswer({
      which,
      answer: input.answer,
      draft,
      facts: input.facts,
      now: input.now,
      ...(pendingDate ? { pendingDate } : {}),
    });
    switch (reading.type) {
      case 'refused':
        return refuse(reading.notice);
      case 'otherDay':
        // 「別の日」 answers a time question; at a date question it is no date, and is refused.
        return part === 'time' ? { ok: true, outcome: 'otherDay', draft: rest } : refuse({ key: 'invalidChoice' });
      case 'date':
        return {
          ok: true,
          outcome: 'dayPicked',
          draft: { ...rest, pendingDate: reading.date, ...(reading.half ? { pendingHalf: reading.half } : {}) },
          ...(reading.halfTaken
            ? { notices: [{ key: 'halfDayTaken', params: { date: reading.date, half: reading.halfTaken } }] }
            : {}),
        };
      case 'chosen': {
        // 「16日14時か17日10時」: both wishes at once (natural-choice.ts), each already checked.
        if (which === 1 && reading.second) {
          const both = chosen(input, { ...rest, choice1: reading.choice, choice2: reading.second });
          const said: Notice = { key: 'bothWishesTaken', wishes: [reading.choice, reading.second] };
          return both.ok ? { ...both, notices: [...(both.notices ?? []), said] } : both;
        }
        const next = chosen(
          input,
          which === 1 ? { ...rest, choice1: reading.choice } : { ...rest, choice2: reading.choice },
        );
        return reading.secondRefused && next.ok
          ? { ...next, notices: [...(next.notices ?? []), reading.secondRefused] }
          : next;
      }
    }
  };
}

/** A preferred time given (or the second declined). */
function chosen(input: AnswerInput, next: Draft): Evaluation {
  // Only a return to the review rechecks the choices: while editing, once the second is answered.
  if (!input.context.editing || next.choice2 === undefined) return { ok: true, outcome: 'chosen', draft: next };
  return bothStillHold(input, next);
}

/**
 * Before going back to the review card: whether both choices still hold. Both are rechecked, not
 * only the one just answered: after a refused submit, the other choice may have expired with the
 * same deadline, and a new first choice may now equal the second. One that no longer holds is
 * asked again, with the reason.
 */
function bothStillHold(input: AnswerInput, draft: Draft): Evaluation {
  const stale = staleChoice(draft, input.facts, input.now, input.answer);
  if (!stale) return { ok: true, outcome: 'chosen', draft };
  return {
    ok: true,
    outcome: stale.which === 1 ? 'firstChoiceLapsed' : 'secondChoiceLapsed',
    draft,
    notices: [stale.notice],
  };
}

/** A typed item: refused with the validator's code, or filled in with what the validator kept. */
function textStep<Valid extends { ok: true; value: string }>(
  validate: (s: string) => Valid | { ok: false; code: string },
  invalid: Notice['key'],
  apply: (draft: Draft, ok: Valid) => Draft,
  warn?: (ok: Valid) => Notice | undefined,
): Step {
  return (input) => {
    const text = typedText(input.answer);
    if (text === undefined) return refuse({ key: invalid, params: { code: 'empty' } });
    const result = validate(text);
    if (result.ok === false) return refuse({ key: invalid, params: { code: result.code } });
    const warning = warn?.(result);
    return filled(apply(input.context.draft, result), warning ? { notices: [warning] } : {});
  };
}

/** The edit menu's options: the item the person wants to change. */
const EDIT_ITEMS: Record<string, Outcome> = {
  kind: 'editKind',
  app: 'editApp',
  name: 'editName',
  jobSeekerNumber: 'editJobSeekerNumber',
  choice1: 'editChoice1',
  choice2: 'editChoice2',
  email: 'editEmail',
  phone: 'editPhone',
  interpreter: 'editInterpreter',
};

function editTarget(input: AnswerInput): Evaluation {
  const value = option(input);
  if (value === 'back') return { ok: true, outcome: 'editBack', draft: input.context.draft, editing: false };
  const item = value === undefined ? undefined : EDIT_ITEMS[value];
  if (!item) return refuse({ key: 'invalidChoice' });
  return { ok: true, outcome: item, draft: input.context.draft, editing: true };
}

/**
 * 「わかりません」「まだありません」「忘れました」「受付票をなくしました」: the person has no number at hand, which no amount
 * of asking again fixes (docs/office-rules.md §9: guide them, do not loop). Digits mean a number was attempted.
 */
function jobSeekerNumberOf(text: string): ReturnType<typeof validateJobSeekerNumber> | { ok: false; code: 'unknown' } {
  const t = text.normalize('NFKC');
  if (
    !/\d/.test(t) &&
    /わかりません|分かりません|わからな|分からな|わかんな|ない|無い|ありません|持っていません|持ってません|まだ|忘れ|不明|知らな|しらな|なくし|無くし|失くし|紛失|見当たら|見つから/.test(
      t,
    )
  )
    return { ok: false, code: 'unknown' };
  return validateJobSeekerNumber(text);
}

export const STEPS: Record<Question, Step> = {
  terms: choose({
    agree: (input) => ({
      ok: true,
      outcome: 'agreed',
      draft: input.context.draft,
      effects: ['recordConsent'],
      // An immediate session no longer asks the terms (docs/office-rules.md §14); a conversation
      // stored at this question for one before goes on as a regular booking, eligibility and all.
      ...(input.context.purpose === 'immediate' ? { purpose: 'new' as const } : {}),
    }),
    decline: outcome('declined', 'termsDeclined'),
  }),
  registered: choose({ yes: outcome('registered'), no: outcome('notRegistered', 'notRegistered') }),
  target: choose({
    treatment: outcome('inTargetGroup'),
    illness: outcome('inTargetGroup'),
    mothers: outcome('inTargetGroup'),
    difficult: outcome('inTargetGroup'),
    none: outcome('notInTargetGroup', 'notTargetGroup'),
  }),
  device: choose({ yes: outcome('hasDevice'), no: outcome('noDevice', 'noDevice') }),
  continuing: choose({ yes: outcome('wantsContinuing'), no: outcome('notContinuing', 'notContinuing') }),
  checklist: choose({ ok: outcome('ready'), not_ready: outcome('notReady', 'checklistNotReady') }),
  kind: choose({ regular: setKind('regular'), mothers: setKind('mothers') }),
  app: choose({ zoom: setApp('zoom'), teleoffice: setApp('teleoffice') }),
  name: nameStep,
  jobSeekerNumber: textStep(
    jobSeekerNumberOf,
    'invalidJobSeekerNumber',
    (d, r) => ({ ...d, jobSeekerNumber: r.value }),
    (r) => ('warning' in r && r.warning ? { key: 'jobSeekerNumberNotAomori' } : undefined),
  ),
  choice1Date: choiceStep(1, 'date'),
  choice1Time: choiceStep(1, 'time'),
  choice2Date: choiceStep(2, 'date'),
  choice2Time: choiceStep(2, 'time'),
  email: emailStep,
  phone: textStep(validatePhone, 'invalidPhone', (d, r) => ({ ...d, phone: r.value })),
  interpreter: companionStep,
  review: choose({ submit: submit, edit: outcome('editRequested') }),
  editMenu: editTarget,
  manage: choose({
    change: startChange,
    // Refused before the confirmation is asked, as 予約キャンセル is (docs/office-rules.md §10: phone only that day).
    cancel: (input) =>
      input.facts.activeBooking && isSessionDay(input.facts.activeBooking, input.now)
        ? sameDay()
        : outcome('cancelAsked')(input),
    back: outcome('back', 'manageBack'),
  }),
  cancelConfirm: choose({
    yes: (input) => {
      const booking = input.facts.activeBooking;
      if (!booking) return noBooking();
      // On the day of a confirmed session, the terms allow cancelling by phone only (a card
      // shown the day before can still be tapped on the day).
      if (isSessionDay(booking, input.now)) return sameDay();
      return { ok: true, outcome: 'cancelled', draft: {}, effects: ['cancelBooking'] };
    },
    no: outcome('kept', 'cancelKept'),
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
        if (immediate?.open !== true)
          return {
            ok: true,
            outcome: 'closedMeanwhile',
            draft: {},
            notices: [
              { key: 'immediateClosed', params: { reason: immediate?.open === false ? immediate.reason : 'disabled' } },
            ],
          };
        // ... and consent and eligibility must still be on record: a new version of the terms may
        // have come into force, or the answers passed their validity (docs/office-rules.md §14).
        const refusal = immediateRefusal(i.facts, i.now);
        if (refusal !== undefined)
          return {
            ok: true,
            outcome: 'immediateNotOnRecord',
            draft: {},
            notices: [{ key: 'immediateNeedsBooking', params: { reason: refusal } }],
          };
        return { ok: true, outcome: 'immediateRequested', draft: i.context.draft, effects: ['requestImmediate'] };
      },
      no: outcome('declined', 'immediateDeclined'),
    })(input);
  },
  previousDetails: previousDetailsStep,
};

function purposeOf(input: AnswerInput): Purpose {
  return input.context.purpose ?? 'new';
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

/**
 * One upcoming session at a time (docs/office-rules.md §9): a request awaiting staff or a confirmed
 * session that has not begun stands in the way of a new request; the session under way does not.
 */
export function blocksNewBooking(facts: ConversationFacts): boolean {
  return facts.hasActiveBooking && facts.activeBooking?.begun !== true;
}

/**
 * The day of a confirmed session, for words typed then (passed to staff as contact): the open
 * booking's, or that of the session under way beside a newer request for the next one.
 */
export function writesOnSessionDay(facts: ConversationFacts, now: string): boolean {
  if (facts.activeBooking && isSessionDay(facts.activeBooking, now)) return true;
  return facts.sessionUnderWay !== undefined && facts.sessionUnderWay.confirmedDate <= toLocal(now).date;
}

function startChange(input: AnswerInput): Evaluation {
  const booking = input.facts.activeBooking;
  const draft = changeDraft(input.facts);
  if (!booking || !draft) return noBooking();
  if (isSessionDay(booking, input.now)) return sameDay();
  return {
    ok: true,
    outcome: 'changeStarted',
    draft,
    editing: true,
    purpose: 'change',
    notices: [changeStartedNotice(input.facts)],
  };
}

function sameDay(): Evaluation {
  return { ok: true, outcome: 'sameDay', draft: {}, notices: [{ key: 'sameDayCancel' }] };
}

function noBooking(): Evaluation {
  return { ok: true, outcome: 'noBooking', draft: {}, notices: [{ key: 'noActiveBooking' }] };
}

/**
 * The change notice says what becomes of the current booking: a confirmed session stays until
 * staff confirm the new time, an unconfirmed request is replaced when the change is submitted,
 * and a pending change of a confirmed session is replaced while the confirmed one stays.
 */
export function changeStartedNotice(facts: ConversationFacts): Notice {
  const b = facts.activeBooking;
  const current =
    b?.status === 'confirmed' ? 'confirmed' : b?.confirmedDate !== undefined ? 'changePending' : 'requested';
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
  if (input.facts.agreedTermsVersion !== input.facts.termsVersion) return { ok: true, outcome: 'termsChanged', draft };
  // One open booking per person: one made meanwhile (e.g. by staff) is shown instead of a second.
  if (purposeOf(input) !== 'change' && blocksNewBooking(input.facts))
    return { ok: true, outcome: 'alreadyBooked', draft, editing: false, effects: ['showActiveBooking'] };
  // The first that no longer holds is asked again; the other is rechecked once it is answered
  // (bothStillHold), so every choice that no longer holds is asked before the review returns.
  const stale = staleChoice(draft, input.facts, input.now, input.answer);
  if (stale)
    return {
      ok: true,
      outcome: stale.which === 1 ? 'firstChoiceLapsed' : 'secondChoiceLapsed',
      draft,
      editing: true,
      notices: [stale.notice],
    };
  if (!isComplete(draft)) return { ok: true, outcome: 'incomplete', draft, editing: false };
  return {
    ok: true,
    outcome: 'submitted',
    draft,
    editing: false,
    effects: [
      purposeOf(input) === 'change'
        ? 'submitChange'
        : input.context.eligibilityKept
          ? 'submitRepeatRequest'
          : 'submitRequest',
    ],
  };
}

export type CompleteDraft = Required<Omit<Draft, WorkingFields | OptionalDetails>> & Pick<Draft, OptionalDetails>;

export function isComplete(d: Draft): d is CompleteDraft & Draft {
  return (
    d.kind !== undefined &&
    d.app !== undefined &&
    d.name !== undefined &&
    d.jobSeekerNumber !== undefined &&
    d.choice1 !== undefined &&
    d.choice2 !== undefined &&
    d.email !== undefined &&
    d.phone !== undefined &&
    d.interpreter !== undefined
  );
}

/**
 * Reads one answer to the current question: refused with a notice, or accepted with its outcome
 * and the draft it leaves. Pure: same input, same result. The machine calls it once per answer.
 */
export function evaluateAnswer(input: AnswerInput): Evaluation {
  // 「前回と同じ」 at an item a returning person gave before keeps it; at the kind or the app, it
  // is the option chosen before, read as that option's button (previous-details.ts).
  return keepPrevious(input) ?? STEPS[input.question](asPreviousOption(input) ?? input);
}
