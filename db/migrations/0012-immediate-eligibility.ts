import { sql, type Kysely } from 'kysely';

/**
 * Immediate sessions are for people whose consent and eligibility answers are on record
 * (docs/office-rules.md §14): when a person last answered the eligibility questions, and whether
 * an interpreter or helper attends an immediate session.
 *
 * Every new request filed in the chat came after the eligibility questions, so the newest one
 * (not a change of times: a change re-asks no eligibility) gives a lower bound for people who
 * booked before this column existed. A change of an unanswered request is filed as a new row at
 * the moment the old one is cancelled as 'changed'; such rows are left out, as are sessions staff
 * booked for the person (their confirmation is recorded with `forPerson`): no eligibility was asked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('eligibility_answered_at', 'text').execute();
  await db.schema.alterTable('immediate_requests').addColumn('interpreter', 'integer').execute();
  await sql`
    UPDATE users SET eligibility_answered_at = (
      SELECT max(b.created_at) FROM bookings b
      WHERE b.line_user_id = users.line_user_id
        AND b.replaces_booking_id IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM bookings old
          WHERE old.line_user_id = b.line_user_id
            AND old.cancel_reason = 'changed'
            AND old.cancelled_at = b.created_at
        )
        AND NOT EXISTS (
          SELECT 1 FROM staff_actions sa
          WHERE sa.subject_id = b.id AND sa.detail LIKE '%"forPerson":true%'
        )
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('immediate_requests').dropColumn('interpreter').execute();
  await db.schema.alterTable('users').dropColumn('eligibility_answered_at').execute();
}
