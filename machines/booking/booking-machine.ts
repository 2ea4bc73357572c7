import { assign, setup } from 'xstate';
import { evaluateAnswer, type Effect } from './evaluate-answer.js';
import type { ConversationContext, ConversationEvent, ConversationState, Draft, Notice, Question } from './types.js';

/**
 * Bump when a change makes stored snapshots unreadable (renamed states, reshaped context).
 * The runner starts such users afresh instead of resolving an incompatible snapshot.
 */
export const BOOKING_MACHINE_VERSION = 1;

/** Which states each question can lead to. Tests check evaluateAnswer never leaves this map. */
export const TARGETS: Record<Question, readonly ConversationState[]> = {
  terms: ['registered', 'idle'],
  registered: ['target', 'idle'],
  target: ['device', 'idle'],
  device: ['continuing', 'idle'],
  continuing: ['checklist', 'idle'],
  checklist: ['kind', 'idle'],
  kind: ['app', 'choice1Date', 'review'],
  app: ['name', 'review'],
  name: ['jobSeekerNumber', 'review'],
  jobSeekerNumber: ['choice1Date', 'review'],
  choice1Date: ['choice1Time', 'choice2Date', 'review'],
  choice1Time: ['choice1Date', 'choice2Date', 'review'],
  choice2Date: ['choice2Time', 'email', 'review'],
  choice2Time: ['choice2Date', 'email', 'review'],
  email: ['phone', 'review'],
  phone: ['interpreter', 'review'],
  interpreter: ['review'],
  review: ['idle', 'editMenu', 'choice1Date', 'choice2Date', 'kind'],
  editMenu: ['kind', 'app', 'name', 'jobSeekerNumber', 'choice1Date', 'choice2Date', 'email', 'phone', 'interpreter', 'review'],
};

export interface NoticeAction {
  type: 'notice';
  params: Notice;
}
export interface EffectAction {
  type: 'effect';
  params: { effect: Effect; draft: Draft };
}

const initialContext = (): ConversationContext => ({ turn: 0, greeted: false, editing: false, draft: {} });

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
    effect: (_: unknown, _params: { effect: Effect; draft: Draft }) => undefined,
    nextTurn: assign({ turn: ({ context }) => context.turn + 1 }),
    resetDraft: assign({ draft: () => ({}), editing: () => false }),
    greet: assign({ greeted: () => true }),
  },
  guards: {
    leadsTo: ({ context, event }, params: { question: Question; target: ConversationState }) => {
      const result = evaluation(context, event, params.question);
      return result?.ok === true && result.next === params.target;
    },
    hasActiveBooking: ({ event }) => event.facts.hasActiveBooking,
    agreedToCurrentTerms: ({ event }) => event.facts.agreedTermsVersion === event.facts.termsVersion,
  },
});

function questionState(question: Question) {
  return machineSetup.createStateConfig({
    entry: 'nextTurn',
    on: {
      ANSWER: [
        ...TARGETS[question].map((target) => ({
          guard: { type: 'leadsTo' as const, params: { question, target } },
          target: `#booking.${target}`,
          actions: machineSetup.enqueueActions(({ context, event, enqueue }) => {
            const result = evaluation(context, event, question);
            if (!result?.ok) return;
            for (const notice of result.notices ?? []) enqueue({ type: 'notice', params: notice });
            for (const effect of result.effects ?? []) enqueue({ type: 'effect', params: { effect, draft: result.draft } });
            enqueue.assign({ draft: result.draft, editing: result.editing ?? context.editing });
          }),
        })),
        {
          actions: machineSetup.enqueueActions(({ context, event, enqueue }) => {
            const result = evaluation(context, event, question);
            enqueue({ type: 'notice', params: result && !result.ok ? result.notice : { key: 'invalidChoice' } });
          }),
        },
      ],
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
    CANCEL: { target: '.idle', actions: { type: 'notice', params: { key: 'cancelled' } } },
    // Restarting keeps nothing of the draft and begins again where a new booking begins.
    RESTART: [
      { guard: 'hasActiveBooking', target: '.idle', actions: { type: 'effect', params: { effect: 'showActiveBooking', draft: {} } } },
      { guard: 'agreedToCurrentTerms', target: '.registered', reenter: true, actions: ['resetDraft', { type: 'notice', params: { key: 'restarted' } }] },
      { target: '.terms', reenter: true, actions: ['resetDraft', { type: 'notice', params: { key: 'restarted' } }] },
    ],
    HELP: { actions: { type: 'notice', params: { key: 'help' } } },
    STALE: { actions: { type: 'notice', params: { key: 'stale' } } },
    START: { actions: { type: 'notice', params: { key: 'inProgress' } } },
    FOLLOW: { actions: { type: 'notice', params: { key: 'inProgress' } } },
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
        ANSWER: { actions: { type: 'notice', params: { key: 'idleMenu' } } },
      },
    },
    ...questionStates,
  },
});

export type BookingMachine = typeof bookingMachine;
