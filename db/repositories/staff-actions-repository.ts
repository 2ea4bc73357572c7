import type { StaffVia } from '../schema.js';
import type { Db } from '../database.js';

export interface StaffAction {
  subjectId: string;
  action: string;
  staffId: string;
  via: StaffVia;
  detail?: Record<string, unknown>;
  at: string;
}

/** How a detail is stored: JSON text (encrypted by the store), matched by its exact text once read. */
const detailText = (detail: Record<string, unknown> | undefined): string | null =>
  detail ? JSON.stringify(detail) : null;

/** Who did what and when: every staff decision is kept (terms art. 7 allows such records). */
export async function recordStaffAction(db: Db, a: StaffAction): Promise<void> {
  await db
    .insertInto('staff_actions')
    .values({
      subject_id: a.subjectId,
      action: a.action,
      staff_id: a.staffId,
      via: a.via,
      detail: detailText(a.detail),
      at: a.at,
    })
    .execute();
}

/** An action as it was recorded; `detail` is the stored text (JSON, as recordStaffAction wrote it). */
export interface RecordedAction {
  id: number;
  subjectId: string;
  action: string;
  staffId: string;
  via: StaffVia;
  detail: string | null;
  at: string;
}

/** Everything recorded about a subject, in the order it happened. */
export async function staffActionsOf(db: Db, subjectId: string): Promise<RecordedAction[]> {
  const rows = await db
    .selectFrom('staff_actions')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    action: r.action,
    staffId: r.staff_id,
    via: r.via,
    detail: r.detail,
    at: r.at,
  }));
}

/** True when `action` was recorded about `subjectId` at or after `since`. */
export async function hasActionSince(db: Db, subjectId: string, action: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_actions')
    .select('id')
    .where('subject_id', '=', subjectId)
    .where('action', '=', action)
    .where('at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}
