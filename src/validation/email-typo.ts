import { CARRIER_DOMAINS } from './email.js';

/**
 * A likely typo in the domain of a valid address (`gmial.com`, `docomo.ne.j`): the common domain it
 * was probably meant to be. The address is not refused (the domain may really exist); the person is
 * asked which one they mean (docs/office-rules.md §9), because invitations and notices sent to a
 * wrong address never arrive and nobody learns why.
 */

/** Domains most people in Japan give: free mail, and the mobile carriers' own (email.ts). */
const COMMON_DOMAINS = [
  ...CARRIER_DOMAINS,
  'gmail.com',
  'yahoo.co.jp',
  'yahoo.ne.jp',
  'ymail.ne.jp',
  'icloud.com',
  'me.com',
  'outlook.jp',
  'outlook.com',
  'hotmail.co.jp',
  'hotmail.com',
  'live.jp',
  'live.com',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
] as const;

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `gmial` is one edit from
 * `gmail`, as a slip of the thumb is.
 */
function editDistance(a: string, b: string): number {
  // Three rows of the table are enough: the transposition looks two rows back.
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** How far a typed domain may be from a common one: one slip, two in a long domain. */
function tolerance(domain: string): number {
  return domain.length >= 10 ? 2 : 1;
}

/**
 * The address with the common domain it was probably meant to have, or undefined when the domain
 * is a common one, is close to none, or is as close to two of them (no guess is better than a
 * wrong one). `address` has one @ (a valid address, or one whose domain is cut short: 「docomo.ne.j」).
 */
export function likelyMeantAddress(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if ((COMMON_DOMAINS as readonly string[]).includes(domain)) return undefined;
  // Lengths further apart than the tolerance cannot be within it: most domains are skipped unmeasured.
  const scored = COMMON_DOMAINS.filter((d) => Math.abs(d.length - domain.length) <= tolerance(d))
    .map((d) => ({ d, distance: editDistance(domain, d) }))
    .filter((s) => s.distance <= tolerance(s.d));
  if (scored.length === 0) return undefined;
  const best = Math.min(...scored.map((s) => s.distance));
  const closest = scored.filter((s) => s.distance === best);
  return closest.length === 1 ? `${local}@${closest[0]!.d}` : undefined;
}
