import { normalizeInput, withoutPoliteEnding } from './normalize.js';

/** `phone`: what was typed is a phone number (the next question asks for that). */
export type JobSeekerNumberProblem = 'empty' | 'format' | 'phone';

export type JobSeekerNumberResult =
  { ok: true; value: string; warning?: 'not_aomori' } | { ok: false; code: JobSeekerNumberProblem };

/**
 * Five-digit office code, an optional hyphen, then the eight-digit serial, as the ハローワーク受付票
 * prints it (docs/office-rules.md §9). Exactly eight: a shorter serial is a number copied in part,
 * and an eleven-digit run is far more often a mobile number than a job-seeker number.
 */
const JOB_SEEKER_NUMBER = /^\d{5}-?\d{8}$/;

/** A Japanese phone number as people type it: 0 then 9 to 10 more digits, hyphens anywhere between. */
const PHONE_NUMBER = /^0\d{1,4}-?\d{1,4}-?\d{3,4}$/;

/**
 * Checks a job-seeker number (求職番号) as typed by the user.
 *
 * Guarantees: never throws; `value` is the input after `normalizeInput` (full-width digits and
 * dash look-alikes folded, whitespace removed) and is otherwise exactly what was typed, never
 * zero-padded or re-hyphenated; a number whose office code does not start with `02` (Aomori)
 * is accepted with `warning: 'not_aomori'`, because people who moved may hold another
 * prefecture's number and staff decide what to do with it.
 */
export function validateJobSeekerNumber(input: string): JobSeekerNumberResult {
  const value = withoutPoliteEnding(normalizeInput(input));
  if (value === '') return { ok: false, code: 'empty' };
  if (!JOB_SEEKER_NUMBER.test(value)) {
    const digits = value.replace(/-/g, '');
    return {
      ok: false,
      code: PHONE_NUMBER.test(value) && digits.length >= 10 && digits.length <= 11 ? 'phone' : 'format',
    };
  }
  return value.startsWith('02') ? { ok: true, value } : { ok: true, value, warning: 'not_aomori' };
}
