/**
 * Buttons under a refused preferred time: the nearest free slots (one tap chooses that slot), or,
 * for a day the office is closed, the nearest open days (one tap shows that day's free times). Each
 * button answers the question being asked again, in its turn, so an old one is stale; and a tap is
 * checked against the calendar as it is then, so a slot taken meanwhile is refused with the reason
 * (machines/booking/choice-answer.ts).
 */
import {
  bookableDates,
  dayNumber,
  isValidIsoDate,
  type Instant,
  type IsoDate,
  type LocalDateTime,
} from '../calendar/index.js';
import { freeStartsOn } from '../../machines/booking/choice-checks.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, ConversationFacts, Notice, Question } from '../../machines/booking/types.js';
import type { LineAction } from '../line/message-types.js';
import { postback } from './building-blocks.js';
import { formatDateJa, formatSlotJa } from './format-ja.js';

/** Few enough to read at a glance on a phone, beside the question's own buttons. */
const MAX_SUGGESTIONS = 3;

/** Refusals about the whole day: another time that day would be refused too, so other days are offered. */
const CLOSED_DAY_CODES = new Set([
  'closed_weekend',
  'closed_holiday',
  'closed_year_end',
  'closed_closure',
  'not_mothers_day',
]);

const CHOICE_OF: Partial<Record<Question, 1 | 2>> = {
  choice1Date: 1,
  choice1Time: 1,
  choice2Date: 2,
  choice2Time: 2,
};

export interface SuggestionInput {
  question: Question;
  context: ConversationContext;
  facts: ConversationFacts;
  now: Instant;
}

function answer(input: SuggestionInput, value: string, label: string): LineAction {
  return postback(label, encodePostback({ kind: 'answer', question: input.question, turn: input.context.turn, value }));
}

/** The slots of a `dayRefused` notice (`date@minutes`, comma separated). */
function dayAlternatives(notice: Notice): LocalDateTime[] {
  return String(notice.params?.alternatives ?? '')
    .split(',')
    .flatMap((a): LocalDateTime[] => {
      const [date, minutes] = a.split('@');
      return date && isValidIsoDate(date) && minutes && /^\d+$/.test(minutes)
        ? [{ date, minutes: Number(minutes) }]
        : [];
    });
}

/**
 * The open days nearest `date`, before or after it, with a free start left for this choice: the
 * day before a closed Saturday is as near as the Monday after. In date order.
 */
function nearestOpenDays(input: SuggestionInput, which: 1 | 2, date: IsoDate): IsoDate[] {
  const { facts, now, context } = input;
  const kind = context.draft.kind ?? 'regular';
  const exclude = which === 2 ? context.draft.choice1 : undefined;
  const day = dayNumber(date);
  // The horizon is at most a few months of days, nearest first; free times are counted only
  // until enough days have some.
  const nearest = bookableDates(facts.calendar, kind, now, 400)
    .filter((d) => d !== date)
    .sort((a, b) => Math.abs(dayNumber(a) - day) - Math.abs(dayNumber(b) - day) || (a < b ? -1 : 1));
  const days: IsoDate[] = [];
  for (const d of nearest) {
    if (days.length === MAX_SUGGESTIONS) break;
    if (freeStartsOn(facts, kind, d, now, exclude).length > 0) days.push(d);
  }
  return days.sort();
}

export interface Suggestions {
  /** What the buttons do, said under the refusal. */
  caption: string;
  actions: LineAction[];
  /**
   * Open days offered instead of slots (the refused day is closed): the refusal then names these,
   * not the nearest slots, so what is said and what is offered agree.
   */
  days?: IsoDate[];
}

/** The buttons that go with `notices` when the conversation is at `input.question`, with their caption. */
export function suggestionsFor(notices: readonly Notice[], input: SuggestionInput): Suggestions | undefined {
  const which = CHOICE_OF[input.question];
  if (which === undefined) return undefined;
  const slots = (list: readonly LocalDateTime[]): Suggestions | undefined =>
    list.length === 0
      ? undefined
      : {
          caption: 'ボタンを押すと、その日時を希望日時としてお選びいただけます。',
          actions: list
            .slice(0, MAX_SUGGESTIONS)
            .map((at) => answer(input, `s:${at.date}@${at.minutes}`, formatSlotJa(at))),
        };
  for (const notice of notices) {
    if (notice.key === 'slotRefused' && notice.slot) {
      const { refusal, alternatives } = notice.slot;
      if (CLOSED_DAY_CODES.has(refusal.code) && 'date' in refusal) {
        const days = nearestOpenDays(input, which, refusal.date);
        if (days.length > 0)
          return {
            caption: `空きのある近い日: ${days.map(formatDateJa).join('、')}\nボタンを押すと、その日の空いている時間をご案内します。`,
            actions: days.map((d) => answer(input, `d:${d}`, formatDateJa(d))),
            days,
          };
      }
      return slots(alternatives);
    }
    if (notice.key === 'dayRefused') return slots(dayAlternatives(notice));
  }
  return undefined;
}

/** The buttons that go with `notices` when the conversation is at `input.question`; none elsewhere. */
export function suggestionButtons(notices: readonly Notice[], input: SuggestionInput): LineAction[] {
  return suggestionsFor(notices, input)?.actions ?? [];
}
