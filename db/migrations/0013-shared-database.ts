import { sql, type Kysely } from 'kysely';

/**
 * For several server processes on one database (docs/storage.md):
 * - `inbox.position`: where an event stood in the body LINE sent it in. A chat's pending events
 *   are taken in arrival order (received_at, then position), whichever process stored them.
 * - `outbox.claimed_until`: a process about to send a message holds it until then; another
 *   process leaves it alone meanwhile, and takes it over once the time has passed (its holder
 *   died mid-send).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbox')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('inbox_chat_pending')
    .on('inbox')
    .columns(['chat_key', 'received_at', 'position'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
  await db.schema.dropIndex('inbox_chat_pending').execute();
  await db.schema.alterTable('inbox').dropColumn('position').execute();
}
