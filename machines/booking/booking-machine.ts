/**
 * The booking conversation as a statechart: one state per question, and each question's state
 * lists where its answers lead, with guards named after the business condition the answer
 * establishes (at `registered`, `notRegistered` → idle; at `name`, `filled` while `editing` →
 * the review, else the job-seeker number).
 *
 * Why a statechart and not a reducer: the conversation is a graph of questions, commands that
 * mean different things in different states (「やめる」 at a menu, a booking command mid-input),
 * and persisted snapshots whose `value` is the question being asked. The chart shows that graph to
 * a reader and to Stately's visualiser, and xstate/graph walks it in the tests.
 *
 * How an answer is handled, in one macrostep of `transition()`:
 * 1. ANSWER at a question runs `readAnswer`, which reads the answer once (evaluateAnswer: is it
 *    accepted, what does it amount to, what draft does it leave) and raises ANSWERED with that.
 * 2. The question's ANSWERED transitions pick the target from the outcome and the conversation
 *    (editing, purpose); `applyAnswer` passes on the notices and effects and stores the draft.
 * evaluateAnswer says what an answer means; only this file says where it leads. Nothing here does
 * I/O or reads a clock: time and looked-up facts arrive inside each event. The raised event is not
 * stored, so persisted snapshots keep their shape.
 */
import { and, assign, not, raise, setup } from 'xstate';
import {
  changeDraft,
  changeStartedNotice,
  evaluateAnswer,
  isComplete,
  blocksNewBooking,
  isSessionDay,
  writesOnSessionDay,
  type Effect,
  type Evaluation,
  type Outcome,
} from './evaluate-answer.js';
import { immediateRefusal } from './immediate-eligibility.js';
import { isReturning } from './previous-details.js';
import { backTarget, backTargetsFrom } from './back.js';
import { idleIntent, smallTalk } from './text-commands.js';
import type {
  ConversationContext,
  ConversationEvent,
  ConversationFacts,
  ConversationState,
  Draft,
  Notice,
  NoticeKey,
  Purpose,
  Question,
} from './types.js';

/**
 * Bump when a change makes stored snapshots unreadable (renamed states, reshaped context).
 * The runner starts such users afresh instead of resolving an incompatible snapshot.
 */
export const BOOKING_MACHINE_VERSION = 2;

export interface NoticeAction {
  type: 'notice';
  params: Notice;
}
export interface EffectAction {
  type: 'effect';
  /**
   * `message`: what the person typed, for effects that pass it on (sessionDayContact);
   * `answered`: the person was already answered by a notice, the effect adds nothing for them;
   * `inProgress`: a booking is being filled in, and its question follows what the effect says.
   */
  params: { effect: Effect; draft: Draft; message?: string; answered?: true; inProgress?: true };
}

/**
 * Raised by the machine itself once an answer has been read (see the top of this file); never
 * sent by the runner. It carries the event's time and facts like every other event.
 */
export interface AnsweredEvent {
  type: 'ANSWERED';
  evaluation: Evaluation;
  now: string;
  facts: ConversationFacts;
}

export type BookingMachineEvent = ConversationEvent | AnsweredEvent;

const initialContext = (): ConversationContext => ({
  turn: 0,
  greeted: false,
  editing: false,
  purpose: 'new',
  draft: {},
});

/**
 * The one reading of an answer per event. `readAnswer` is attached to ANSWER only; any other
 * event (which never reaches it) would be read as no valid choice.
 */
function read(question: Question, context: ConversationContext, event: BookingMachineEvent): AnsweredEvent {
  const { now, facts } = event;
  const evaluation: Evaluation =
    event.type === 'ANSWER'
      ? evaluateAnswer({ question, answer: event.answer, context, facts, now })
      : { ok: false, notice: { key: 'invalidChoice' } };
  return { type: 'ANSWERED', evaluation, now, facts };
}

/** The accepted reading carried by ANSWERED, if this is one. */
function accepted(event: BookingMachineEvent): Extract<Evaluation, { ok: true }> | undefined {
  return event.type === 'ANSWERED' && event.evaluation.ok ? event.evaluation : undefined;
}

/** A guard that holds when the answer just read was accepted with `outcome`. */
function outcomeIs(outcome: Outcome) {
  return ({ event }: { event: BookingMachineEvent }): boolean => accepted(event)?.outcome === outcome;
}

