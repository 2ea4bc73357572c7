import { isoDateOf, toLocal, type Instant, type IsoDate } from '../calendar/index.js';

/**
 * The latest effective date a new terms version may have: the same day a year after today
 * (Japan date). A version can never be withdrawn, and every later one must be dated after it,
 * so a mistyped year (2207 for 2027) would otherwise block all new terms for ever. The office
 * publishes revisions months ahead at most; a year leaves room for that.
 */
export function latestTermsEffectiveFrom(now: Instant): IsoDate {
  const today = toLocal(now).date;
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  // 29 February has no twin next year; the 28th keeps the bound within a year.
  return isoDateOf(year + 1, month, day) ?? isoDateOf(year + 1, month, day - 1)!;
}

/** True when `effectiveFrom` lies further ahead than latestTermsEffectiveFrom allows. */
export function isTermsDateTooFar(effectiveFrom: IsoDate, now: Instant): boolean {
  return effectiveFrom > latestTermsEffectiveFrom(now);
}
