/**
 * Candidate inputs for a given snapshot: the buttons the user is shown (options.ts, plus date and
 * time buttons computed from the calendar the way the question cards offer them) and answers a
 * user might type. Used by the graph traversal, the routing checks and the fuzz test.
 */
import type { BookingSnapshot } from '../../machines/booking/restore.js';
import { OPTIONS } from '../../machines/booking/options.js';
import { optionLabel } from '../../src/messages/option-labels.js';
import { freeStartsOn } from '../../machines/booking/choice-checks.js';
import type {
  Answer,
  ConversationEvent,
  ConversationFacts,
  ConversationState,
  Draft,
} from '../../machines/booking/types.js';
import { bookableDates, type Instant, type IsoDate, type LocalDateTime } from '../../src/calendar/index.js';
import { formatTimeJa } from '../../src/messages/format-ja.js';
import {
  EXPECTED_DRAFT,
  FIRST,
  NOW,
  SECOND,
  agreedFacts,
  makeFacts,
  onRecordFacts,
  withFullSlots,
} from './fixtures.js';

/** What a returning person gave in their last booking. */
export const PREVIOUS = {
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '09012345678',
} as const;

type Command = Exclude<ConversationEvent['type'], 'ANSWER'>;
type ActiveBooking = NonNullable<ConversationFacts['activeBooking']>;

const completeDraft = { ...EXPECTED_DRAFT } as ActiveBooking['draft'];
const activeBooking: ActiveBooking = {
  id: 'booking-1',
  status: 'requested',
  draft: completeDraft,
  sessionDate: '2026-12-10',
};

/** The situations the runner may look up for a user; each yields different branches. */
export const FACTS = {
  newUser: makeFacts(),
  agreed: agreedFacts(),
  active: agreedFacts({ hasActiveBooking: true, activeBooking }),
  activeToday: agreedFacts({ hasActiveBooking: true, activeBooking: { ...activeBooking, sessionDate: '2026-12-01' } }),
  /** A confirmed session under way (its start has come): the next one may be asked for (§9). */
  activeBegun: agreedFacts({
    hasActiveBooking: true,
    activeBooking: {
      ...activeBooking,
      status: 'confirmed',
      sessionDate: '2026-12-01',
      confirmedDate: '2026-12-01',
      confirmedMinutes: 540,
      begun: true,
    },
  }),
  immediateOpen: onRecordFacts({
    immediate: { open: true },
    identity: { name: '青森 花子', jobSeekerNumber: '02010-12345678' },
  }),
  immediateNoIdentity: onRecordFacts({ immediate: { open: true } }),
  immediateNotAgreed: makeFacts({ immediate: { open: true } }),
  immediateNotEligible: agreedFacts({ immediate: { open: true } }),
  /** A returning person: consent and eligibility on record, and the details of before kept (§12). */
  returning: onRecordFacts({ previous: PREVIOUS }),
  /** Eligibility on record, but the details of before erased (retention): a new person again. */
  erased: onRecordFacts(),
} satisfies Record<string, ConversationFacts>;

/** For each command, the situations worth trying it in (a Record, so a new event type must be added here). */
export const COMMAND_FACTS: Record<Command, ReadonlyArray<keyof typeof FACTS>> = {
  START: ['newUser', 'agreed', 'active', 'activeBegun', 'returning', 'erased'],
  FOLLOW: ['newUser'],
  CANCEL: ['agreed'],
  RESTART: ['newUser', 'agreed', 'active', 'activeBegun', 'returning'],
  HELP: ['agreed'],
  STALE: ['agreed'],
  CHECK: ['agreed'],
  MANAGE: ['agreed', 'active'],
  CHANGE: ['agreed', 'active'],
  CANCEL_BOOKING: ['agreed', 'active'],
  HANDOFF: ['agreed'],
  BACK: ['agreed'],
  IMMEDIATE: ['agreed', 'immediateOpen', 'immediateNoIdentity', 'immediateNotAgreed', 'immediateNotEligible'],
};

const button = (value: string): Answer => ({ source: 'button', value });
const text = (t: string): Answer => ({ source: 'text', text: t });

/** '12/3' */
function monthDay(date: IsoDate): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

const TYPED: Partial<Record<ConversationState, readonly string[]>> = {
  name: ['青森 花子', '12345'],
  jobSeekerNumber: ['02010-12345678', '13010-1234567', '1234'],
  email: ['hanako@example.jp', 'hanako@'],
  phone: ['090-1234-5678', '0120-123-456'],
  immediateConfirm: ['電話番号を変更したい'],
};

/** The questions whose item a returning person may keep with 「前回と同じ」. */
const KEEPABLE: readonly ConversationState[] = ['name', 'jobSeekerNumber', 'email', 'phone'];

function which(state: ConversationState): 1 | 2 {
  return state.startsWith('choice1') ? 1 : 2;
}

function excluded(state: ConversationState, draft: Draft): LocalDateTime | undefined {
  return which(state) === 2 ? draft.choice1 : undefined;
}