const OUTCOME_GUARDS = {
  agreed: outcomeIs('agreed'),
  declined: outcomeIs('declined'),
  registered: outcomeIs('registered'),
  notRegistered: outcomeIs('notRegistered'),
  inTargetGroup: outcomeIs('inTargetGroup'),
  notInTargetGroup: outcomeIs('notInTargetGroup'),
  hasDevice: outcomeIs('hasDevice'),
  noDevice: outcomeIs('noDevice'),
  wantsContinuing: outcomeIs('wantsContinuing'),
  notContinuing: outcomeIs('notContinuing'),
  ready: outcomeIs('ready'),
  notReady: outcomeIs('notReady'),
  filled: outcomeIs('filled'),
  confirmAsked: outcomeIs('confirmAsked'),
  kindChanged: outcomeIs('kindChanged'),
  otherDay: outcomeIs('otherDay'),
  dayPicked: outcomeIs('dayPicked'),
  chosen: outcomeIs('chosen'),
  firstChoiceLapsed: outcomeIs('firstChoiceLapsed'),
  secondChoiceLapsed: outcomeIs('secondChoiceLapsed'),
  termsChanged: outcomeIs('termsChanged'),
  alreadyBooked: outcomeIs('alreadyBooked'),
  incomplete: outcomeIs('incomplete'),
  submitted: outcomeIs('submitted'),
  editRequested: outcomeIs('editRequested'),
  editBack: outcomeIs('editBack'),
  editKind: outcomeIs('editKind'),
  editApp: outcomeIs('editApp'),
  editName: outcomeIs('editName'),
  editJobSeekerNumber: outcomeIs('editJobSeekerNumber'),
  editChoice1: outcomeIs('editChoice1'),
  editChoice2: outcomeIs('editChoice2'),
  editEmail: outcomeIs('editEmail'),
  editPhone: outcomeIs('editPhone'),
  editInterpreter: outcomeIs('editInterpreter'),
  changeStarted: outcomeIs('changeStarted'),
  cancelAsked: outcomeIs('cancelAsked'),
  back: outcomeIs('back'),
  noBooking: outcomeIs('noBooking'),
  sameDay: outcomeIs('sameDay'),
  cancelled: outcomeIs('cancelled'),
  kept: outcomeIs('kept'),
  closedMeanwhile: outcomeIs('closedMeanwhile'),
  immediateRequested: outcomeIs('immediateRequested'),
  immediateNotOnRecord: outcomeIs('immediateNotOnRecord'),
  previousKept: outcomeIs('previousKept'),
  previousChanged: outcomeIs('previousChanged'),
  eligibilityReview: outcomeIs('eligibilityReview'),
} satisfies Record<Outcome, unknown>;

const NEW: Purpose = 'new';
const CHANGE: Purpose = 'change';
const IMMEDIATE: Purpose = 'immediate';
const IMMEDIATE_INTRO = { type: 'notice', params: { key: 'immediateIntro' } } as const;

