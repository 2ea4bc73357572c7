/**
 * Buttons under a refused preferred time: the nearest free slots (one tap chooses that slot), or,
 * for a day the office is closed, the nearest open days (one tap shows that day's free times). Each
 * button answers the question being asked again, in its turn, so an old one is stale; and a tap is
 * checked against the calendar as it is then, so a slot taken meanwhile is refused with the reason
 * (machines/booking/choice-answer.ts).
 */
import { isValidIsoDate, type IsoDate, type LocalDateTime } from '../calendar/index.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, Notice, Question } from '../../machines/booking/types.js';
import type { LineAction } from '../line/message-types.js';
import { postback } from './building-blocks.js';
import { formatDateJa, formatSlotJa } from './format-ja.js';

/** Few enough to read at a glance on a phone, beside the question's own buttons. */
const MAX_SUGGESTIONS = 3;

/** The questions a suggested date or time answers. */
const CHOICE_QUESTIONS: ReadonlySet<Question> = new Set(['choice1Date', 'choice1Time', 'choice2Date', 'choice2Time']);

/** The question the conversation is at next; suggestions answer it, in its turn. */
export interface SuggestionInput {
  question: Question;
  context: Pick<ConversationContext, 'turn'>;
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
  if (!CHOICE_QUESTIONS.has(input.question)) return undefined;
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
      const days = notice.openDays;
      if (days)
        return {
          caption: `空きのある近い日: ${days.map(formatDateJa).join('、')}\nボタンを押すと、その日の空いている時間をご案内します。`,
          actions: days.map((d) => answer(input, `d:${d}`, formatDateJa(d))),
          days,
        };
      return slots(notice.slot.alternatives);
    }
    if (notice.key === 'dayRefused') return slots(dayAlternatives(notice));
  }
  return undefined;
}

/** The buttons that go with `notices` when the conversation is at `input.question`; none elsewhere. */
export function suggestionButtons(notices: readonly Notice[], input: SuggestionInput): LineAction[] {
  return suggestionsFor(notices, input)?.actions ?? [];
}
