import { normalizeText } from '../calendar/index.js';
import type { FaqEntry } from '../office/faq.js';

const fold = (s: string) => normalizeText(s).toLowerCase();

/**
 * The office's answer for a message the conversation could not act on: the entry with the
 * longest keyword found in it (「Zoomの参加方法」 is about joining, found by 参加方法 or zoom), or
 * none. Matching ignores width, case and spaces, as everything typed is read (office rules §15).
 */
export function faqEntryFor(entries: readonly FaqEntry[], typed: string): FaqEntry | undefined {
  const text = fold(typed);
  let best: { entry: FaqEntry; length: number } | undefined;
  for (const entry of entries) {
    for (const keyword of entry.keywords) {
      const k = fold(keyword);
      if (k !== '' && text.includes(k) && (best === undefined || k.length > best.length))
        best = { entry, length: k.length };
    }
  }
  return best?.entry;
}

/**
 * Whether typed words ask something (「料金はかかりますか」「Zoomの使い方を教えて」): at a question
 * with buttons, only such words get the office's answer in place of 「ボタンからお選びください」;
 * a bare 「Zoom」 typed there is more likely a mistaken answer than a question.
 */
export function asksSomething(typed: string): boolean {
  const t = normalizeText(typed).replace(/[。.!！\s]+$/u, '');
  return /[?？]|(?:ます|です|でしょう|ません|できる|いい|の)か$|教えて|知りたい|どう(?:すれば|したら|やって)|いくら/u.test(
    t,
  );
}