const baseSetup = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as BookingMachineEvent,
  },
  actions: {
    // Effects leave the machine as data; the runner renders notices and performs effects.
    notice: (_: unknown, _params: Notice) => undefined,
    effect: (_: unknown, _params: EffectAction['params']) => undefined,
    readAnswer: raise<ConversationContext, BookingMachineEvent, BookingMachineEvent, { question: Question }>(
      ({ context, event }, { question }) => read(question, context, event),
    ),
    nextTurn: assign({ turn: ({ context }) => context.turn + 1 }),
    resetDraft: assign({
      draft: () => ({}),
      editing: () => false,
      purpose: () => NEW,
      eligibilityKept: () => undefined,
      afterDecline: () => undefined,
    }),
    /** A returning person goes on without the eligibility questions: their answers on record are kept. */
    keepEligibility: assign({ eligibilityKept: () => true as const }),
    beginChange: assign({
      draft: ({ event }) => changeDraft(event.facts) ?? {},
      editing: () => true,
      purpose: () => CHANGE,
      afterDecline: ({ event }) => (event.type === 'CHANGE' && event.afterDecline ? (true as const) : undefined),
    }),
    beginImmediate: assign({
      draft: ({ event }) => (event.facts.identity ? { ...event.facts.identity } : {}),
      editing: () => false,
      purpose: () => IMMEDIATE,
      afterDecline: () => undefined,
    }),
    greet: assign({ greeted: () => true }),
  },
  guards: {
    // One guard per outcome, named after it: the answer read at this question was accepted with it.
    ...OUTCOME_GUARDS,
    /** The answer read at this question was refused: the question is asked again, with the reason. */
    answerRefused: ({ event }) => event.type === 'ANSWERED' && !event.evaluation.ok,
    /** Changing one item from the review card: once given, the review comes back. */
    editing: ({ context }) => context.editing,
    /** The answer leaves the second preferred time answered, given or declined (a change of booking asks it after the first). */
    bothChoicesGiven: ({ event }) => accepted(event)?.draft.choice2 !== undefined,
    /** With this answer every item of the booking is given. */
    answerCompletesDraft: ({ event }) => {
      const result = accepted(event);
      return result !== undefined && isComplete(result.draft);
    },
    /** Every item of the booking is filled in (terms that changed mid-booking return to its review). */
    draftComplete: ({ context }) => isComplete(context.draft),
    hasActiveBooking: ({ event }) => event.facts.hasActiveBooking,
    /** An open booking that a new request may not join (docs/office-rules.md §9: not the session under way). */
    blocksNewBooking: ({ event }) => blocksNewBooking(event.facts),
    agreedToCurrentTerms: ({ event }) => event.facts.agreedTermsVersion === event.facts.termsVersion,
    /** Eligibility answered within the office's validity and details of before kept (docs/office-rules.md §12). */
    returning: ({ event }) => isReturning(event.facts, event.now),
    /** The e-mail and phone are already given (kept from before): they are not asked again. */
    contactGiven: ({ context }) => context.draft.email !== undefined && context.draft.phone !== undefined,
    /**
     * Terms art. 2 and 6-2(1): consent to the terms in force recorded before this request, and the
     * eligibility questions answered within the office's validity (docs/office-rules.md §14).
     */
    consentAndEligibilityOnRecord: ({ event }) => immediateRefusal(event.facts, event.now) === undefined,
    immediateClosed: ({ event }) => event.facts.immediate?.open !== true,
    hasIdentity: ({ event }) => event.facts.identity !== undefined,
    sessionIsToday: ({ event }) =>
      event.facts.activeBooking !== undefined && isSessionDay(event.facts.activeBooking, event.now),
    /** Words typed on the day of the open booking's session, or of the session under way beside it. */
    writesOnSessionDay: ({ event }) => writesOnSessionDay(event.facts, event.now),
    fillingImmediate: ({ context }) => context.purpose === 'immediate',
    changingBooking: ({ context }) => context.purpose === 'change',
    nothingTypedYet: ({ context }) => Object.keys(context.draft).length === 0,
    changingAfterDecline: ({ context }) => context.afterDecline === true,
    /** 「戻る」 at `question` leads to `target` (back.ts, the one rule the question's button shows too). */
    backLeadsTo: ({ context }, params: { question: Question; target: Question }) =>
      backTarget(params.question, context) === params.target,
    proposalPending: ({ event }) => event.facts.activeBooking?.proposalPending === true,
    /** Thanks, a greeting or an 「わかりました」 on its own; not an 「わかりました」 that may answer a proposal. */
    typedSmallTalk: ({ event }) => {
      const talk = event.type === 'ANSWER' && event.answer.source === 'text' ? smallTalk(event.answer.text) : undefined;
      return talk !== undefined && !(talk === 'okay' && event.facts.activeBooking?.proposalPending === true);
    },
    typedChangeOrCancel: ({ event }) => {
      const intent =
        event.type === 'ANSWER' && event.answer.source === 'text' ? idleIntent(event.answer.text) : undefined;
      return intent === 'cancelBooking' || intent === 'change';
    },
  },
});

const machineSetup = baseSetup.extend({
  actions: {
    /** An accepted answer: its notices, then its effects, then the draft (and mode) it leaves. */
    applyAnswer: baseSetup.enqueueActions(({ context, event, enqueue }) => {
      const result = accepted(event);
      if (!result) return;
      for (const notice of result.notices ?? []) enqueue({ type: 'notice', params: notice });
      for (const effect of result.effects ?? []) enqueue({ type: 'effect', params: { effect, draft: result.draft } });
      enqueue.assign({
        draft: result.draft,
        editing: result.editing ?? context.editing,
        purpose: result.purpose ?? context.purpose ?? NEW,
      });
    }),
    /** A refused answer: the reason; the question is asked again unchanged. */
    sayWhyRefused: baseSetup.enqueueActions(({ event, enqueue }) => {
      if (event.type === 'ANSWERED' && !event.evaluation.ok)
        enqueue({ type: 'notice', params: event.evaluation.notice });
    }),
  },
});

type EventArgs = { event: BookingMachineEvent };

