import {
  availableSlots,
  checkPreferredTime,
  findRefusal,
  gridStarts,
  type Instant,
  type IsoDate,
  type LocalDateTime,
  type RefusalCode,
  type SessionKind,
  type DayRefusal,
  type SlotRefusal,
  type HalfDay,
} from '../../src/calendar/index.js';
import type { Answer, ConversationFacts, Draft, Notice } from './types.js';

/*
 * One preferred date or time held against the office calendar: the checks that reading a choice
 * (choice-answer.ts), reading it in natural words (natural-choice.ts) and checking the choices
 * again at the review (recheck-choices.ts) share.
 */

/** What a date or time answer for one preferred choice amounts to. */
export type ChoiceReading =
  /** `second`: a second wish given in the same message and bookable; `secondRefused`: given, and why not. */
  | { type: 'chosen'; choice: LocalDateTime; second?: LocalDateTime; secondRefused?: Notice }
  /** `half`: only that half-day's starts are offered; `halfTaken`: that half asked for had none free. */
  | { type: 'date'; date: IsoDate; half?: HalfDay; halfTaken?: HalfDay }
  | { type: 'otherDay' }
  | { type: 'refused'; notice: Notice };

export interface ChoiceInput {
  which: 1 | 2;
  /** The date already picked when the question is the time of that date. */
  pendingDate?: IsoDate;
  answer: Answer;
  draft: Draft;
  facts: ConversationFacts;
  now: Instant;
}

export function firstChoiceOf(which: 1 | 2, draft: Draft): LocalDateTime | undefined {
  return which === 2 ? draft.choice1 : undefined;
}

/** Checks a full date and time with the office calendar. */
export function checkChoice(input: ChoiceInput, kind: SessionKind, choice: LocalDateTime): ChoiceReading {
  const firstChoice = firstChoiceOf(input.which, input.draft);
  const check = checkPreferredTime(
    input.facts.calendar,
    { kind, date: choice.date, minutes: choice.minutes },
    input.now,
    firstChoice ? { firstChoice } : {},
  );
  if (check.ok) return { type: 'chosen', choice };
  return slotRefused({ refusal: check.refusal, alternatives: check.alternatives });
}

/**
 * Free start times on `date` for this choice (the first choice is left out of the second's list).
 * A date with none is refused by checkDate, with a reason about the day.
 */
export function freeStartsOn(
  facts: ConversationFacts,
  kind: SessionKind,
  date: IsoDate,
  now: Instant,
  exclude?: LocalDateTime,
): number[] {
  return availableSlots(facts.calendar, kind, now, date, date)
    .filter((s) => !(exclude && exclude.date === s.date && exclude.minutes === s.start))
    .map((s) => s.start);
}

/** Refusals that concern one time of a day; any other reason closes the whole day. */
const TIME_REFUSALS: ReadonlySet<RefusalCode> = new Set(['past', 'full', 'same_as_first']);

export function checkDate(input: ChoiceInput, kind: SessionKind, date: IsoDate): ChoiceReading {
  const { calendar } = input.facts;
  const firstChoice = firstChoiceOf(input.which, input.draft);
  if (freeStartsOn(input.facts, kind, date, input.now, firstChoice).length > 0) return { type: 'date', date };
  const refused = gridStarts(kind, calendar.settings).flatMap((minutes) => {
    const refusal = findRefusal(calendar, { kind, date, minutes }, input.now, firstChoice ? { firstChoice } : {});
    return refusal ? [{ minutes, code: refusal.code }] : [];
  });
  const first = refused[0];
  if (!first) return dayRefused('none', date, []);
  // A reason about the day itself (holiday, too soon, beyond the horizon...) is the same for every time.
  const dayWide = refused.find((r) => !TIME_REFUSALS.has(r.code));
  if (dayWide) return checkChoice(input, kind, { date, minutes: dayWide.minutes });
  // Only a date was given, so the answer is about the day, not about its first time (10:00).
  const codes = new Set(refused.map((r) => r.code));
  const reason =
    codes.size === 1 && codes.has('past') ? 'past' : codes.has('same_as_first') ? 'first_choice_only' : 'full';
  const check = checkPreferredTime(
    calendar,
    { kind, date, minutes: first.minutes },
    input.now,
    firstChoice ? { firstChoice } : {},
  );
  return dayRefused(reason, date, check.ok ? [] : check.alternatives);
}

/** A refused time, as data: the renderer words it (the machine holds no copy). */
function slotRefused(slot: SlotRefusal): ChoiceReading {
  return { type: 'refused', notice: { key: 'slotRefused', slot } };
}

/**
 * A day with no time left, as data: the renderer words it (the machine holds no copy). `none`:
 * no time of the day is refused, yet none is free. Alternatives travel as `date@minutes`, comma
 * separated, because notice params are flat strings and numbers.
 */
function dayRefused(reason: DayRefusal | 'none', date: IsoDate, alternatives: readonly LocalDateTime[]): ChoiceReading {
  const params = { reason, date, alternatives: alternatives.map((a) => `${a.date}@${a.minutes}`).join(',') };
  return { type: 'refused', notice: { key: 'dayRefused', params } };
}
