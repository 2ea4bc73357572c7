import { normalizeCharacters } from './normalize.js';

export type EmailResult = { ok: true; value: string } | { ok: false; code: 'empty' | 'format' | 'too_long' };

/** RFC 5321 limits: a whole address of 254 characters, a local part of 64. */
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * Local part: the unquoted characters RFC 5322 allows, not starting with a dot.
 * Consecutive dots and a dot just before `@` are allowed on purpose: old docomo and au
 * addresses (`taro..yamada@docomo.ne.jp`, `hanako.@ezweb.ne.jp`) break the RFC, still exist,
 * and zod's default `z.email()` pattern would refuse them.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*$/;

/** Domain: two or more DNS labels, the last one alphabetic (no bare IPs, no `localhost`). */
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Checks a contact e-mail address.
 *
 * Guarantees: never throws; input is NFKC-normalised (full-width `＠` and letters become ASCII,
 * dash look-alikes become `-`) and trimmed; addresses with inner whitespace, with other than
 * exactly one `@`, or longer than 254 characters (or a local part over 64) are refused; on
 * success `value` has its domain in lower case and its local part exactly as typed, because
 * the local part is case-sensitive in principle.
 */
export function validateEmail(input: string): EmailResult {
  const text = normalizeCharacters(input).trim();
  if (text === '') return { ok: false, code: 'empty' };
  if (text.length > MAX_ADDRESS_LENGTH) return { ok: false, code: 'too_long' };
  if (/\s/u.test(text)) return { ok: false, code: 'format' };

  const parts = text.split('@');
  if (parts.length !== 2) return { ok: false, code: 'format' };
  const [local = '', domain = ''] = parts;
  if (local.length > MAX_LOCAL_PART_LENGTH) return { ok: false, code: 'too_long' };
  if (!LOCAL_PART.test(local) || !DOMAIN.test(domain)) return { ok: false, code: 'format' };
  return { ok: true, value: `${local}@${domain.toLowerCase()}` };
}
