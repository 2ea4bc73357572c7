import type { Db } from '../database.js';

/** A question the bot asked one staff member in the staff group, waiting for their answer. */
export interface StaffPrompt {
  staffUserId: string;
  bookingId: string;
  /** What the answer gives: a Zoom meeting id and passcode, or another time (with them). */
  action: 'zoom_details' | 'propose_time';
  /** The time being confirmed (zoom_details); '' for propose_time. */
  start: string;
  /** The booking's status when asked; null for questions from before it was kept. */
  bookingStatus: string | null;
  createdAt: string;
}

/** Asks `staffUserId` a question, replacing any they had open (one open question per staff member). */
export async function setStaffPrompt(db: Db, p: StaffPrompt): Promise<void> {
  const values = {
    booking_id: p.bookingId,
    action: p.action,
    start: p.start,
    booking_status: p.bookingStatus,
    created_at: p.createdAt,
  };
  await db
    .insertInto('staff_prompts')
    .values({ staff_user_id: p.staffUserId, ...values })
    .onConflict((oc) => oc.column('staff_user_id').doUpdateSet(values))
    .execute();
}

/** The question open for `staffUserId`, however old (the caller decides whether it lapsed). */
export async function staffPromptOf(db: Db, staffUserId: string): Promise<StaffPrompt | undefined> {
  const row = await db
    .selectFrom('staff_prompts')
    .selectAll()
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    staffUserId: row.staff_user_id,
    bookingId: row.booking_id,
    action: row.action,
    start: row.start,
    bookingStatus: row.booking_status,
    createdAt: row.created_at,
  };
}

export async function clearStaffPrompt(db: Db, staffUserId: string): Promise<void> {
  await db.deleteFrom('staff_prompts').where('staff_user_id', '=', staffUserId).execute();
}
