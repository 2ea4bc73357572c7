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
import { matchOption } from './options.js';
import { isCommandWord } from './text-commands.js';
import type { AnswerInput, Evaluation } from './evaluation.js';
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

/** Button values of 「どなたが同席されますか？」, and the prefix of a language button (`l:英語`). */
export const COMPANION_VALUES = { interpreter: 'c_interpreter', helper: 'c_helper', language: 'l:' } as const;

/** Languages offered as buttons (any other is typed): those the office is most often asked for. */
export const COMMON_LANGUAGES = ['英語', '中国語', '韓国語', 'ベトナム語', 'ポルトガル語', '手話'] as const;

const MAX_LANGUAGE_LENGTH = 20;

function askAgain(draft: Draft, item: 'companion' | 'language'): Evaluation {
  return { ok: true, outcome: 'confirmAsked', draft: { ...draft, unconfirmed: { item } } };
}

/** Who a reply names: an interpreter (「通訳」), a helper (「介助者」「ヘルパー」「付き添い」), or neither. */
function whoOf(answer: Answer): 'interpreter' | 'helper' | undefined {
  if (answer.source === 'button')
    return answer.value === COMPANION_VALUES.interpreter
      ? 'interpreter'
      : answer.value === COMPANION_VALUES.helper
        ? 'helper'
        : undefined;
  const t = answer.source === 'text' ? normalizeText(answer.text) : '';
  if (/通訳|手話/.test(t)) return 'interpreter';
  if (/介助|ヘルパー|付き?添|支援者|家族/.test(t)) return 'helper';
  return undefined;
}

/** The language an answer names: a button's, or typed words (「ベトナム語です」 is ベトナム語). */
function languageOf(answer: Answer): string | undefined {
  if (answer.source === 'button')
    return answer.value.startsWith(COMPANION_VALUES.language)
      ? answer.value.slice(COMPANION_VALUES.language.length) || undefined
      : undefined;
  if (answer.source !== 'text') return undefined;
  const t = normalizeText(answer.text)
    .replace(/[。.!！]+$/u, '')
    .replace(/(?:の通訳)?(?:です|でお願いします|をお願いします|になります)$/u, '');
  const length = Array.from(t).length;
  return length >= 1 && length <= MAX_LANGUAGE_LENGTH && /^[\p{L}\p{M}・ー-]+$/u.test(t) ? t : undefined;
}

/**
 * 「通訳・介助者の同席」 (docs/office-rules.md §9, terms art. 12): a yes asks who attends, an
 * interpreter then asks the language, since the office prepares for either. 「通訳が同席します」
 * goes straight to the language. Nobody attending is one answer, as before.
 */
export function companionStep(input: AnswerInput): Evaluation {
  const { unconfirmed, companion: _who, companionLanguage: _language, ...draft } = input.context.draft;
  const step = unconfirmed?.item === 'companion' || unconfirmed?.item === 'language' ? unconfirmed.item : undefined;
  const option = input.answer.source === 'picker' ? undefined : matchOption('interpreter', input.answer);
  if (step === 'language') {
    const language = languageOf(input.answer);
    if (language === undefined) return { ok: false, notice: { key: 'invalidLanguage' } };
    return filled({ ...draft, interpreter: true, companion: 'interpreter', companionLanguage: language });
  }
  if (option === 'no') return filled({ ...draft, interpreter: false });
  const who = whoOf(input.answer);
  if (who === 'helper') return filled({ ...draft, interpreter: true, companion: 'helper' });
  if (who === 'interpreter') return askAgain(draft, 'language');
  if (step === undefined && option === 'yes') return askAgain(draft, 'companion');
  return { ok: false, notice: { key: 'invalidChoice' } };
}
