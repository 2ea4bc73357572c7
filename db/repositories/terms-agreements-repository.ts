import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';

/**
 * Who agreed to which terms version: a person's latest agreement is on their user row, and each
 * booking keeps the version the person had agreed to when they asked for it, so earlier
 * agreements stay countable after a newer version replaced them.
 */
function agreements(db: Db) {
  return db
    .selectFrom('users')
    .select(['terms_version as version', 'line_user_id as lineUserId'])
    .where('terms_version', 'is not', null)
    .union(db.selectFrom('bookings').select(['terms_version as version', 'line_user_id as lineUserId']));
}

/** terms version id → how many different people agreed to it. */
export async function termsAgreementCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(agreements(db).as('a'))
    .select(['a.version', (eb) => eb.fn.count<number>('a.lineUserId').distinct().as('n')])
    .groupBy('a.version')
    .execute();
  return new Map(rows.filter((r) => r.version !== null).map((r) => [r.version!, Number(r.n)]));
}

/** A person who agreed to a version, with the name from their latest booking whose details are kept. */
export interface TermsAgreement {
  lineUserId: string;
  name: string | null;
  /** When they agreed, if it is their latest agreement (the user row keeps only that one). */
  agreedAt: string | null;
}

export async function termsAgreedPeople(db: Db, termsId: string, limit = 500): Promise<TermsAgreement[]> {
  const ids = await db
    .selectFrom(agreements(db).as('a'))
    .select('a.lineUserId')
    .distinct()
    .where('a.version', '=', termsId)
    .orderBy('a.lineUserId')
    .limit(rowLimit(limit))
    .execute();
  const people: TermsAgreement[] = [];
  for (const { lineUserId } of ids) {
    const user = await db
      .selectFrom('users')
      .select(['terms_version', 'terms_agreed_at'])
      .where('line_user_id', '=', lineUserId)
      .executeTakeFirst();
    const booking = await db
      .selectFrom('bookings')
      .select('name')
      .where('line_user_id', '=', lineUserId)
      .where('personal_data_erased_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    people.push({
      lineUserId,
      name: booking?.name ?? null,
      agreedAt: user?.terms_version === termsId ? user.terms_agreed_at : null,
    });
  }
  return people;
}