// The types of a state's transitions, as this machine's setup checks them. Builders below declare
// them as return types, so the literal action and guard names need no `as const`.
type StateConfig = Parameters<typeof machineSetup.createStateConfig>[0];
type Transitions = NonNullable<StateConfig['on']>;
/** A transition usable under any event ('*' types its expressions with the whole event union). */
type Transition = Exclude<NonNullable<Transitions['*']>, string | readonly unknown[]>;
type Guard = NonNullable<Transition['guard']>;

function say(notice: Notice | ((args: EventArgs) => Notice)): Transition['actions'] {
  return { type: 'notice', params: notice };
}

/** Where an accepted answer leads when `guard` holds (re-entered: asking the same question again is a new turn). */
function leadsTo(target: ConversationState, guard: Guard): Transition {
  return { guard, target: `#booking.${target}`, reenter: true, actions: 'applyAnswer' };
}

/** Like leadsTo, and the booking goes on with the eligibility answers on record (see submitRepeatRequest). */
function keepingEligibility(target: ConversationState, guard: Guard): Transition {
  return { ...leadsTo(target, guard), actions: ['applyAnswer', 'keepEligibility'] };
}

/** 今すぐ相談 refused for want of consent or eligibility on record: why, and a regular booking offered. */
function immediateNeedsBooking(inProgress: boolean) {
  return ({ event }: EventArgs): Notice => ({
    key: 'immediateNeedsBooking',
    params: {
      reason: immediateRefusal(event.facts, event.now) ?? 'noConsent',
      ...(inProgress ? { inProgress: 1 } : {}),
    },
  });
}

function immediateClosed(inProgress: boolean) {
  return ({ event }: EventArgs): Notice => ({
    key: 'immediateClosed',
    params: {
      reason: event.facts.immediate?.open === false ? event.facts.immediate.reason : 'disabled',
      ...(inProgress ? { inProgress: 1 } : {}),
    },
  });
}

/**
 * On the day of a confirmed session, changing and cancelling are by phone only (docs/office-rules.md §10). The
 * person did write to the office, though: staff are told, so it is not taken for silence.
 */
const SAME_DAY_BY_PHONE: Transition = {
  guard: 'sessionIsToday',
  target: '.idle',
  actions: [
    { type: 'notice', params: { key: 'sameDayCancel' } },
    { type: 'effect', params: { effect: 'sessionDayContact', draft: {}, answered: true } },
  ],
};

/** The text of a typed answer, for effects that pass it on. */
function typedMessage(event: BookingMachineEvent): { message?: string } {
  return event.type === 'ANSWER' && event.answer.source === 'text' ? { message: event.answer.text } : {};
}

/** Mid-booking, a command about a booking that does not exist is answered and the question asked again. */
const NOTHING_TO_MANAGE: Transition = { actions: say({ key: 'noActiveBooking', params: { inProgress: 1 } }) };

/**
 * 予約キャンセル without a booking: a 今すぐ相談 request may be waiting, which the runner looks up
 * and calls off; otherwise it says there is nothing to cancel.
 */
function cancelWithoutBooking(inProgress: boolean): Transition['actions'] {
  return {
    type: 'effect',
    params: { effect: 'cancelWithoutBooking', draft: {}, ...(inProgress ? { inProgress: true as const } : {}) },
  };
}

/** Without a booking, the booking commands say so; `leave`: from a booking menu, which then makes no sense. */
function leaveWithoutBooking(leave: boolean): Transitions {
  const target = leave ? { target: '#booking.idle' } : {};
  const refuse: Transition = { guard: not('hasActiveBooking'), ...target, actions: say({ key: 'noActiveBooking' }) };
  const cancel: Transition = { guard: not('hasActiveBooking'), ...target, actions: cancelWithoutBooking(false) };
  return { MANAGE: refuse, CHANGE: refuse, CANCEL_BOOKING: cancel };
}

/** What 「やめる」 means where no booking is being filled in: leave the booking as it is. */
const STOP_MEANS: Partial<Record<Question, NoticeKey>> = {
  manage: 'manageBack',
  cancelConfirm: 'cancelKept',
  immediateConfirm: 'immediateDeclined',
};