/** Date-question answers: the first offered date buttons, the picker, typed dates and date-times, and refusals. */
function dateAnswers(state: ConversationState, draft: Draft, facts: ConversationFacts, now: Instant): Answer[] {
  const kind = draft.kind ?? 'regular';
  const exclude = excluded(state, draft);
  const dates = bookableDates(facts.calendar, kind, now, 4)
    .filter((d) => freeStartsOn(facts, kind, d, now, exclude).length > 0)
    .slice(0, 2);
  const answers: Answer[] = [];
  for (const date of dates) {
    const start = freeStartsOn(facts, kind, date, now, exclude)[0];
    answers.push(button(`d:${date}`), { source: 'picker', date }, text(monthDay(date)));
    if (start !== undefined) {
      answers.push(text(`${monthDay(date)} ${formatTimeJa(start)}`), {
        source: 'picker',
        datetime: `${date}T${formatTimeJa(start).padStart(5, '0')}`,
      });
    }
  }
  if (exclude) answers.push(text(`${exclude.date} ${formatTimeJa(exclude.minutes)}`)); // same as the first choice
  answers.push(text('12/5'), text('10:00'), text('2/30'), text('あいうえお'));
  return answers;
}

/**
 * Time-question answers: the offered time buttons, 'other day', typed times and date-times.
 * Not a typed date alone: that is a known bug (see refusals.test.ts), checked on its own.
 */
function timeAnswers(state: ConversationState, draft: Draft, facts: ConversationFacts, now: Instant): Answer[] {
  const answers: Answer[] = [button('other_day'), text('10:15'), text('あいうえお')];
  const date = draft.pendingDate;
  if (date === undefined) return answers;
  const kind = draft.kind ?? 'regular';
  const starts = freeStartsOn(facts, kind, date, now, excluded(state, draft)).slice(0, 2);
  for (const start of starts) answers.push(button(`t:${start}`), text(formatTimeJa(start)));
  const other = starts[1];
  if (other !== undefined) answers.push(text(`${monthDay(date)} ${formatTimeJa(other)}`));
  const first = excluded(state, draft);
  if (first && first.date === date) answers.push(button(`t:${first.minutes}`)); // same as the first choice
  return answers;
}

/** Answers worth trying at `state`: what the question offers, what people type, and some refusals. */
export function candidateAnswers(
  state: ConversationState,
  draft: Draft,
  facts: ConversationFacts,
  now: Instant,
): Answer[] {
  if (state === 'idle') return [text('こんにちは'), text('予約')];
  const answers: Answer[] = [];
  for (const option of OPTIONS[state] ?? []) answers.push(button(option.value), text(optionLabel(state, option.value)));
  answers.push(text('わかりません'));
  for (const t of TYPED[state] ?? []) answers.push(text(t));
  if (KEEPABLE.includes(state)) answers.push(button('same'), text('前回と同じ'));
  if (state === 'choice1Date' || state === 'choice2Date') answers.push(...dateAnswers(state, draft, facts, now));
  if (state === 'choice1Time' || state === 'choice2Time') answers.push(...timeAnswers(state, draft, facts, now));
  return answers;
}

/** The facts an answer at `state` is evaluated with: the ones that matter for that question. */
export function answerFacts(state: ConversationState): ConversationFacts[] {
  switch (state) {
    case 'review':
      return [
        FACTS.agreed,
        withFullSlots(FACTS.agreed, 'regular', [FIRST]),
        withFullSlots(FACTS.agreed, 'regular', [SECOND]),
      ];
    case 'manage':
      return [FACTS.active, FACTS.agreed];
    case 'cancelConfirm':
      return [FACTS.active, FACTS.activeToday, FACTS.agreed];
    case 'terms':
    case 'previousDetails':
      return [FACTS.returning, FACTS.agreed, FACTS.erased];
    case 'name':
    case 'jobSeekerNumber':
    case 'email':
    case 'phone':
      return [FACTS.agreed, FACTS.returning];
    default:
      return [FACTS.agreed];
  }
}

/** Every event worth trying from `snapshot`: each command in its situations, and each candidate answer. */
export function candidateEvents(snapshot: BookingSnapshot, now: Instant = NOW): ConversationEvent[] {
  const state = snapshot.value;
  const events: ConversationEvent[] = [];
  for (const [type, situations] of Object.entries(COMMAND_FACTS) as Array<
    [Command, ReadonlyArray<keyof typeof FACTS>]
  >) {
    for (const situation of situations) events.push({ type, now, facts: FACTS[situation] });
  }
  for (const facts of answerFacts(state)) {
    for (const answer of candidateAnswers(state, snapshot.context.draft, facts, now))
      events.push({ type: 'ANSWER', answer, now, facts });
  }
  return events;
}

/**
 * A finite key for a snapshot: the state and the shape of what has been collected, not the
 * turn (which grows for ever) nor the exact values.
 */
export function snapshotShape(snapshot: BookingSnapshot): string {
  const { editing, greeted, purpose, draft, eligibilityKept } = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    editing,
    greeted,
    purpose ?? 'new',
    eligibilityKept ?? false,
    draft.kind ?? null,
    Object.keys(draft).sort(),
  ]);
}
