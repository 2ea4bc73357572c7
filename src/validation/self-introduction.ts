/**
 * The name inside a self-introduction. Asked for their name, people answer politely:
 * 「山田太郎です」, 「山田太郎と申します。よろしくお願いします」, 「名前は山田太郎です」. Staff call
 * them back by the name stored, so 「山田太郎です」 must be stored as 山田太郎.
 */

// A greeting before the name: 「はじめまして、山田太郎です」.
const OPENING = /^(?:はじめまして|初めまして|こんにちは|こんばんは|おはようございます)[\s、,。.!]*/u;
// 「私は」「名前は」「私の名前は」 before the name.
const SUBJECT = /^(?:(?:私|わたし|わたくし)(?:の(?:お?名前|なまえ))?は|(?:お?名前|なまえ|氏名)は)[\s、,:]*/u;
// A closing greeting after it: 「…です。よろしくお願いします。」
const CLOSING =
  /[\s、。,.!]*(?:どうぞ)?(?:よろしく|宜しく)(?:お願い|おねがい)?(?:します|いたします|致します)?[\s。.!]*$/u;
// The polite copula after it: 「…です」「…と申します」「…といいます」.
const COPULA = /\s*(?:です|でございます|と申します|ともうします|といいます|と言います)[\s。.!]*$/u;

function stripOnce(s: string): string {
  return s.replace(OPENING, '').replace(SUBJECT, '').replace(CLOSING, '').replace(COPULA, '').trim();
}

/**
 * `text` (already normalised: NFKC, whitespace collapsed) without the words of a
 * self-introduction around the name. Only whole phrases at either end are removed, and each
 * needs its particle (は, です, と申します), so names that merely start or end alike are kept:
 * 私市 太郎, 名前 花子, はいだ ゆうこ. Guarantees: never throws; the result is a fixed point
 * (`nameFromIntroduction(r) === r`), which is why the phrases are removed until none is left;
 * it may be empty when the text was nothing but such words.
 */
export function nameFromIntroduction(text: string): string {
  let current = text.trim();
  // Each pass that changes anything makes the text shorter, so this ends.
  for (let next = stripOnce(current); next !== current; next = stripOnce(current)) current = next;
  return current;
}
