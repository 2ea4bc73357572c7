import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { normalizeInput, withoutPoliteEnding } from './normalize.js';

export type PhoneType = 'mobile' | 'ip' | 'landline';

export type PhoneResult =
  | { ok: true; value: string; display: string; type: PhoneType }
  | { ok: false; code: 'empty' | 'format' | 'toll_free' | 'pager' | 'not_japanese' };

/**
 * Characters a typed phone number may consist of once normalised: a leading `+` for the
 * international form, digits, and the separators people use (`-`, `.`, parentheses).
 * Anything else (letters, "内線", "携帯") is refused rather than guessed at, because
 * libphonenumber would otherwise read letters as keypad digits or extract a number from prose.
 */
const PHONE_CHARACTERS = /^\+?[0-9().-]+$/;

/** Longer input cannot be a Japanese number even with separators; refuse it before parsing. */
const MAX_INPUT_LENGTH = 32;

/** Number of digits in the domestic form (with the leading 0), by kind. */
const DOMESTIC_LENGTH: Record<PhoneType, number> = { mobile: 11, ip: 11, landline: 10 };

/**
 * Checks the phone number registered with a job-seeker record (docs/office-rules.md §9).
 *
 * Guarantees: never throws; accepts full-width digits, dash look-alikes, spaces, parentheses
 * and the +81 form; on success `value` is the domestic number as digits only, starting with 0
 * (`09012345678`), `display` is the same number hyphenated the Japanese way (`090-1234-5678`),
 * and `type` is `mobile` (070/080/090, 11 digits), `ip` (050, 11 digits) or `landline`
 * (10 digits); toll-free (0120, 0800), pager (020) and non-Japanese numbers are refused with
 * their own codes, and every other number type (0570, 0990, 060 ...) with `format`.
 */
export function validatePhone(input: string): PhoneResult {
  const text = withoutPoliteEnding(normalizeInput(input));
  if (text === '') return { ok: false, code: 'empty' };
  if (text.length > MAX_INPUT_LENGTH || !PHONE_CHARACTERS.test(text)) return { ok: false, code: 'format' };
  // A domestic number always starts with the trunk prefix 0 (possibly inside parentheses).
  // Without it, "9012345678" is more likely a mistyped number than a deliberate one.
  const digitsAndPlus = text.replace(/[().-]/g, '');
  if (!digitsAndPlus.startsWith('+') && !digitsAndPlus.startsWith('0')) return { ok: false, code: 'format' };

  const parsed = parsePhoneNumberFromString(text, 'JP');
  if (parsed === undefined) return { ok: false, code: 'format' };
  if (parsed.countryCallingCode !== '81') return { ok: false, code: 'not_japanese' };
  return classifyJapaneseNumber(parsed);
}

/**
 * A stored phone number as people and staff read it, everywhere it is shown (LINE cards, the
 * console's pages): hyphenated the Japanese way (`09012345678` → `090-1234-5678`); a number the
 * checks cannot read (stored before they were tightened, say) is shown as stored, and an empty
 * one (erased) stays empty.
 */
export function phoneForDisplay(stored: string): string {
  const checked = validatePhone(stored);
  return checked.ok ? checked.display : stored;
}

/** Maps libphonenumber's type for a +81 number onto what the office accepts. */
function classifyJapaneseNumber(parsed: PhoneNumber): PhoneResult {
  const kind = parsed.getType();
  if (kind === 'TOLL_FREE') return { ok: false, code: 'toll_free' };
  if (kind === 'PAGER') return { ok: false, code: 'pager' };
  const type = toPhoneType(kind);
  if (type === undefined || !parsed.isValid()) return { ok: false, code: 'format' };

  const value = `0${parsed.nationalNumber}`;
  // The metadata already fixes these lengths; checking again keeps the documented guarantee
  // true even if a future metadata update widened a range.
  if (!/^\d+$/.test(value) || value.length !== DOMESTIC_LENGTH[type]) return { ok: false, code: 'format' };
  return { ok: true, value, display: parsed.formatNational(), type };
}

function toPhoneType(kind: ReturnType<PhoneNumber['getType']>): PhoneType | undefined {
  switch (kind) {
    case 'MOBILE':
      return 'mobile';
    case 'VOIP':
      return 'ip';
    case 'FIXED_LINE':
      return 'landline';
    default:
      return undefined;
  }
}
