import { toLocal, type Instant, type IsoDate } from '../../src/calendar/index.js';
import type { ConversationFacts } from './types.js';

/**
 * Why an immediate session is not offered to this person (docs/office-rules.md §14, terms art. 2
 * and 6-2(1)): the session is for people whose consent and eligibility answers are already on
 * record, since there is no time to ask them while a counsellor waits.
 * - `noConsent`: no consent to the terms in force was recorded before this request;
 * - `noEligibility`: the eligibility questions were never answered (no regular booking filed);
 * - `eligibilityExpired`: they were answered longer ago than the office's validity.
 */
export type ImmediateRefusal = 'noConsent' | 'noEligibility' | 'eligibilityExpired';

/**
 * The last day answers given on `answered` still hold, `months` later: counted as periods are
 * in Japan (the day itself not counted, ending on the day before the same date `months` later,
 * i.e. on that date when the day is counted), and at a month's end when that month is shorter.
 * Answered 2026-06-06 with 6 months: valid through 2026-12-06; 2026-08-31: through 2027-02-28.
 */
export function eligibilityValidThrough(answered: IsoDate, months: number): IsoDate {
  const [y, m, d] = answered.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether eligibility answered at `answeredAt` still holds on the Japan date of `now`. */
export function eligibilityCurrent(answeredAt: Instant, now: Instant, months: number): boolean {
  return toLocal(now).date <= eligibilityValidThrough(toLocal(answeredAt).date, months);
}

/**
 * Why an immediate session is refused, or undefined when the person may ask for one: consent to
 * the terms in force on record (facts are read before the event, so from before this request)
 * and eligibility answered within the office's validity.
 */
export function immediateRefusal(facts: ConversationFacts, now: Instant): ImmediateRefusal | undefined {
  if (facts.agreedTermsVersion !== facts.termsVersion) return 'noConsent';
  if (facts.eligibilityAnsweredAt === null) return 'noEligibility';
  if (!eligibilityCurrent(facts.eligibilityAnsweredAt, now, facts.calendar.settings.eligibilityValidMonths))
    return 'eligibilityExpired';
  return undefined;
}
