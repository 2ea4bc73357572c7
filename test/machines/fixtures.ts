/**
 * Shared fixtures for the booking-machine tests: facts with a real office calendar, a fixed
 * clock, and a small driver that runs `transition()` (no actor, no I/O) and keeps what the
 * machine asked to say and do.
 */
import { initialTransition, transition } from 'xstate';
import { bookingMachine, type EffectAction, type NoticeAction } from '../../machines/booking/booking-machine.js';
import { toConversationEvent, type ChatInput } from '../../machines/booking/input.js';
import { encodePostback } from '../../machines/booking/postback.js';
import { stateOf, type BookingSnapshot } from '../../machines/booking/restore.js';
import type {
  Answer,
  ConversationContext,
  ConversationEvent,
  ConversationFacts,
  ConversationState,
  Draft,
  Notice,
  NoticeKey,
  Question,
} from '../../machines/booking/types.js';
import {
  slotKey,
  type CalendarContext,
  type Instant,
  type IsoDate,
  type LocalDateTime,
  type SessionKind,
} from '../../src/calendar/index.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { noticeText } from '../../src/messages/notices.js';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';

/** Tuesday 2026-12-01 09:00 in Japan. Earliest bookable day: Thursday 12-03; horizon ends Tue 2027-01-26. */
export const NOW: Instant = '2026-12-01T00:00:00.000Z';
export const TERMS_VERSION = '2024-06-06';
export const TERMS_URL = 'https://jsite.mhlw.go.jp/aomori-roudoukyoku/';

export function makeCalendar(parts: Partial<CalendarContext> = {}): CalendarContext {
  return {
    settings: defaultOfficeSettings,
    closures: new Set<IsoDate>(),
    occupancy: new Map<string, number>(),
    ...parts,
  };
}

/** Facts of a user who has never agreed to the terms and has no booking. */
export function makeFacts(overrides: Partial<ConversationFacts> = {}): ConversationFacts {
  return {
    calendar: makeCalendar(),
    termsVersion: TERMS_VERSION,
    termsUrl: TERMS_URL,
    termsConsentSummary: FIRST_CONSENT_SUMMARY,
    agreedTermsVersion: null,
    eligibilityAnsweredAt: null,
    hasActiveBooking: false,
    ...overrides,
  };
}

/** The same facts with the given slots taken up to the office's capacity. */
export function withFullSlots(
  facts: ConversationFacts,
  kind: SessionKind,
  slots: readonly LocalDateTime[],
): ConversationFacts {
  const occupancy = new Map(facts.calendar.occupancy);
  for (const s of slots) occupancy.set(slotKey(kind, s.date, s.minutes), facts.calendar.settings.capacity);
  return { ...facts, calendar: { ...facts.calendar, occupancy } };
}

export const FIRST: LocalDateTime = { date: '2026-12-03', minutes: 600 };
export const SECOND: LocalDateTime = { date: '2026-12-03', minutes: 630 };

/** What a user who answers as in the happy path ends up with. */
export const EXPECTED_DRAFT: Draft = {
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  choice1: FIRST,
  choice2: SECOND,
  email: 'hanako@example.jp',
  phone: '09012345678',
  interpreter: false,
};

/** The questions of a new booking (issue 3), in the order asked; `chatAt` reaches each of them. */
export const BOOKING_QUESTIONS = [
  'terms',
  'registered',
  'target',
  'device',
  'continuing',
  'checklist',
  'kind',
  'app',
  'name',
  'jobSeekerNumber',
  'choice1Date',
  'choice1Time',
  'choice2Date',
  'choice2Time',
  'email',
  'phone',
  'interpreter',
  'review',
  'editMenu',
] as const satisfies readonly Question[];

/** Eligibility questions answered by button, in order, so that the user qualifies. */
export const ELIGIBLE_BUTTONS: ReadonlyArray<[ConversationState, string]> = [
  ['registered', 'yes'],
  ['target', 'treatment'],
  ['device', 'yes'],
  ['continuing', 'yes'],
  ['checklist', 'ok'],
];

