import type { Notice } from '../../machines/booking/types.js';
import type { LineMessage } from '../line/message-types.js';
import type { FaqEntry } from '../office/faq.js';
import type { OfficeSettings } from '../office/settings.js';
import { questionCard, text } from './building-blocks.js';
import { formatTimeJa } from './format-ja.js';
import { noticeQuickReply, noticeText } from './notices.js';
import { suggestionsFor, type SuggestionInput } from './suggestion-buttons.js';

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
