import { and, assign, not, setup } from 'xstate';
import { changeDraft, changeStartedNotice, evaluateAnswer, isSessionDay, type Effect } from './evaluate-answer.js';
import { idleIntent } from './text-commands.js';
import type { ConversationContext, ConversationEvent, ConversationState, Draft, Notice, NoticeKey, Question } from './types.js';

/**
 * Bump when a change makes stored snapshots unreadable (renamed states, reshaped context).
 * The runner starts such users afresh instead of resolving an incompatible snapshot.
 */
export const BOOKING_MACHINE_VERSION = 2;

/** Which states each question can lead to. Tests check evaluateAnswer never leaves this map. */
export const TARGETS: Record<Question, readonly ConversationState[]> = {
  terms: ['registered', 'immediateConfirm', 'name', 'review', 'idle'],
  registered: ['target', 'idle'],
  target: ['device', 'idle'],
  device: ['continuing', 'idle'],
  continuing: ['checklist', 'idle'],
  checklist: ['kind', 'idle'],
  kind: ['app', 'choice1Date', 'review'],
  app: ['name', 'review'],
  name: ['jobSeekerNumber', 'review'],
  jobSeekerNumber: ['choice1Date', 'immediateConfirm', 'review'],
  choice1Date: ['choice1Time', 'choice2Date', 'review'],
  choice1Time: ['choice1Date', 'choice1Time', 'choice2Date', 'review'],
  // While editing, a first choice that no longer holds is asked again before the review.
  choice2Date: ['choice1Date', 'choice2Time', 'email', 'review'],
  choice2Time: ['choice1Date', 'choice2Date', 'choice2Time', 'email', 'review'],
  email: ['phone', 'review'],
  phone: ['interpreter', 'review'],
  interpreter: ['review'],
  review: ['idle', 'editMenu', 'choice1Date', 'choice2Date', 'kind', 'terms'],
  editMenu: ['kind', 'app', 'name', 'jobSeekerNumber', 'choice1Date', 'choice2Date', 'email', 'phone', 'interpreter', 'review'],
  manage: ['choice1Date', 'cancelConfirm', 'idle'],
  cancelConfirm: ['idle'],
  immediateConfirm: ['idle', 'terms'],
};

export interface NoticeAction {
  type: 'notice';
  params: Notice;
}
export interface EffectAction {
  type: 'effect';
  /**
   * `message`: what the person typed, for effects that pass it on (sessionDayContact);
   * `answered`: the person was already answered by a notice, the effect adds nothing for them.
   */
  params: { effect: Effect; draft: Draft; message?: string; answered?: true };
}

const initialContext = (): ConversationContext => ({ turn: 0, greeted: false, editing: false, purpose: 'new', draft: {} });

function evaluation(context: ConversationContext, event: ConversationEvent, question: Question) {
  if (event.type !== 'ANSWER') return undefined;
  return evaluateAnswer({ question, answer: event.answer, context, facts: event.facts, now: event.now });
}

const machineSetup = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as ConversationEvent,
  },
  actions: {
    // Effects leave the machine as data; the runner renders notices and performs effects.
    notice: (_: unknown, _params: Notice) => undefined,
    effect: (_: unknown, _params: EffectAction['params']) => undefined,
    nextTurn: assign({ turn: ({ context }) => context.turn + 1 }),
    resetDraft: assign({ draft: () => ({}), editing: () => false, purpose: () => 'new' as const }),
    beginChange: assign({
      draft: ({ event }) => changeDraft(event.facts) ?? {},
      editing: () => true,
      purpose: () => 'change' as const,
    }),
    beginImmediate: assign({
      draft: ({ event }) => (event.facts.identity ? { ...event.facts.identity } : {}),
      editing: () => false,
      purpose: () => 'immediate' as const,
    }),
    greet: assign({ greeted: () => true }),
  },
  guards: {
    leadsTo: ({ context, event }, params: { question: Question; target: ConversationState }) => {
      const result = evaluation(context, event, params.question);
      return result?.ok === true && result.next === params.target;
    },
    hasActiveBooking: ({ event }) => event.facts.hasActiveBooking,
    agreedToCurrentTerms: ({ event }) => event.facts.agreedTermsVersion === event.facts.termsVersion,
    notAgreedToCurrentTerms: ({ event }) => event.facts.agreedTermsVersion !== event.facts.termsVersion,
    immediateClosed: ({ event }) => event.facts.immediate?.open !== true,
    hasIdentity: ({ event }) => event.facts.identity !== undefined,
    sessionIsToday: ({ event }) => event.facts.activeBooking !== undefined && isSessionDay(event.facts.activeBooking, event.now),
    fillingImmediate: ({ context }) => context.purpose === 'immediate',
    changingBooking: ({ context }) => context.purpose === 'change',
    proposalPending: ({ event }) => event.facts.activeBooking?.proposalPending === true,
    typedChangeOrCancel: ({ event }) => {
      const intent = event.type === 'ANSWER' && event.answer.source === 'text' ? idleIntent(event.answer.text) : undefined;
      return intent === 'cancelBooking' || intent === 'change';
    },
  },
});

