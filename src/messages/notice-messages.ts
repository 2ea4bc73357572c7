import { inHalfDay, isValidIsoDate, type IsoDate, type LocalDateTime } from '../calendar/index.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, Notice, Question } from '../../machines/booking/types.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import type { FaqEntry } from '../office/faq.js';
import type { OfficeSettings } from '../office/settings.js';
import { postback, questionCard, text } from './building-blocks.js';
import { formatDateJa, formatSlotJa, formatTimeJa } from './format-ja.js';
import { noticeQuickReply, noticeText } from './notices.js';

/*
 * A turn's notices as LINE messages: their words in order, the office's FAQ answer where it
 * fits, and buttons under a refused preferred time.
 */

export interface NoticeWording {
  settings: OfficeSettings;
  /** The office's answer to what the person typed (config/faq.json): said instead of the bare menu. */
  faq?: FaqEntry;
  /**
   * The office's answer to a question typed where buttons were expected: said instead of
   * 「ボタンからお選びください」, and the question follows as always.
   */
  faqAtQuestion?: FaqEntry;
  /** The question the conversation is at next, when there is one: refused times may offer buttons for it. */
  next?: SuggestionInput;
}

/**
 * What a turn's notices read as: their words in one message, in order. At a date or time
 * question, free slots near a refused one are buttons in a card (LINE for PC shows those too);
 * otherwise the message carries the one next step a notice offers (a regular booking instead of
 * 今すぐ相談, the menu) as quick replies.
 */
export function noticeMessages(notices: readonly Notice[], w: NoticeWording): LineMessage[] {
  if (notices.length === 0) return [];
  const suggested = w.next ? suggestionsFor(notices, w.next) : undefined;
  // Days offered for a closed day: the refusal says why, and the caption names the days.
  const reasonOnly = suggested?.days !== undefined;
  const wordsOf = (n: Notice) =>
    n.key === 'idleMenu' && w.faq
      ? faqAnswerText(w.faq, w.settings)
      : n.key === 'invalidChoice' && w.faqAtQuestion
        ? faqAnswerText(w.faqAtQuestion, w.settings)
        : noticeText(n, w.settings, { reasonOnly });
  const words = notices.map(wordsOf).join('\n\n');
  if (suggested?.actions.length === 0) return [text(`${words}\n${suggested.caption}`)];
  if (suggested) return [questionCard('近い空き枠', [words, suggested.caption], suggested.actions)];
  return [
    text(
      words,
      notices.map(noticeQuickReply).find((q) => q !== undefined),
    ),
  ];
}

/** One notice said on its own. */
export function noticeMessage(notice: Notice, settings: OfficeSettings): LineMessage[] {
  return noticeMessages([notice], { settings });
}

/** The office's words from its FAQ (config/faq.json) with its settings filled in; an unknown {name} is left as written. */
export function faqAnswerText(entry: FaqEntry, s: OfficeSettings): string {
  const values: Record<string, string> = {
    officeName: s.officeName,
    officePhone: s.officePhone,
    hours: `${formatTimeJa(s.openingMinutes)}〜${formatTimeJa(s.closingMinutes)}`,
    termsUrl: s.termsUrl,
    zoomTermsUrl: s.zoomTermsUrl,
  };
  return entry.answer.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}

/*
 * Buttons under a refused preferred time: the nearest free slots (one tap chooses that slot), or,
 * for a day the office is closed, the nearest open days (one tap shows that day's free times). Each
 * button answers the question being asked again, in its turn, so an old one is stale; and a tap is
 * checked against the calendar as it is then, so a slot taken meanwhile is refused with the reason
 * (machines/booking/choice-answer.ts).
 */

/** Few enough to read at a glance on a phone, beside the question's own buttons. */
const MAX_SUGGESTIONS = 3;

/** The questions a suggested date or time answers. */
const CHOICE_QUESTIONS: ReadonlySet<Question> = new Set(['choice1Date', 'choice1Time', 'choice2Date', 'choice2Time']);

/** The question the conversation is at next; suggestions answer it, in its turn. */
export interface SuggestionInput {
  question: Question;
  context: Pick<ConversationContext, 'turn' | 'draft'>;
  /** The answers the question's own buttons already carry (questions.ts ownDateAnswers). */
  shown?: ReadonlySet<string>;
}

/**
 * Whether the question already offers `at` as one of its own buttons: a time question lists the
 * free times of its date (of the half-day asked for, if one was), so a suggestion there would be
 * the same button twice.
 */
function offeredByQuestion(input: SuggestionInput, at: LocalDateTime): boolean {
  if (input.question !== 'choice1Time' && input.question !== 'choice2Time') return false;
  const { pendingDate, pendingHalf } = input.context.draft;
  return at.date === pendingDate && (!pendingHalf || inHalfDay(pendingHalf, at.minutes));
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

interface Suggestions {
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
  const slots = (all: readonly LocalDateTime[]): Suggestions | undefined => {
    const list = all.slice(0, MAX_SUGGESTIONS).filter((at) => !offeredByQuestion(input, at));
    return list.length === 0
      ? undefined
      : {
          caption: 'ボタンを押すと、その日時を希望日時としてお選びいただけます。',
          actions: list.map((at) => answer(input, `s:${at.date}@${at.minutes}`, formatSlotJa(at))),
        };
  };
  for (const notice of notices) {
    if (notice.key === 'slotRefused' && notice.slot) {
      const days = notice.openDays;
      if (days) {
        const named = `空きのある近い日: ${days.map(formatDateJa).join('、')}`;
        // Days the question's own buttons offer anyway are named, not offered twice.
        const unlisted = days.filter((d) => !input.shown?.has(`d:${d}`));
        return {
          caption: unlisted.length > 0 ? `${named}\nボタンを押すと、その日の空いている時間をご案内します。` : named,
          actions: unlisted.map((d) => answer(input, `d:${d}`, formatDateJa(d))),
          days,
        };
      }
      return slots(notice.slot.alternatives);
    }
    if (notice.key === 'dayRefused') return slots(dayAlternatives(notice));
  }
  return undefined;
}
