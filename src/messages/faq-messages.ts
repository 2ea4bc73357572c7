import type { FaqEntry } from '../office/faq.js';
import type { OfficeSettings } from '../office/settings.js';
import type { LineMessage } from '../line/message-types.js';
import { formatTimeJa } from './format-ja.js';
import { text } from './building-blocks.js';
import { menuQuickReply } from './notices.js';

/** The office's words with its settings filled in; an unknown {name} is left as written. */
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

/** An answer from the FAQ, with the menu as buttons for what the person may want next. */
export function faqAnswerMessages(entry: FaqEntry, s: OfficeSettings, hasBooking: boolean): LineMessage[] {
  return [text(faqAnswerText(entry, s), menuQuickReply(hasBooking))];
}