export type MachineAction = { type: string; params?: unknown };

export function noticesOf(actions: readonly MachineAction[]): Notice[] {
  return actions.filter((a): a is NoticeAction => a.type === 'notice').map((a) => a.params);
}

export function effectsOf(actions: readonly MachineAction[]): EffectAction['params'][] {
  return actions.filter((a): a is EffectAction => a.type === 'effect').map((a) => a.params);
}

export function initialSnapshot(): BookingSnapshot {
  return initialTransition(bookingMachine)[0];
}

/** One pure step: the next snapshot and the actions, reduced to plain `{ type, params }`. */
export function step(snapshot: BookingSnapshot, event: ConversationEvent): [BookingSnapshot, MachineAction[]] {
  const [next, actions] = transition(bookingMachine, snapshot, event);
  return [next, actions.map((a) => ({ type: a.type, params: a.params }))];
}

export const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface When {
  facts?: ConversationFacts;
  now?: Instant;
}

/**
 * A user talking to the machine. Each call runs one pure transition and keeps the snapshot,
 * the actions of that step, and every action so far.
 */
export class Chat {
  snapshot: BookingSnapshot;
  actions: MachineAction[] = [];
  readonly allActions: MachineAction[] = [];

  constructor(
    public facts: ConversationFacts = makeFacts(),
    public now: Instant = NOW,
    snapshot: BookingSnapshot = initialSnapshot(),
  ) {
    this.snapshot = snapshot;
  }

  get state(): ConversationState {
    return stateOf(this.snapshot);
  }

  get context(): ConversationContext {
    return this.snapshot.context;
  }

  get turn(): number {
    return this.snapshot.context.turn;
  }

  get draft(): Draft {
    return this.snapshot.context.draft;
  }

  get notices(): Notice[] {
    return noticesOf(this.actions);
  }

  get noticeKeys(): NoticeKey[] {
    return this.notices.map((n) => n.key);
  }

  get effects(): EffectAction['params'][] {
    return effectsOf(this.actions);
  }

  /** Sends a machine event as the runner would build it, with this chat's facts and clock. */
  send(type: Exclude<ConversationEvent['type'], 'ANSWER'>, when: When = {}): this {
    return this.dispatch({ type, now: when.now ?? this.now, facts: when.facts ?? this.facts });
  }

  /** Answers the current question directly, without going through toConversationEvent. */
  answer(answer: Answer, when: When = {}): this {
    return this.dispatch({ type: 'ANSWER', answer, now: when.now ?? this.now, facts: when.facts ?? this.facts });
  }

  dispatch(event: ConversationEvent): this {
    const [next, actions] = step(this.snapshot, event);
    this.snapshot = next;
    this.actions = actions;
    this.allActions.push(...actions);
    // The runner records consent, so the facts of the next event show it (as a reload would).
    if (effectsOf(actions).some((e) => e.effect === 'recordConsent')) {
      this.facts = { ...this.facts, agreedTermsVersion: event.facts.termsVersion };
    }
    return this;
  }

  /** What arrived from LINE, mapped by toConversationEvent like the runner does. Returns the event type. */
  input(input: ChatInput, when: When = {}): ConversationEvent['type'] | undefined {
    const event = toConversationEvent(input, this.state, this.context, when.now ?? this.now, when.facts ?? this.facts);
    if (event === undefined) {
      this.actions = [];
      return undefined;
    }
    this.dispatch(event);
    return event.type;
  }

  /** Types a message. */
  say(text: string, when: When = {}): this {
    this.input({ type: 'text', text }, when);
    return this;
  }

  /** Taps a button of the current question (this state, this turn). */
  tap(value: string, when: When = {}): this {
    this.input({ type: 'postback', data: this.postbackData(value) }, when);
    return this;
  }

  /** Picks from LINE's date-time picker shown with the current question. */
  pick(params: { date?: string; time?: string; datetime?: string }, when: When = {}): this {
    this.input({ type: 'postback', data: this.postbackData('picker'), params }, when);
    return this;
  }

