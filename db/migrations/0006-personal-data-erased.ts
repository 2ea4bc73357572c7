import { sql, type Kysely } from 'kysely';

/**
 * When the person's details on a booking were erased (the office's retention period, see
 * PERSONAL_DATA_RETENTION_DAYS); null while they are kept. The booking itself stays, without
 * them, so the office can still count its sessions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('personal_data_erased_at', 'text').execute();
  // The hourly pass looks only at bookings not yet erased, oldest change first.
  await db.schema
    .createIndex('bookings_erasable')
    .on('bookings')
    .column('updated_at')
    .where(sql.ref('personal_data_erased_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookings_erasable').execute();
  await db.schema.alterTable('bookings').dropColumn('personal_data_erased_at').execute();
}
