import { sql, type Kysely } from 'kysely';

/**
 * Personal data is encrypted at rest (docs/storage.md, "Personal data at rest"): the values stay
 * in their columns, encrypted, so nothing else changes shape. A job-seeker number can then no
 * longer be compared in SQL; `job_seeker_number_index` holds a keyed digest of it (a blind index)
 * for exact lookups. Rows from before are encrypted, and their digests written, on the first
 * start with a data key (db/data-key.ts): a migration has no key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('job_seeker_number_index', 'text').execute();
  await db.schema
    .createIndex('bookings_job_seeker_number_index')
    .on('bookings')
    .column('job_seeker_number_index')
    .where(sql.ref('job_seeker_number_index'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookings_job_seeker_number_index').execute();
  await db.schema.alterTable('bookings').dropColumn('job_seeker_number_index').execute();
}
