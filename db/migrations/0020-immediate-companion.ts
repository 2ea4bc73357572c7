import type { Kysely } from 'kysely';

/**
 * Who attends a 今すぐ相談 with the person, as bookings have it since 0018: `companion` is
 * 'interpreter' or 'helper', `companion_language` the interpreter's language as the person gave it
 * (encrypted, db/encrypted-columns.ts), so staff reading the request in the console can prepare
 * as those reading the staff group's card can. Null for requests from before, and when nobody
 * attends. Plain nullable text columns: the same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('immediate_requests').addColumn('companion', 'text').execute();
  await db.schema.alterTable('immediate_requests').addColumn('companion_language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('immediate_requests').dropColumn('companion_language').execute();
  await db.schema.alterTable('immediate_requests').dropColumn('companion').execute();
}
