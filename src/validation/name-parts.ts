/**
 * A name of one word written in kana only (「はなこ」「アオモリ」): most often a given name or a family
 * name alone, where the registered full name is needed to find the person's record. It may still be
 * a full name typed without a space, so it is questioned once, never refused (docs/office-rules.md §9).
 * `name` is a validated name (validatePersonName: normalised, single spaces).
 */
export function isOneKanaWord(name: string): boolean {
  return /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(name);
}