/** Commands that mean something else at a booking menu than mid-input (see STOP_MEANS). */
function menuCommands(question: Question): Transitions {
  const stop = STOP_MEANS[question];
  if (stop === undefined) return {};
  const stopHere: Transitions = { CANCEL: { target: '#booking.idle', actions: say({ key: stop }) } };
  if (question === 'immediateConfirm') return stopHere;
  // A menu holds no draft to keep, and one about a booking that is gone or an immediate session
  // that closed makes no sense any more: a refused command leaves it.
  return {
    ...stopHere,
    ...leaveWithoutBooking(true),
    IMMEDIATE: { guard: 'immediateClosed', target: '#booking.idle', actions: say(immediateClosed(false)) },
  };
}

/**
 * 予約する (or adding the account again) at the terms, the first question, with nothing typed
 * yet: the terms are simply shown again. 「いま予約のお申し込みを入力中です」 would speak of an
 * input the person has not begun. With a draft (terms asked again mid-booking) it is said as anywhere.
 */
const ASKED_AGAIN_AT_TERMS: Transitions = {
  START: { guard: 'nothingTypedYet', actions: [] },
  FOLLOW: { guard: 'nothingTypedYet', actions: [] },
};

/**
 * A question: each answer is read once (ANSWER raises ANSWERED), then `routes` say where an
 * accepted one leads. A refused one is asked again with the reason; an accepted one no route
 * takes (none should: the tests walk every outcome) is asked again as an invalid choice.
 */
function questionState(question: Question, routes: readonly Transition[]) {
  return machineSetup.createStateConfig({
    entry: 'nextTurn',
    on: {
      ANSWER: { actions: { type: 'readAnswer', params: { question } } },
      ANSWERED: [
        { guard: 'answerRefused', actions: 'sayWhyRefused' },
        ...routes,
        { actions: say({ key: 'invalidChoice' }) },
      ],
      ...menuCommands(question),
      ...(question === 'terms' ? ASKED_AGAIN_AT_TERMS : {}),
      BACK: backTo(question),
    },
  });
}

/**
 * 「戻る」: each place it may lead, taken when backTarget (back.ts) says so. What was given is kept.
 */
function backTo(question: Question): Transition[] {
  // A step in progress (a date waiting for its time, an answer waiting for a yes) belongs to the
  // question left behind; every answer given stays.
  const went: Transition['actions'] = [
    assign({
      draft: ({ context }: { context: ConversationContext }) => {
        const { pendingDate: _d, pendingHalf: _h, unconfirmed: _u, ...kept } = context.draft;
        return kept;
      },
    }),
    { type: 'notice', params: { key: 'wentBack' } },
  ];
  return [
    ...backTargetsFrom(question).map((target) => ({
      guard: { type: 'backLeadsTo' as const, params: { question, target } },
      target: `#booking.${target}`,
      reenter: true,
      actions: went,
    })),
    { actions: say({ key: 'cannotGoBack' }) },
  ];
}

/**
 * An item of the booking: the next question, or back to the review card while editing once every
 * item is given (a kind changed while editing clears the choices: they are asked on the way).
 */
function filledThen(next: Question): Transition[] {
  return [leadsTo('review', and(['filled', 'editing', 'answerCompletesDraft'])), leadsTo(next, 'filled')];
}

/** The four date and time questions of preferred choice `which`. */
function choiceRoutes(which: 1 | 2, part: 'date' | 'time'): Transition[] {
  const [dateQuestion, timeQuestion]: [Question, Question] =
    which === 1 ? ['choice1Date', 'choice1Time'] : ['choice2Date', 'choice2Time'];
  return [
    // 「別の日を選ぶ」 at the times of a day (a date question refuses it).
    ...(part === 'time' ? [leadsTo(dateQuestion, 'otherDay')] : []),
    // A date alone: its free times are offered (typed at the time question, another day's).
    leadsTo(timeQuestion, 'dayPicked'),
    // Back to the review, a choice that no longer holds is asked again first.
    leadsTo('choice1Date', 'firstChoiceLapsed'),
    leadsTo('choice2Date', 'secondChoiceLapsed'),
    // While editing, the review once both are given; a change of booking asks the second after the first.
    leadsTo('review', and(['chosen', 'editing', 'bothChoicesGiven'])),
    // A returning person who kept their details: the e-mail and phone are not asked again.
    ...(which === 2 ? [leadsTo('interpreter', and(['chosen', 'contactGiven']))] : []),
    // Both wishes in one message (「16日14時か17日10時」): the second choice is answered already.
    ...(which === 1
      ? [
          leadsTo('interpreter', and(['chosen', 'bothChoicesGiven', 'contactGiven'])),
          leadsTo('email', and(['chosen', 'bothChoicesGiven'])),
        ]
      : []),
    leadsTo(which === 1 ? 'choice2Date' : 'email', 'chosen'),
  ];
}

