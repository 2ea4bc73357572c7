import type { Db } from '../../db/database.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { IMMEDIATE_SWITCH, setSwitch, switchRow } from '../../db/repositories/office-state-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import {
  currentTerms,
  ensureTermsVersion,
  getTerms,
  latestConsentSummary,
  latestEffectiveFrom,
  type RegisteredTerms,
  type TermsVersion,
} from '../../db/repositories/terms-repository.js';
import type { Dispatch } from '../bookings/dispatch.js';
import type { Actor } from '../bookings/lifecycle.js';
import { toInstant, type Instant } from '../calendar/index.js';
import { FIRST_CONSENT_SUMMARY } from '../messages/terms-messages.js';
import { immediateNote } from '../messages/staff-notes.js';
import { isTermsDateTooFar, latestTermsEffectiveFrom } from './terms-dates.js';

export { IMMEDIATE_SWITCH };

/** Why a terms version was not registered; each door words it in its own language. */
export type TermsRefusal =
  { code: 'too_far'; latestAllowed: string } | { code: 'conflict' } | { code: 'not_newer'; latest: string };

export type TermsRegistration =
  { ok: true; row: RegisteredTerms; current: string | null; created: boolean } | { ok: false; refusal: TermsRefusal };

/** A version as staff give it: the consent summary may be left out to keep the previous one. */
export type NewTermsVersion = Omit<TermsVersion, 'consentSummary'> & { consentSummary?: string | undefined };

/**
 * The notices of a new version (docs/office-rules.md §13): now, so people with an open booking
 * hear of it in advance; and, for a version still ahead, again when it applies (00:00 JST), for
 * those who booked in between under the old one. Each person is told once per version.
 */
export async function scheduleTermsNotices(db: Db, terms: { id: string; effectiveFrom: string }, now: Instant) {
  await scheduleJob(db, 'terms_notice', terms.id, now, now);
  const effective = toInstant({ date: terms.effectiveFrom, minutes: 0 });
  if (effective > now) await scheduleJob(db, 'terms_notice', terms.id, effective, now);
}

/**
 * What registering `given` would do, without doing it: refused (and why), the same version again
 * (nothing to do), or new. The console shows a new version back for confirmation only when it
 * would be registered.
 */
export async function termsRegistrationCheck(
  db: Db,
  given: NewTermsVersion,
  now: Instant,
): Promise<{ refusal: TermsRefusal } | { same: RegisteredTerms } | { new: true }> {
  if (isTermsDateTooFar(given.effectiveFrom, now)) {
    return { refusal: { code: 'too_far', latestAllowed: latestTermsEffectiveFrom(now) } };
  }
  const existing = await getTerms(db, given.id);
  if (existing) {
    const differs =
      existing.effectiveFrom !== given.effectiveFrom ||
      existing.url !== given.url ||
      existing.summary !== given.summary ||
      (given.consentSummary !== undefined && existing.consentSummary !== given.consentSummary);
    return differs ? { refusal: { code: 'conflict' } } : { same: existing };
  }
  const latest = await latestEffectiveFrom(db);
  if (latest !== undefined && given.effectiveFrom <= latest) return { refusal: { code: 'not_newer', latest } };
  return { new: true };
}

/**
 * Registers a terms version (the JSON API and the console both call this, inside their one
 * transaction): refused when dated more than a year ahead or not after the newest one; the same
 * registration again is a no-op. A new version schedules the notice job for now, so users with an
 * open booking hear what changes before it takes effect (docs/office-rules.md §13).
 */
export async function registerTermsVersion(
  trx: Db,
  given: NewTermsVersion,
  by: Actor,
  now: Instant,
): Promise<TermsRegistration> {
  const check = await termsRegistrationCheck(trx, given, now);
  if ('refusal' in check) return { ok: false, refusal: check.refusal };
  // The same registration again: nothing to do, and users are not told twice.
  if ('same' in check)
    return { ok: true, row: check.same, current: (await currentTerms(trx, now))?.id ?? null, created: false };
  const terms: TermsVersion = {
    ...given,
    consentSummary: given.consentSummary ?? (await latestConsentSummary(trx)) ?? FIRST_CONSENT_SUMMARY,
  };
  await ensureTermsVersion(trx, terms, now);
  await scheduleTermsNotices(trx, terms, now);
  await recordStaffAction(trx, {
    subjectId: `terms:${terms.id}`,
    action: 'terms_registered',
    staffId: by.id,
    via: by.via,
    detail: { effectiveFrom: terms.effectiveFrom, url: terms.url, summary: terms.summary },
    at: now,
  });
  return {
    ok: true,
    row: (await getTerms(trx, terms.id))!,
    current: (await currentTerms(trx, now))?.id ?? null,
    created: true,
  };
}

/**
 * Turns immediate sessions on or off (both doors call this in their transaction). The staff
 * group hears of it, naming `byLabel`, only when the switch actually flips.
 */
export async function switchImmediate(
  trx: Db,
  enabled: boolean,
  by: Actor,
  byLabel: string,
  staffGroupId: string,
  now: Instant,
): Promise<{ state: { on: boolean; updatedAt: string | null }; dispatches: Dispatch[]; flipped: boolean }> {
  const before = await switchRow(trx, IMMEDIATE_SWITCH);
  await setSwitch(trx, IMMEDIATE_SWITCH, enabled, now);
  await recordStaffAction(trx, {
    subjectId: IMMEDIATE_SWITCH,
    action: enabled ? 'immediate_on' : 'immediate_off',
    staffId: by.id,
    via: by.via,
    at: now,
  });
  const flipped = before.on !== enabled;
  const dispatches = flipped ? [immediateNote(staffGroupId, enabled, byLabel)] : [];
  return { state: await switchRow(trx, IMMEDIATE_SWITCH), dispatches, flipped };
}
