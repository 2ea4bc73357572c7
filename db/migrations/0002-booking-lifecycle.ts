import { generatedId } from './dialect.js';
import type { Kysely } from 'kysely';

/**
 * What a booking's life after the request needs: confirmation details, who did what and when,
 * timed jobs, handoff and blocking, staff prompts, capacity overrides, office switches and
 * immediate sessions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of [
    'meeting_id',
    'meeting_passcode',
    'replaces_booking_id',
    'confirmed_by',
    'confirmed_at',
    'cancel_reason',
    'cancelled_by',
    'cancelled_at',
    'attended_at',
    'proposed_start',
    'proposed_end',
  ]) {
    await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
  }
  for (const column of ['handoff_at', 'blocked_at', 'flagged_at', 'terms_notified_version']) {
    await db.schema.alterTable('users').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('staff_actions')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_actions_subject').on('staff_actions').columns(['subject_id', 'at']).execute();

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('scheduled_jobs_due').on('scheduled_jobs').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('staff_prompts')
    .addColumn('staff_user_id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('capacity_overrides')
    .addColumn('slot_key', 'text', (c) => c.primaryKey())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('office_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('immediate_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_seeker_number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'immediate_requests',
    'office_state',
    'capacity_overrides',
    'staff_prompts',
    'scheduled_jobs',
    'staff_actions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
