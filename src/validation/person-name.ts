import { dropEmoji } from './emoji.js';
import { nameFromIntroduction } from './self-introduction.js';

export type PersonNameResult =
  { ok: true; value: string } | { ok: false; code: 'empty' | 'too_long' | 'format' | 'not_a_name' };

/** Maximum length of a name, in Unicode code points, after normalisation. */
export const MAX_PERSON_NAME_LENGTH = 40;

/**
 * Characters a name may contain: letters of any script (kanji, kana, latin; this includes
 * 々, 〆, ヶ and the long vowel mark ー), combining marks, spaces, and the punctuation found
 * in real names (middle dot, period, hyphen, apostrophes, `=` as in ジョン=スミス, commas and
 * parentheses for a former surname). Digits are refused: a registered name never has them,
 * so digits mean the user typed something else (often the job-seeker number) into this field.
 */
const NAME_CHARACTERS = /^[\p{L}\p{M} ・.'’\-=,()]+$/u;

/**
 * Looks like a domain name rather than a name. (`:`, `/` and `@` are already outside
 * NAME_CHARACTERS, so full URLs and mail addresses never get this far.)
 */
const URL_LIKE = /\bwww\.|\.(?:com|net|org|info|biz|jp|io|me|co|app|dev)(?:\.[a-z]{2})?$/iu;

/**
 * Replies people give when they did not see that their name was asked for (a yes to the previous
 * question, "I don't know", "none", the field's own label). Nobody's full name is one of these,
 * so taking one as the name would only put a wrong name on the request staff call back about.
 */
const NOT_NAMES = new Set([
  'はい',
  'いいえ',
  'うん',
  'ええ',
  'いや',
  'yes',
  'no',
  'ok',
  'わかりません',
  'わからない',
  '分かりません',
  '分からない',
  '不明',
  'なし',
  '無し',
  'ない',
  '未定',
  '名前',
  'お名前',
  '氏名',
  'フルネーム',
  // Acknowledgements, and thanks.
  '了解',
  '了解です',
  '了解しました',
  '承知しました',
  'わかりました',
  '分かりました',
  'ありがとう',
  'ありがとうございます',
  // The answers to the questions before the name, typed again (LINE for PC shows no buttons).
  'zoom',
  'ズーム',
  'teleoffice',
  'テレオフィス',
  '一般',
  '一般の職業相談',
  'マザーズ',
  'マザーズコーナー',
]);

/** Words no registered name holds, but a message about the booking does (「電話ください」「予約したい」). */
const NOT_IN_NAMES = /電話|メール|予約|相談|キャンセル|ハローワーク/u;

/**
 * Checks a person's name (氏名) as typed.
 *
 * Guarantees: never throws; emoji are dropped (「青森　花子😊」 is 青森 花子: they decorate a
 * friendly message, they are not part of the name); the value is NFKC-normalised except for CJK
 * compatibility ideographs (see `normalizeName`), trimmed, with every run of whitespace (full-width
 * space included) collapsed to one ASCII space; it is 1 to 40 code points long, contains at least
 * one letter, and contains no digits, emoji, symbols or URL-like text, and is not a reply such as
 * 「はい」, 「わかりません」 or 「Zoom」 (NOT_NAMES), nor holds a word no name holds (「電話ください」,
 * NOT_IN_NAMES). Long vowel marks (ー) are
 * kept as they are: in a name they are letters, not hyphens. Emoji alone are refused as 'format'.
 * The words of a self-introduction around the name are not part of it (「山田太郎です」 and
 * 「名前は山田太郎と申します」 are 山田太郎, self-introduction.ts); nothing else is removed.
 */
export function validatePersonName(input: string): PersonNameResult {
  const typed = normalizeName(dropEmoji(input));
  if (typed === '') return { ok: false, code: normalizeName(input) === '' ? 'empty' : 'format' };
  const value = nameFromIntroduction(typed);
  // 「です」 or 「よろしくお願いします」 alone: polite words, but no name.
  if (value === '') return { ok: false, code: 'not_a_name' };
  if (Array.from(value).length > MAX_PERSON_NAME_LENGTH) return { ok: false, code: 'too_long' };
  if (!NAME_CHARACTERS.test(value) || !/\p{L}/u.test(value) || URL_LIKE.test(value)) {
    return { ok: false, code: 'format' };
  }
  if (NOT_NAMES.has(value.toLowerCase().replace(/[。.!！]+$/u, '')) || NOT_IN_NAMES.test(value))
    return { ok: false, code: 'not_a_name' };
  return { ok: true, value };
}

/**
 * NFKC (half-width kana and full-width latin become their usual forms), whitespace collapsed
 * and trimmed, while CJK compatibility ideographs (U+F900-FAFF, U+2F800-2FA1F) are kept as typed.
 * Normalisation would replace them with their unified counterparts, and for a person's name
 * the exact variant of a kanji matters to its owner.
 */
function normalizeName(input: string): string {
  const pieces = input.split(/([\uF900-\uFAFF\u{2F800}-\u{2FA1F}])/u);
  const normalized = pieces.map((piece, index) => (index % 2 === 1 ? piece : piece.normalize('NFKC'))).join('');
  return normalized.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/gu, ' ').trim();
}