type EventArgs = { event: ConversationEvent };

function immediateClosed(inProgress: boolean) {
  return ({ event }: EventArgs): Notice => ({
    key: 'immediateClosed',
    params: { reason: event.facts.immediate?.open === false ? event.facts.immediate.reason : 'disabled', ...(inProgress ? { inProgress: 1 } : {}) },
  });
}

/**
 * On the day of a confirmed session, changing and cancelling are by phone only (docs/office-rules.md §10). The
 * person did write to the office, though: staff are told, so it is not taken for silence.
 */
const SAME_DAY_BY_PHONE = {
  guard: 'sessionIsToday' as const,
  target: '.idle',
  actions: [
    { type: 'notice' as const, params: { key: 'sameDayCancel' as const } },
    { type: 'effect' as const, params: { effect: 'sessionDayContact' as const, draft: {}, answered: true as const } },
  ],
};

/** The text of a typed answer, for effects that pass it on. */
function typedMessage(event: ConversationEvent): { message?: string } {
  return event.type === 'ANSWER' && event.answer.source === 'text' ? { message: event.answer.text } : {};
}

/** Mid-booking, a command about a booking that does not exist is answered and the question asked again. */
const NOTHING_TO_MANAGE = { actions: { type: 'notice' as const, params: { key: 'noActiveBooking' as const, params: { inProgress: 1 } } } };

/** Without a booking, the booking commands say so; `leave`: from a booking menu, which then makes no sense. */
function leaveWithoutBooking(leave: boolean) {
  const refuse = {
    guard: not('hasActiveBooking'),
    ...(leave ? { target: '#booking.idle' } : {}),
    actions: { type: 'notice' as const, params: { key: 'noActiveBooking' as const } },
  };
  return { MANAGE: refuse, CHANGE: refuse, CANCEL_BOOKING: refuse };
}

/** What 「やめる」 means where no booking is being filled in: leave the booking as it is. */
const STOP_MEANS: Partial<Record<Question, NoticeKey>> = {
  manage: 'manageBack',
  cancelConfirm: 'cancelKept',
  immediateConfirm: 'immediateDeclined',
};

/** Commands that mean something else at a booking menu than mid-input (see STOP_MEANS). */
function menuCommands(question: Question) {
  const stop = STOP_MEANS[question];
  if (stop === undefined) return {};
  const stopHere = { CANCEL: { target: '#booking.idle', actions: { type: 'notice' as const, params: { key: stop } } } };
  if (question === 'immediateConfirm') return stopHere;
  // A menu holds no draft to keep, and one about a booking that is gone or an immediate session
  // that closed makes no sense any more: a refused command leaves it.
  return {
    ...stopHere,
    ...leaveWithoutBooking(true),
    IMMEDIATE: { guard: 'immediateClosed' as const, target: '#booking.idle', actions: { type: 'notice' as const, params: immediateClosed(false) } },
  };
}

function questionState(question: Question) {
  return machineSetup.createStateConfig({
    entry: 'nextTurn',
    on: {
      ANSWER: [
        ...TARGETS[question].map((target) => ({
          guard: { type: 'leadsTo' as const, params: { question, target } },
          target: `#booking.${target}`,
          // Asking the same question again (another day at the time question) is a new turn.
          reenter: true,
          actions: machineSetup.enqueueActions(({ context, event, enqueue }) => {
            const result = evaluation(context, event, question);
            if (!result?.ok) return;
            for (const notice of result.notices ?? []) enqueue({ type: 'notice', params: notice });
            for (const effect of result.effects ?? []) enqueue({ type: 'effect', params: { effect, draft: result.draft } });
            enqueue.assign({ draft: result.draft, editing: result.editing ?? context.editing, purpose: result.purpose ?? context.purpose ?? 'new' });
          }),
        })),
        {
          actions: machineSetup.enqueueActions(({ context, event, enqueue }) => {
            const result = evaluation(context, event, question);
            enqueue({ type: 'notice', params: result && !result.ok ? result.notice : { key: 'invalidChoice' } });
          }),
        },
      ],
      ...menuCommands(question),
    },
  });
}

