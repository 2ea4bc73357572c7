import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';

/** A LIKE pattern that finds `part` anywhere, with the pattern's own characters taken literally. */
const containing = (part: string) => `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const startingWith = (part: string) => `${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface PeopleSearchTerms {
  namePart: string;
  numberDigits: string | null;
  bookingIdPrefix: string | null;
}

/**
 * The LINE ids of people with a booking whose name contains `namePart` (spaces ignored), whose
 * job-seeker number contains `numberDigits` (hyphens ignored), or whose id starts with
 * `bookingIdPrefix`: most recently booked first, at most `limit`. Erased bookings hold empty
 * details, so they match only by id.
 */
export async function peopleMatching(db: Db, terms: PeopleSearchTerms, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .select(['line_user_id', (eb) => eb.fn.max('created_at').as('last')])
    .where((eb) => {
      const name = sql<boolean>`replace(replace(${eb.ref('name')}, ' ', ''), ${'\u3000'}, '') like ${containing(terms.namePart)} escape '\\'`;
      const ors: Expression<SqlBool>[] = [eb.and([eb('name', '!=', ''), name])];
      if (terms.numberDigits)
        ors.push(
          eb.and([
            eb('job_seeker_number', '!=', ''),
            sql<boolean>`replace(${eb.ref('job_seeker_number')}, '-', '') like ${containing(terms.numberDigits)} escape '\\'`,
          ]),
        );
      if (terms.bookingIdPrefix)
        ors.push(sql<boolean>`${eb.ref('id')} like ${startingWith(terms.bookingIdPrefix)} escape '\\'`);
      return eb.or(ors);
    })
    .groupBy('line_user_id')
    .orderBy('last', 'desc')
    .limit(rowLimit(limit))
    .execute();
  return rows.map((r) => r.line_user_id);
}
