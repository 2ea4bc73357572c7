/**
 * Answers taken only after one more question (docs/office-rules.md §9): an address whose domain is
 * probably a typo of a common one (「gmail.com のことですか？」, both addresses as buttons), and a name
 * of one kana word (「フルネームでお願いします」, asked once: the next valid name is taken as it is).
 * What was read waits in the draft (`unconfirmed`) while the question is asked again.
 */
import { normalizeText } from '../../src/calendar/index.js';
import { isCarrierMail, validateEmail } from '../../src/validation/email.js';
import { likelyMeantAddress } from '../../src/validation/email-typo.js';
import { normalizeCharacters } from '../../src/validation/normalize.js';
import { isOneKanaWord } from '../../src/validation/name-parts.js';
import { validatePersonName } from '../../src/validation/person-name.js';
import { isCommandWord } from './text-commands.js';
import type { AnswerInput, Evaluation } from './evaluate-answer.js';
import type { Answer, Draft, Notice } from './types.js';

/** Button values of the confirmation: the suggested address, the address as typed, the name as typed. */
export const CONFIRM_VALUES = { suggested: 'mail_suggested', typed: 'mail_typed', keepName: 'name_keep' } as const;

const YES = new Set(['はい', 'そうです', 'はいそうです', 'はい、そうです', 'yes', 'ok', 'うん']);
const NO = new Set(['いいえ', 'ちがいます', '違います', 'いいえ、ちがいます', 'いいえ、違います', 'no']);
const KEEP = new Set(['このまま', 'このまま進む', 'このままで', 'これで', 'これでいいです', ...YES]);

function typedWord(answer: Answer): string | undefined {
  return answer.source === 'text'
    ? normalizeText(answer.text)
        .toLowerCase()
        .replace(/[。.!！]+$/u, '')
    : undefined;
}

function filled(draft: Draft, notices: Notice[] = []): Evaluation {
  return { ok: true, outcome: 'filled', draft, ...(notices.length > 0 ? { notices } : {}) };
}

function emailFilled(draft: Draft, email: string): Evaluation {
  return filled({ ...draft, email }, isCarrierMail(email) ? [{ key: 'carrierMail' }] : []);
}

/** Which address a reply to 「○○のことですか？」 picks: a button, yes or no, or one of the two typed again. */
function pickedAddress(answer: Answer, pending: { typed: string; suggested: string }): string | undefined {
  if (answer.source === 'button')
    return answer.value === CONFIRM_VALUES.suggested
      ? pending.suggested
      : answer.value === CONFIRM_VALUES.typed
        ? pending.typed
        : undefined;
  const word = typedWord(answer);
  if (word === undefined) return undefined;
  if (YES.has(word)) return pending.suggested;
  if (NO.has(word)) return pending.typed;
  return undefined;
}

export function emailStep(input: AnswerInput): Evaluation {
  const { unconfirmed, ...draft } = input.context.draft;
  const pending = unconfirmed?.item === 'email' ? unconfirmed : undefined;
  const picked = pending ? pickedAddress(input.answer, pending) : undefined;
  if (picked !== undefined) {
    // The address as typed may be one the rules refuse (「docomo.ne.j」): then it is refused here.
    const checked = validateEmail(picked);
    if (!checked.ok) return { ok: false, notice: { key: 'invalidEmail', params: { code: checked.code } } };
    return emailFilled(draft, checked.value);
  }
  if (input.answer.source !== 'text') return { ok: false, notice: { key: 'invalidEmail', params: { code: 'empty' } } };
  const result = validateEmail(input.answer.text);
  if (!result.ok) {
    // A domain cut short by one letter (「docomo.ne.j」) is more likely a slip than a new address.
    const typed = normalizeCharacters(input.answer.text).trim();
    const suggested = result.code === 'format' || result.code === 'no_domain' ? likelyMeantAddress(typed) : undefined;
    if (suggested !== undefined && validateEmail(suggested).ok)
      return {
        ok: true,
        outcome: 'confirmAsked',
        draft: { ...draft, unconfirmed: { item: 'email', typed, suggested } },
      };
    return { ok: false, notice: { key: 'invalidEmail', params: { code: result.code } } };
  }
  // Either address typed again, after the question: that is the one meant.
  if (pending && (result.value === pending.typed || result.value === pending.suggested))
    return emailFilled(draft, result.value);
  const suggested = likelyMeantAddress(result.value);
  if (suggested === undefined) return emailFilled(draft, result.value);
  return {
    ok: true,
    outcome: 'confirmAsked',
    draft: { ...draft, unconfirmed: { item: 'email', typed: result.value, suggested } },
  };
}

export function nameStep(input: AnswerInput): Evaluation {
  const { unconfirmed, ...draft } = input.context.draft;
  const pending = unconfirmed?.item === 'name' ? unconfirmed : undefined;
  if (pending) {
    const word = typedWord(input.answer);
    const keep =
      (input.answer.source === 'button' && input.answer.value === CONFIRM_VALUES.keepName) ||
      (word !== undefined && KEEP.has(word));
    if (keep) return filled({ ...draft, name: pending.typed });
  }
  if (input.answer.source !== 'text') return { ok: false, notice: { key: 'invalidName', params: { code: 'empty' } } };
  // A command word is never a name (the runner turns most into commands first).
  if (isCommandWord(input.answer.text))
    return { ok: false, notice: { key: 'invalidName', params: { code: 'command' } } };
  const result = validatePersonName(input.answer.text);
  if (!result.ok) return { ok: false, notice: { key: 'invalidName', params: { code: result.code } } };
  // Asked once: whatever valid name comes after the question is taken as it is.
  if (pending || !isOneKanaWord(result.value)) return filled({ ...draft, name: result.value });
  return { ok: true, outcome: 'confirmAsked', draft: { ...draft, unconfirmed: { item: 'name', typed: result.value } } };
}
