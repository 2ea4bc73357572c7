/**
 * Normalisation of what people type (docs/office-rules.md §15): full-width digits and letters, dash
 * look-alikes and stray spaces are made uniform before any parsing or validation.
 */

// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
// katakana long vowel mark and its half-width form: NFKC leaves these alone.
const DASH_LOOKALIKES = /[\u2010-\u2015\u2212\u30fc\uff70]/gu;
const WHITESPACE = /\s+/gu;
const MAX_PASSES = 8;

function normalizeOnce(s: string, spaces: string): string {
  return s.normalize('NFKC').replace(DASH_LOOKALIKES, '-').replace(WHITESPACE, spaces);
}

/**
 * NFKC, dash look-alikes to '-', all whitespace (including U+3000) removed.
 * Idempotent: removing a space can let NFKC compose the characters on either side
 * (e.g. 'e' and a combining accent), so the steps repeat until nothing changes. In practice
 * a second pass is already stable; the bound only guarantees termination on hostile input.
 */
export function normalizeText(s: string): string {
  let current = normalizeOnce(s, '');
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = normalizeOnce(current, '');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Like normalizeText but keeps word boundaries: whitespace runs become one space, ends trimmed. */
export function normalizeKeepingSpaces(s: string): string {
  return normalizeOnce(s, ' ').trim();
}
