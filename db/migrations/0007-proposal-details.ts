import type { Kysely } from 'kysely';

/**
 * What the office proposed beside the proposed time: the meeting details for it and who proposed
 * it. A confirmed session keeps its own meeting until the person accepts the move, and a
 * proposal the person accepts is recorded as confirmed by the staff member who made it.
 * A staff member's open question also remembers the booking's status when it was asked, so an
 * answer given after a colleague changed the booking is refused instead of acting on the new state.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['proposed_meeting_id', 'proposed_meeting_passcode', 'proposed_by']) {
    await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('staff_prompts').addColumn('booking_status', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_prompts').dropColumn('booking_status').execute();
  for (const column of ['proposed_by', 'proposed_meeting_passcode', 'proposed_meeting_id']) {
    await db.schema.alterTable('bookings').dropColumn(column).execute();
  }
}