const questionStates = Object.fromEntries(
  (Object.keys(TARGETS) as Question[]).map((q) => [q, questionState(q)]),
) as Record<Question, ReturnType<typeof questionState>>;

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
      { guard: 'changingBooking', target: '.idle', actions: { type: 'notice', params: { key: 'changeStopped' } } },
      { target: '.idle', actions: { type: 'notice', params: { key: 'cancelled' } } },
    ],
    // Restarting keeps nothing of the draft and begins again where a new booking begins.
    RESTART: [
      { guard: 'hasActiveBooking', target: '.idle', actions: { type: 'effect', params: { effect: 'showActiveBooking', draft: {} } } },
      { guard: 'agreedToCurrentTerms', target: '.registered', reenter: true, actions: ['resetDraft', 'greet', { type: 'notice', params: { key: 'restarted' } }] },
      { target: '.terms', reenter: true, actions: ['resetDraft', 'greet', { type: 'notice', params: { key: 'restarted' } }] },
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
      { guard: 'hasActiveBooking', target: '.choice1Date', reenter: true, actions: ['beginChange', { type: 'notice', params: ({ event }: EventArgs) => changeStartedNotice(event.facts) }] },
      NOTHING_TO_MANAGE,
    ],
    CANCEL_BOOKING: [
      SAME_DAY_BY_PHONE,
      { guard: 'hasActiveBooking', target: '.cancelConfirm', reenter: true, actions: 'resetDraft' },
      NOTHING_TO_MANAGE,
    ],
    // The draft goes with it so staff know who is asking (the name typed so far), and stays: once
    // staff hand the chat back, the person answers the question they were at, buttons included.
    HANDOFF: { actions: { type: 'effect', params: ({ context }: { context: ConversationContext }) => ({ effect: 'handoff' as const, draft: context.draft }) } },
    // Immediate sessions (terms 6-2): consent to the current terms first, then only while open.
    IMMEDIATE: [
      // The draft being filled in is for the immediate session itself: nothing left to keep.
      { guard: and(['immediateClosed', 'fillingImmediate']), target: '.idle', actions: { type: 'notice', params: immediateClosed(false) } },
      // Mid-booking the refusal keeps the draft and the question (asked again by the runner).
      { guard: 'immediateClosed', actions: { type: 'notice', params: immediateClosed(true) } },
      { guard: 'notAgreedToCurrentTerms', target: '.terms', reenter: true, actions: 'beginImmediate' },
      { guard: 'hasIdentity', target: '.immediateConfirm', reenter: true, actions: 'beginImmediate' },
      { target: '.name', reenter: true, actions: 'beginImmediate' },
    ],
  },
  states: {
    idle: {
      entry: 'resetDraft',
      on: {
        START: [
          { guard: 'hasActiveBooking', actions: [{ type: 'effect', params: { effect: 'showActiveBooking', draft: {} } }, 'greet'] },
          { guard: 'agreedToCurrentTerms', target: '#booking.registered', actions: ['greet', { type: 'notice', params: { key: 'greeting' } }] },
          { target: '#booking.terms', actions: 'greet' },
        ],
        CANCEL: { actions: { type: 'notice', params: { key: 'nothingToCancel' } } },
        ANSWER: [
          // On the session day, words the bot cannot act on are most likely about the session
          // (「遅れます」「Zoomに入れません」): they go to staff, and the person gets the number.
          // A change or cancel in words (「今日の予約をキャンセルしたい」) gets the phone-only rule; staff see the words.
          {
            guard: and(['sessionIsToday', 'typedChangeOrCancel']),
            actions: [
              { type: 'notice', params: { key: 'sameDayCancel' } },
              { type: 'effect', params: ({ event }: EventArgs) => ({ effect: 'sessionDayContact' as const, draft: {}, answered: true as const, ...typedMessage(event) }) },
            ],
          },
          { guard: 'sessionIsToday', actions: { type: 'effect', params: ({ event }: EventArgs) => ({ effect: 'sessionDayContact' as const, draft: {}, ...typedMessage(event) }) } },
          // 「はい」「それでお願いします」 to a proposal: its buttons answer it, so show them again.
          { guard: 'proposalPending', actions: [{ type: 'notice', params: { key: 'proposalWaiting' } }, { type: 'effect', params: { effect: 'showStatus', draft: {} } }] },
          { guard: 'hasActiveBooking', actions: { type: 'notice', params: { key: 'idleMenu', params: { hasBooking: 1 } } } },
          { actions: { type: 'notice', params: { key: 'idleMenu' } } },
        ],
        // No question is shown, so "answer the current question" would make no sense.
        STALE: { actions: { type: 'notice', params: { key: 'staleIdle' } } },
        // Guards that fail here fall through to the machine-level transitions above.
        ...leaveWithoutBooking(false),
        IMMEDIATE: { guard: 'immediateClosed', actions: { type: 'notice', params: immediateClosed(false) } },
      },
    },
    ...questionStates,
  },
});

export type BookingMachine = typeof bookingMachine;