  /** Postback data of a button shown with the current question. */
  postbackData(value: string, question = this.state, turn = this.turn): string {
    if (question === 'idle') throw new Error('no question is shown in idle');
    return encodePostback({ kind: 'answer', question, turn, value });
  }
}

/** A user who has agreed to the current terms before. */
export const agreedFacts = (overrides: Partial<ConversationFacts> = {}): ConversationFacts =>
  makeFacts({ agreedTermsVersion: TERMS_VERSION, ...overrides });

/** Two months before NOW: a regular booking filed then recorded the eligibility answers. */
export const ELIGIBILITY_ANSWERED_AT: Instant = '2026-10-01T01:00:00.000Z';

/** Facts of a returning person: consent to the current terms and eligibility answered on record (§14). */
export const onRecordFacts = (overrides: Partial<ConversationFacts> = {}): ConversationFacts =>
  agreedFacts({ eligibilityAnsweredAt: ELIGIBILITY_ANSWERED_AT, ...overrides });

/** A chat started by a new friend and taken through the terms and eligibility by buttons, now at 'kind'. */
export function chatAtKind(facts: ConversationFacts = makeFacts()): Chat {
  const chat = new Chat(facts);
  chat.input({ type: 'follow' });
  if (chat.state === 'terms') chat.tap('agree');
  for (const [, value] of ELIGIBLE_BUTTONS) chat.tap(value);
  return chat;
}

/** A chat taken to the review card by buttons and typing, with EXPECTED_DRAFT. */
export function chatAtReview(facts: ConversationFacts = makeFacts()): Chat {
  const chat = chatAtKind(facts);
  chat.tap('regular').tap('zoom');
  chat.say('青森 花子').say('02010-12345678');
  chat.tap(`d:${FIRST.date}`).tap(`t:${FIRST.minutes}`);
  chat.tap(`d:${SECOND.date}`).tap(`t:${SECOND.minutes}`);
  chat.say('hanako@example.jp').say('090-1234-5678');
  chat.tap('no');
  if (chat.state !== 'review') throw new Error(`expected review, got ${chat.state}`);
  return chat;
}

/** A chat at the given question of the happy path, reached by buttons. */
export function chatAt(target: ConversationState, facts: ConversationFacts = makeFacts()): Chat {
  const chat = new Chat(facts);
  chat.input({ type: 'follow' });
  const script: Array<[ConversationState, () => void]> = [
    ['terms', () => chat.tap('agree')],
    ...ELIGIBLE_BUTTONS.map(([s, v]): [ConversationState, () => void] => [s, () => chat.tap(v)]),
    ['kind', () => chat.tap('regular')],
    ['app', () => chat.tap('zoom')],
    ['name', () => chat.say('青森 花子')],
    ['jobSeekerNumber', () => chat.say('02010-12345678')],
    ['choice1Date', () => chat.tap(`d:${FIRST.date}`)],
    ['choice1Time', () => chat.tap(`t:${FIRST.minutes}`)],
    ['choice2Date', () => chat.tap(`d:${SECOND.date}`)],
    ['choice2Time', () => chat.tap(`t:${SECOND.minutes}`)],
    ['email', () => chat.say('hanako@example.jp')],
    ['phone', () => chat.say('090-1234-5678')],
    ['interpreter', () => chat.tap('no')],
    ['review', () => chat.tap('edit')],
  ];
  for (const [state, act] of script) {
    if (chat.state === target) return chat;
    if (state === 'terms' && chat.state !== 'terms') continue; // already agreed: the terms are skipped
    if (chat.state !== state) throw new Error(`expected ${state} on the way to ${target}, got ${chat.state}`);
    act();
  }
  if (chat.state !== target) throw new Error(`could not reach ${target}`);
  return chat;
}

/** What the person reads of a notice, as the catalogue words it with the office's default settings. */
export function worded(notice: Notice | undefined): string {
  return notice ? noticeText(notice, defaultOfficeSettings) : '';
}
