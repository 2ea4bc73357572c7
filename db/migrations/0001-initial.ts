import { generatedId } from './dialect.js';
import type { Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they describe the schema as it was at the time,
// not the current Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('line_user_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('terms_version', 'text')
    .addColumn('terms_agreed_at', 'text')
    .addColumn('booking_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_show_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('line_user_id', 'text', (c) => c.primaryKey())
    .addColumn('machine_version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inbox')
    .addColumn('webhook_event_id', 'text', (c) => c.primaryKey())
    .addColumn('chat_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema.createIndex('inbox_pending').on('inbox').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_seeker_number', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('interpreter', 'integer', (c) => c.notNull())
    .addColumn('choice1_start', 'text', (c) => c.notNull())
    .addColumn('choice1_end', 'text', (c) => c.notNull())
    .addColumn('choice1_slot', 'text', (c) => c.notNull())
    .addColumn('choice2_start', 'text', (c) => c.notNull())
    .addColumn('choice2_end', 'text', (c) => c.notNull())
    .addColumn('choice2_slot', 'text', (c) => c.notNull())
    .addColumn('confirmed_start', 'text')
    .addColumn('confirmed_end', 'text')
    .addColumn('confirmed_slot', 'text')
    .addColumn('terms_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reply_due', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookings_user').on('bookings').columns(['line_user_id', 'status']).execute();
  await db.schema.createIndex('bookings_requested_slot').on('bookings').columns(['status', 'choice1_start']).execute();
  await db.schema
    .createIndex('bookings_confirmed_slot')
    .on('bookings')
    .columns(['status', 'confirmed_start'])
    .execute();
  await db.schema.createIndex('bookings_created').on('bookings').columns(['created_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('messages', 'text', (c) => c.notNull())
    .addColumn('reply_token', 'text')
    .addColumn('reply_token_expires_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('closures')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('terms_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['terms_versions', 'closures', 'outbox', 'bookings', 'inbox', 'conversations', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
