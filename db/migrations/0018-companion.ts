import type { Kysely } from 'kysely';

/**
 * Who attends with the person (docs/office-rules.md §9, terms art. 12): `companion` is 'interpreter'
 * or 'helper' when the person said someone attends, and `companion_language` the interpreter's
 * language as the person gave it, so the office can prepare. Null for bookings from before it was
 * asked, and when nobody attends. Plain nullable text columns: the same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('companion', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('companion_language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('companion_language').execute();
  await db.schema.alterTable('bookings').dropColumn('companion').execute();
}
