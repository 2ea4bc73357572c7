/**
 * Shared normalisation for what people type into the chat (docs/office-rules.md §15).
 *
 * Japanese keyboards produce full-width digits and letters, full-width spaces and several
 * hyphen look-alikes. Validators work on the normalised text so that `０９０ー１２３４ー５６７８`
 * and `090-1234-5678` are the same input.
 */

/**
 * Applies NFKC, then maps the dash look-alikes NFKC leaves alone to ASCII `-`.
 *
 * Guarantees: the result is itself NFKC-normalised, contains none of U+2010-2015, U+2212,
 * U+30FC or U+FF70, keeps whitespace where it was, and `normalizeCharacters` is idempotent.
 */
export function normalizeCharacters(input: string): string {
  // U+30FC (katakana long vowel mark) is what a kana-mode IME types for "-"; U+FF70 is its
  // half-width form, which NFKC turns into U+30FC, so it is covered by the same mapping.
  const dashed = input.normalize('NFKC').replace(/[\u2010-\u2015\u2212\u30FC\uFF70]/gu, '-');
  // A second NFKC pass: removing or replacing characters can place a base letter next to a
  // combining mark that the first pass left separate, and a further call must not change it.
  return dashed.normalize('NFKC');
}

/**
 * `normalizeCharacters` followed by removing every whitespace and zero-width character.
 *
 * Guarantees: the result contains no whitespace (`/\s/`) and no U+200B-200D, U+2060 or U+FEFF,
 * is NFKC-normalised, and `normalizeInput(normalizeInput(s)) === normalizeInput(s)`.
 * Meant for codes and numbers, not for names or free text.
 */
export function normalizeInput(input: string): string {
  // NFKC itself can produce spaces (U+00A8 becomes " \u0308"), so strip after normalising and
  // normalise once more so that the letters on either side of a removed space compose.
  const stripped = normalizeCharacters(input).replace(/[\s\u200B-\u200D\u2060\uFEFF]/gu, '');
  return stripped.normalize('NFKC');
}

/**
 * The sentence around a typed number or address, when it only ends it: 「090-1234-5678です」,
 * 「taro@gmail.com でお願いします」. Names have their own, wider reading (self-introduction.ts).
 */
export function withoutPoliteEnding(text: string): string {
  return text.replace(/\s*(?:です|でお願いします|でお願いいたします|になります)[。.!！]*$/u, '');
}
