import { normalizeCharacters, withoutPoliteEnding } from './normalize.js';

/**
 * Why an address is refused, as precisely as the person can act on: `no_at` (no @ at all),
 * `many_at` (more than one, often two addresses in one message), `space` (a space inside),
 * `no_domain` (nothing after @, or a domain without a dot such as `gmail`), `format` (anything
 * else: characters an address cannot hold).
 */
export type EmailProblem =
  | 'empty'
  | 'no_at'
  | 'many_at'
  | 'space'
  | 'no_domain'
  | 'format'
  | 'too_long'
  /** 「なし」「メールは持っていません」: no address to give, which asking again does not fix. */
  | 'none';

/** A reply saying there is no address, as people word it (no @ in it). */
const NO_ADDRESS = /なし|無し|ない|ありません|持って(?:い)?ません|使って(?:い)?ません|none/iu;

export type EmailResult = { ok: true; value: string } | { ok: false; code: EmailProblem };

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
  const text = withoutPoliteEnding(normalizeCharacters(input).trim());
  if (text === '') return { ok: false, code: 'empty' };
  if (!text.includes('@') && NO_ADDRESS.test(text)) return { ok: false, code: 'none' };
  if (text.length > MAX_ADDRESS_LENGTH) return { ok: false, code: 'too_long' };
  if (/\s/u.test(text)) return { ok: false, code: 'space' };

  const parts = text.split('@');
  if (parts.length === 1) return { ok: false, code: 'no_at' };
  if (parts.length > 2) return { ok: false, code: 'many_at' };
  const [local = '', domain = ''] = parts;
  if (local.length > MAX_LOCAL_PART_LENGTH) return { ok: false, code: 'too_long' };
  if (!LOCAL_PART.test(local)) return { ok: false, code: 'format' };
  // 「taro@」「taro@gmail」: the part after @ is missing or stops short.
  if (domain === '' || (/^[A-Za-z0-9-]+$/.test(domain) && !domain.includes('.')))
    return { ok: false, code: 'no_domain' };
  if (!DOMAIN.test(domain)) return { ok: false, code: 'format' };
  return { ok: true, value: `${local}@${domain.toLowerCase()}` };
}

/**
 * Domains of the mobile carriers' own mail (docomo, au, SoftBank, Y!mobile, Rakuten Mobile). Their
 * spam filters often refuse mail sent from computers by default, and the TeleOffice invitation
 * and other notices come that way, so a person who gives such an address is told to allow it.
 */
export const CARRIER_DOMAINS = [
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'ymobile.ne.jp',
  'rakumail.jp',
] as const;

/** True for an address at a mobile carrier's mail domain (a validated, lower-case domain). */
export function isCarrierMail(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return CARRIER_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}
