import type { Kysely } from 'kysely';

/**
 * A Zoom join link beside (or instead of) the meeting ID and passcode: staff may give either, and
 * both are kept. The confirmation card then offers 「Zoom で参加」. The proposed time's meeting
 * has its own, applied only if the person accepts (as 0007's proposed meeting details).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['meeting_url', 'proposed_meeting_url']) {
    await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['proposed_meeting_url', 'meeting_url']) {
    await db.schema.alterTable('bookings').dropColumn(column).execute();
  }
}
