import {
  availableSlots,
  bookableDates,
  checkPreferredTime,
  dayNumber,
  findRefusal,
  gridStarts,
  type Instant,
  type IsoDate,
  type LocalDateTime,
  type RefusalCode,
  type SessionKind,
  type DayRefusal,
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
  const { refusal } = check;
  const closedDay = CLOSED_DAY_CODES.has(refusal.code) && 'date' in refusal;
  const openDays = closedDay ? nearestOpenDays(input, kind, refusal.date) : [];
  return {
    type: 'refused',
    notice: {
      key: 'slotRefused',
      slot: { refusal, alternatives: check.alternatives },
      ...(openDays.length > 0 ? { openDays } : {}),
    },
  };
}

/** Refusals about the whole day: another time that day would be refused too, so other days are offered. */
const CLOSED_DAY_CODES: ReadonlySet<RefusalCode> = new Set([
  'closed_weekend',
  'closed_holiday',
  'closed_year_end',
  'closed_closure',
  'not_mothers_day',
]);

/** Few enough to read at a glance on a phone. */
const NEAREST_OPEN_DAYS = 3;

/**
 * The open days nearest `date`, before or after it, with a free start left for this choice: the
 * day before a closed Saturday is as near as the Monday after. In date order.
 */
function nearestOpenDays(input: ChoiceInput, kind: SessionKind, date: IsoDate): IsoDate[] {
  const exclude = firstChoiceOf(input.which, input.draft);
  const day = dayNumber(date);
  // The horizon is at most a few months of days, nearest first; free times are counted only
  // until enough days have some.
  const nearest = bookableDates(input.facts.calendar, kind, input.now, 400)
    .filter((d) => d !== date)
    .sort((a, b) => Math.abs(dayNumber(a) - day) - Math.abs(dayNumber(b) - day) || (a < b ? -1 : 1));
  const days: IsoDate[] = [];
  for (const d of nearest) {
    if (days.length === NEAREST_OPEN_DAYS) break;
    if (freeStartsOn(input.facts, kind, d, input.now, exclude).length > 0) days.push(d);
  }
  return days.sort();
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

/**
 * A day with no time left, as data: the renderer words it (the machine holds no copy). `none`:
 * no time of the day is refused, yet none is free. Alternatives travel as `date@minutes`, comma
 * separated, because notice params are flat strings and numbers.
 */
function dayRefused(reason: DayRefusal | 'none', date: IsoDate, alternatives: readonly LocalDateTime[]): ChoiceReading {
  const params = { reason, date, alternatives: alternatives.map((a) => `${a.date}@${a.minutes}`).join(',') };
  return { type: 'refused', notice: { key: 'dayRefused', params } };
}
