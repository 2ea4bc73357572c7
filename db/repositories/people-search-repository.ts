import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../database.js';
import { fieldCipherOf, jobSeekerNumberKey } from '../encrypted-columns.js';

const startingWith = (part: string) => `${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface PeopleSearchTerms {
  namePart: string;
  numberDigits: string | null;
  bookingIdPrefix: string | null;
}

/** A name as searched: its spaces (half- and full-width) removed. */
const flatName = (name: string) => name.replace(/[ \u3000]/g, '');

/**
 * The LINE ids of people with a booking whose name contains `namePart` (spaces ignored), whose
 * job-seeker number contains `numberDigits` (hyphens ignored), or whose id starts with
 * `bookingIdPrefix`: most recently booked first, at most `limit`. Erased bookings hold empty
 * details, so they match only by id.
 *
 * Names and numbers are encrypted (docs/storage.md), so SQL cannot look inside them: a whole
 * job-seeker number and a booking id are found by index (the number by its blind index); parts of
 * names and numbers by reading the bookings whose details are kept, decrypted, in this process.
 */
export async function peopleMatching(db: Db, terms: PeopleSearchTerms, limit: number): Promise<string[]> {
  const last = new Map<string, string>();
  const found = (lineUserId: string, at: string) => {
    const seen = last.get(lineUserId);
    if (seen === undefined || at > seen) last.set(lineUserId, at);
  };
  const digests = terms.numberDigits ? fieldCipherOf(db).blindIndexes(jobSeekerNumberKey(terms.numberDigits)) : [];
  const prefix = terms.bookingIdPrefix ? startingWith(terms.bookingIdPrefix) : null;
  if (digests.length > 0 || prefix !== null) {
    const rows = await db
      .selectFrom('bookings')
      .select(['line_user_id', 'created_at'])
      .where((eb) => {
        const ors: Expression<SqlBool>[] = [];
        if (digests.length > 0) ors.push(eb('job_seeker_number_index', 'in', digests));
        if (prefix !== null) ors.push(sql<boolean>`${eb.ref('id')} like ${prefix} escape '\\'`);
        return eb.or(ors);
      })
      .execute();
    for (const r of rows) found(r.line_user_id, r.created_at);
  }
  const kept = await db
    .selectFrom('bookings')
    .select(['line_user_id', 'created_at', 'name', 'job_seeker_number'])
    .where('personal_data_erased_at', 'is', null)
    .execute();
  for (const r of kept) {
    const byName = r.name !== '' && flatName(r.name).includes(terms.namePart);
    const byNumber =
      terms.numberDigits !== null &&
      r.job_seeker_number !== '' &&
      jobSeekerNumberKey(r.job_seeker_number).includes(terms.numberDigits);
    if (byName || byNumber) found(r.line_user_id, r.created_at);
  }
  return [...last]
    .sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, limit)
    .map(([id]) => id);
}
