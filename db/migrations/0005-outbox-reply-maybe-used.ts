import type { Kysely } from 'kysely';

/**
 * A reply call whose answer never came (timeout, dropped connection, LINE's 5xx) may still have
 * been delivered, using up its one-time token. The mark lets the next attempt read LINE's
 * "invalid reply token" as "already delivered" instead of pushing the same answer a second time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('reply_maybe_used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('reply_maybe_used').execute();
}
