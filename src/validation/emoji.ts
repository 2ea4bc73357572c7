/**
 * Emoji and the little symbols people add to friendly chat messages (「お願いします🙏」,
 * 「青森 花子😊」, 「よろしくです♪」). They decorate a message and never carry a date, a time or
 * a name, so readers (dates, names, option words, typed commands) drop them instead of refusing
 * the whole answer. LINE's own emoji (from the LINE keyboard) arrive in the text as `$`
 * placeholders; no date, time, name or option contains `$`, so it goes too.
 */

/**
 * Pictographs (emoji in colour or text style, skin tones, flags, keycap and tag sequences with
 * their joiners and variation selectors), the decorations Japanese keyboards offer next to emoji
 * that Unicode does not count as pictographs (♪ ♫ ☆ ★ ♡), and LINE's `$`. A zero-width joiner
 * counts only between two pictographs: elsewhere it may belong to the letters around it.
 */
const PICTOGRAPH = String.raw`[\p{Extended_Pictographic}\p{Regional_Indicator}♪♫☆★♡$]`;
const MODIFIERS = String.raw`[\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{20E3}\u{E0020}-\u{E007F}]`;
const EMOJI = new RegExp(`${PICTOGRAPH}${MODIFIERS}*(?:\\u{200D}${PICTOGRAPH}${MODIFIERS}*)*|${MODIFIERS}`, 'gu');

/**
 * `text` without emoji and chat decorations. Guarantees: never throws; every other character is
 * kept in order (a keycap 「1️⃣」 keeps its digit); `dropEmoji(dropEmoji(s)) === dropEmoji(s)`.
 */
export function dropEmoji(text: string): string {
  return text.replace(EMOJI, '');
}
