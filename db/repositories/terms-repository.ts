import { toLocal } from '../../src/calendar/index.js';
import type { Db } from '../database.js';
import { markOfficeChanged } from './office-state-repository.js';
import { rowLimit } from '../row-limit.js';

export interface TermsVersion {
  id: string;
  effectiveFrom: string;
  url: string;
  /** What this version changes, in plain Japanese (null for versions registered without one). */
  summary: string | null;
  /** The short summary of the terms shown before a person agrees to this version. */
  consentSummary: string;
}

const COLUMNS = ['id', 'effective_from', 'url', 'change_summary', 'consent_summary'] as const;

function termsOf(row: {
  id: string;
  effective_from: string;
  url: string;
  change_summary: string | null;
  consent_summary: string;
}): TermsVersion {
  return {
    id: row.id,
    effectiveFrom: row.effective_from,
    url: row.url,
    summary: row.change_summary,
    consentSummary: row.consent_summary,
  };
}

/**
 * Every registered version, newest first (by effective date, then registration): what
 * `termsInForce` picks from. A few rows, one per change of the terms.
 */
export async function termsNewestFirst(db: Db): Promise<TermsVersion[]> {
  const rows = await db
    .selectFrom('terms_versions')
    .select(COLUMNS)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(termsOf);
}

/** From versions newest first, the one in force at `now`, as `currentTerms` reads it. */
export function termsInForce(newestFirst: readonly TermsVersion[], now: string): TermsVersion | undefined {
  const today = toLocal(now).date;
  return newestFirst.find((t) => t.effectiveFrom <= today);
}

/** The version in force at `now`: the latest whose effective date (a Japan date) has come. */
export async function currentTerms(db: Db, now: string): Promise<TermsVersion | undefined> {
  return termsInForce(await termsNewestFirst(db), now);
}

/**
 * The consent summary of the newest version registered: a new version keeps it unless staff give
 * another, so one registered only to change the link still shows the summary people know.
 */
export async function latestConsentSummary(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('terms_versions')
    .select('consent_summary')
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .limit(rowLimit(1))
    .executeTakeFirst();
  return row?.consent_summary;
}

/**
 * The effective date of the newest version registered, in force or not. A new version must take
 * effect after it: one dated earlier or the same day would never be the one in force, yet its
 * registration would tell everyone the terms had changed.
 */
export async function latestEffectiveFrom(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('terms_versions')
    .select((eb) => eb.fn.max('effective_from').as('latest'))
    .executeTakeFirst();
  return row?.latest ?? undefined;
}

/** Registers a version unless one with the same id exists (seeding at start-up is idempotent). Returns whether it was new. */
export async function ensureTermsVersion(db: Db, terms: TermsVersion, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto('terms_versions')
    .values({
      id: terms.id,
      effective_from: terms.effectiveFrom,
      url: terms.url,
      change_summary: terms.summary,
      consent_summary: terms.consentSummary,
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined) await markOfficeChanged(db, now);
  return inserted !== undefined;
}

/** A registered version with when it was registered (what staff see). */
export interface RegisteredTerms extends TermsVersion {
  createdAt: string;
}

/** Every registered version, by effective date (then registration). */
export async function listTerms(db: Db): Promise<RegisteredTerms[]> {
  const rows = await db
    .selectFrom('terms_versions')
    .selectAll()
    .orderBy('effective_from')
    .orderBy('created_at')
    .execute();
  return rows.map(registeredTermsOf);
}

export async function getTerms(db: Db, id: string): Promise<RegisteredTerms | undefined> {
  const row = await db.selectFrom('terms_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? registeredTermsOf(row) : undefined;
}

function registeredTermsOf(row: Parameters<typeof termsOf>[0] & { created_at: string }): RegisteredTerms {
  return { ...termsOf(row), createdAt: row.created_at };
}
