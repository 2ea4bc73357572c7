/**
 * 「16日14時か17日10時」: two wishes in one message (docs/office-rules.md §15). Split at the word that
 * joins them; each part is then read and checked on its own (machines/booking/choice-answer.ts).
 */
import { normalizeKeepingSpaces } from './normalize-text.js';

const JOINERS = ['か', 'または', 'もしくは', 'あるいは', '、', ',', ' or ', 'と'] as const;

/**
 * The two parts of a message that names two wishes, or undefined. Only a split into exactly two
 * non-empty parts counts; whether each is a date and time is for the caller to read.
 */
export function splitTwoWishes(text: string): [string, string] | undefined {
  const t = normalizeKeepingSpaces(text).replace(/(?:でお願いします|希望です|で希望します)[。.!！]*$/u, '');
  // 「16日14時か17日10時」 splits at か, 「12/16 14:00、12/17 10:00」 at 、, 「12/10と12/11の10時」 at と.
  for (const separator of JOINERS) {
    const parts = t.split(separator);
    if (parts.length === 2 && parts.every((p) => p.trim() !== '')) return [parts[0]!.trim(), parts[1]!.trim()];
  }
  return undefined;
}
