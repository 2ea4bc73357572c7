import { normalizeInput } from './normalize.js';

export type JobSeekerNumberResult =
  { ok: true; value: string; warning?: 'not_aomori' } | { ok: false; code: 'empty' | 'format' };

/** Five-digit office code, an optional hyphen, then the 1 to 8 digit serial (docs/office-rules.md §9). */
const JOB_SEEKER_NUMBER = /^\d{5}-?\d{1,8}$/;

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
  const value = normalizeInput(input);
  if (value === '') return { ok: false, code: 'empty' };
  if (!JOB_SEEKER_NUMBER.test(value)) return { ok: false, code: 'format' };
  return value.startsWith('02') ? { ok: true, value } : { ok: true, value, warning: 'not_aomori' };
}