/**
 * The booking conversation. Pure: no I/O, no clock, no randomness. Time and looked-up facts
 * arrive inside each event; what to say and do leaves as `notice` and `effect` actions.
 */
export const bookingMachine = machineSetup.createMachine({
  id: 'booking',
  initial: 'idle',
  context: initialContext,
  on: {
    CANCEL: [
      // Stopping a change of times leaves the booking itself as it was: say so, not "discarded".
      // Begun by turning down staff's proposal, staff wait for the new times: they are told.
      {
        guard: and(['changingBooking', 'changingAfterDecline']),
        target: '.idle',
        actions: [
          { type: 'notice', params: { key: 'changeStopped', params: { afterDecline: 1 } } },
          { type: 'effect', params: { effect: 'declinedChangeStopped', draft: {} } },
        ],
      },
      { guard: 'changingBooking', target: '.idle', actions: { type: 'notice', params: { key: 'changeStopped' } } },
      { target: '.idle', actions: { type: 'notice', params: { key: 'cancelled' } } },
    ],
    // Restarting keeps nothing of the draft and begins again where a new booking begins.
    RESTART: [
      {
        guard: 'blocksNewBooking',
        target: '.idle',
        actions: { type: 'effect', params: { effect: 'showActiveBooking', draft: {} } },
      },
      {
        guard: and(['agreedToCurrentTerms', 'returning']),
        target: '.previousDetails',
        reenter: true,
        actions: ['resetDraft', 'greet', { type: 'notice', params: { key: 'restarted' } }],
      },
      {
        guard: 'agreedToCurrentTerms',
        target: '.registered',
        reenter: true,
        actions: ['resetDraft', 'greet', { type: 'notice', params: { key: 'restarted' } }],
      },
      {
        target: '.terms',
        reenter: true,
        actions: ['resetDraft', 'greet', { type: 'notice', params: { key: 'restarted' } }],
      },
    ],
    HELP: { actions: { type: 'notice', params: { key: 'help' } } },
    STALE: { actions: { type: 'notice', params: { key: 'stale' } } },
    START: { actions: { type: 'notice', params: { key: 'inProgress' } } },
    FOLLOW: { actions: { type: 'notice', params: { key: 'inProgress' } } },
    CHECK: { actions: { type: 'effect', params: { effect: 'showStatus', draft: {} } } },
    // Same-day refusals come first, before any menu or confirmation is shown.
    MANAGE: [
      SAME_DAY_BY_PHONE,
      { guard: 'hasActiveBooking', target: '.manage', actions: 'resetDraft' },
      NOTHING_TO_MANAGE,
    ],
    CHANGE: [
      SAME_DAY_BY_PHONE,
      {
        guard: 'hasActiveBooking',
        target: '.choice1Date',
        reenter: true,
        actions: ['beginChange', { type: 'notice', params: ({ event }) => changeStartedNotice(event.facts) }],
      },
      NOTHING_TO_MANAGE,
    ],
    CANCEL_BOOKING: [
      SAME_DAY_BY_PHONE,
      { guard: 'hasActiveBooking', target: '.cancelConfirm', reenter: true, actions: 'resetDraft' },
      { actions: cancelWithoutBooking(true) },
    ],
    // The draft goes with it so staff know who is asking (the name typed so far), and stays: once
    // staff hand the chat back, the person answers the question they were at, buttons included.
    HANDOFF: { actions: { type: 'effect', params: ({ context }) => ({ effect: 'handoff', draft: context.draft }) } },
    // Immediate sessions (terms 6-2): only while open, and only for people whose consent and
    // eligibility answers are already on record (docs/office-rules.md §14); an interpreter or
    // helper is asked about before the final yes.
    IMMEDIATE: [
      // The draft being filled in is for the immediate session itself: nothing left to keep.
      {
        guard: and(['immediateClosed', 'fillingImmediate']),
        target: '.idle',
        actions: { type: 'notice', params: immediateClosed(false) },
      },
      // Mid-booking the refusal keeps the draft and the question (asked again by the runner).
      { guard: 'immediateClosed', actions: { type: 'notice', params: immediateClosed(true) } },
      // Mid-booking (idle answers this itself) the booking being filled in goes on.
      { guard: not('consentAndEligibilityOnRecord'), actions: say(immediateNeedsBooking(true)) },
      // What a 今すぐ相談 is comes first: the rich menu's button may be all the person has seen of it.
      { guard: 'hasIdentity', target: '.interpreter', reenter: true, actions: ['beginImmediate', IMMEDIATE_INTRO] },
      { target: '.name', reenter: true, actions: ['beginImmediate', IMMEDIATE_INTRO] },
    ],
  },
  states: {
    idle: {
      entry: 'resetDraft',
      on: {
        START: [
          {
            guard: 'blocksNewBooking',
            actions: [{ type: 'effect', params: { effect: 'showActiveBooking', draft: {} } }, 'greet'],
          },
          // A returning person is not asked the eligibility questions again (docs/office-rules.md §12).
          { guard: and(['agreedToCurrentTerms', 'returning']), target: '#booking.previousDetails', actions: 'greet' },
          {
            guard: 'agreedToCurrentTerms',
            target: '#booking.registered',
            actions: ['greet', { type: 'notice', params: { key: 'greeting' } }],
          },
          { target: '#booking.terms', actions: 'greet' },
        ],
        CANCEL: { actions: { type: 'notice', params: { key: 'nothingToCancel' } } },
        ANSWER: [
          // On the session day, words the bot cannot act on are most likely about the session
          // (「遅れます」「Zoomに入れません」): they go to staff, and the person gets the number.
          // A change or cancel in words (「今日の予約をキャンセルしたい」) gets the phone-only rule; staff see the words.
          {
            guard: and(['writesOnSessionDay', 'typedChangeOrCancel']),
            actions: [
              { type: 'notice', params: { key: 'sameDayCancel' } },
              {
                type: 'effect',
                params: ({ event }) => ({
                  effect: 'sessionDayContact',
                  draft: {},
                  answered: true,
                  ...typedMessage(event),
                }),
              },
            ],
          },
          // Thanks and greetings are answered in kind, also on the session day: staff need not see them.
          {
            guard: 'typedSmallTalk',
            actions: {
              type: 'notice',
              params: ({ event }) => ({
                key: 'smallTalk',
                params: {
                  kind:
                    event.type === 'ANSWER' && event.answer.source === 'text'
                      ? (smallTalk(event.answer.text) ?? '')
                      : '',
                  hasBooking: event.facts.hasActiveBooking ? 1 : 0,
                },
              }),
            },
          },
          {
            guard: 'writesOnSessionDay',
            actions: {
              type: 'effect',
              params: ({ event }) => ({ effect: 'sessionDayContact', draft: {}, ...typedMessage(event) }),
            },
          },
          // 「はい」「それでお願いします」 to a proposal: its buttons answer it, so show them again.
          {
            guard: 'proposalPending',
            actions: [
              { type: 'notice', params: { key: 'proposalWaiting' } },
              { type: 'effect', params: { effect: 'showStatus', draft: {} } },
            ],
          },
          {
            guard: 'hasActiveBooking',
            actions: { type: 'notice', params: { key: 'idleMenu', params: { hasBooking: 1 } } },
          },
          { actions: { type: 'notice', params: { key: 'idleMenu' } } },
        ],
        // No question is shown, so "answer the current question" would make no sense.
        STALE: { actions: { type: 'notice', params: { key: 'staleIdle' } } },
        // Guards that fail here fall through to the machine-level transitions above.
        ...leaveWithoutBooking(false),
        IMMEDIATE: [
          { guard: 'immediateClosed', actions: { type: 'notice', params: immediateClosed(false) } },
          { guard: not('consentAndEligibilityOnRecord'), actions: say(immediateNeedsBooking(false)) },
        ],
      },
    },

    // Consent to the terms of use. Agreeing records it (an effect) and goes on: with a booking
    // already filled in (terms changed at the submit) back to its review. An immediate session
    // never asks it: consent given now is not consent on record from before (§14).
    terms: questionState('terms', [
      leadsTo('idle', 'declined'),
      leadsTo('review', and(['agreed', 'draftComplete'])),
      leadsTo('previousDetails', and(['agreed', 'returning'])),
      leadsTo('registered', 'agreed'),
    ]),

    // Eligibility (terms, article 2): each "no" ends the booking with what to do instead.
    registered: questionState('registered', [leadsTo('target', 'registered'), leadsTo('idle', 'notRegistered')]),
    target: questionState('target', [leadsTo('device', 'inTargetGroup'), leadsTo('idle', 'notInTargetGroup')]),
    device: questionState('device', [leadsTo('continuing', 'hasDevice'), leadsTo('idle', 'noDevice')]),
    continuing: questionState('continuing', [
      leadsTo('checklist', 'wantsContinuing'),
      leadsTo('idle', 'notContinuing'),
    ]),
    checklist: questionState('checklist', [leadsTo('kind', 'ready'), leadsTo('idle', 'notReady')]),

    // The booking's items. Another kind while editing clears both choices, which are asked again.
    kind: questionState('kind', [leadsTo('choice1Date', 'kindChanged'), ...filledThen('app')]),
    app: questionState('app', filledThen('name')),
    // A one-word kana name or a likely mail typo is asked about once more (confirm-answer.ts).
    name: questionState('name', [leadsTo('name', 'confirmAsked'), ...filledThen('jobSeekerNumber')]),
    // For an immediate session the interpreter question follows the number.
    jobSeekerNumber: questionState('jobSeekerNumber', [
      leadsTo('interpreter', and(['filled', 'fillingImmediate'])),
      ...filledThen('choice1Date'),
    ]),
    choice1Date: questionState('choice1Date', choiceRoutes(1, 'date')),
    choice1Time: questionState('choice1Time', choiceRoutes(1, 'time')),
    choice2Date: questionState('choice2Date', choiceRoutes(2, 'date')),
    choice2Time: questionState('choice2Time', choiceRoutes(2, 'time')),
    email: questionState('email', [leadsTo('email', 'confirmAsked'), ...filledThen('phone')]),
    phone: questionState('phone', filledThen('interpreter')),
    // For an immediate session the last question before its final yes.
    interpreter: questionState('interpreter', [
      // 「同席します」: who attends, then an interpreter's language (confirm-answer.ts).
      leadsTo('interpreter', 'confirmAsked'),
      leadsTo('immediateConfirm', and(['filled', 'fillingImmediate'])),
      leadsTo('review', 'filled'),
    ]),

    // The review card. Submitting rechecks everything as it is now (terms, an open booking made
    // meanwhile, both choices against the calendar) before the request is filed.
    review: questionState('review', [
      leadsTo('editMenu', 'editRequested'),
      leadsTo('terms', 'termsChanged'),
      leadsTo('idle', 'alreadyBooked'),
      leadsTo('choice1Date', 'firstChoiceLapsed'),
      leadsTo('choice2Date', 'secondChoiceLapsed'),
      leadsTo('kind', 'incomplete'),
      leadsTo('idle', 'submitted'),
    ]),
    editMenu: questionState('editMenu', [
      leadsTo('review', 'editBack'),
      leadsTo('kind', 'editKind'),
      leadsTo('app', 'editApp'),
      leadsTo('name', 'editName'),
      leadsTo('jobSeekerNumber', 'editJobSeekerNumber'),
      leadsTo('choice1Date', 'editChoice1'),
      leadsTo('choice2Date', 'editChoice2'),
      leadsTo('email', 'editEmail'),
      leadsTo('phone', 'editPhone'),
      leadsTo('interpreter', 'editInterpreter'),
    ]),

    // An existing booking: change its times, cancel it (after a confirmation), or leave it.
    // On the session day both are by phone only; a booking gone meanwhile is said to be gone.
    manage: questionState('manage', [
      leadsTo('choice1Date', 'changeStarted'),
      leadsTo('cancelConfirm', 'cancelAsked'),
      leadsTo('idle', 'back'),
      leadsTo('idle', 'sameDay'),
      leadsTo('idle', 'noBooking'),
    ]),
    cancelConfirm: questionState('cancelConfirm', [
      leadsTo('idle', 'cancelled'),
      leadsTo('idle', 'kept'),
      leadsTo('idle', 'sameDay'),
      leadsTo('idle', 'noBooking'),
    ]),
    // A returning person: everything of before kept (on to the dates), the items given afresh
    // (each offered as 「前回と同じ」), or the eligibility answers reviewed (the usual questions).
    previousDetails: questionState('previousDetails', [
      keepingEligibility('choice1Date', 'previousKept'),
      keepingEligibility('kind', 'previousChanged'),
      leadsTo('registered', 'eligibilityReview'),
    ]),
    // Checked again at the yes: still open, and consent and eligibility still on record (a new
    // version of the terms may have come into force meanwhile).
    immediateConfirm: questionState('immediateConfirm', [
      leadsTo('idle', 'immediateRequested'),
      leadsTo('idle', 'closedMeanwhile'),
      leadsTo('idle', 'immediateNotOnRecord'),
      leadsTo('idle', 'declined'),
    ]),
  },
});

export type BookingMachine = typeof bookingMachine;
