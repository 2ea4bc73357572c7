import { toLocal } from '../../src/calendar/index.js';
import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';

export interface TermsVersion {
  id: string;
  effectiveFrom: string;
  url: string;
}

/** The version in force at `now`: the latest whose effective date (a Japan date) has come. */
export async function currentTerms(db: Db, now: string): Promise<TermsVersion | undefined> {
  const today = toLocal(now).date;
  const row = await db
    .selectFrom('terms_versions')
    .select(['id', 'effective_from', 'url'])
    .where('effective_from', '<=', today)
    .orderBy('effective_from', 'desc')
    // Two versions of one date (only possible in data older than the rule in latestEffectiveFrom): the later registered.
    .orderBy('created_at', 'desc')
    .limit(rowLimit(1))
    .executeTakeFirst();
  return row ? { id: row.id, effectiveFrom: row.effective_from, url: row.url } : undefined;
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
    .values({ id: terms.id, effective_from: terms.effectiveFrom, url: terms.url, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
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

function registeredTermsOf(row: {
  id: string;
  effective_from: string;
  url: string;
  created_at: string;
}): RegisteredTerms {
  return { id: row.id, effectiveFrom: row.effective_from, url: row.url, createdAt: row.created_at };
}
