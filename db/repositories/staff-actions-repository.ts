import type { Db } from '../database.js';

export interface StaffAction {
  subjectId: string;
  action: string;
  staffId: string;
  via: 'line' | 'api' | 'system';
  detail?: Record<string, unknown>;
  at: string;
}

/** Who did what and when: every staff decision is kept (terms art. 7 allows such records). */
export async function recordStaffAction(db: Db, a: StaffAction): Promise<void> {
  await db
    .insertInto('staff_actions')
    .values({ subject_id: a.subjectId, action: a.action, staff_id: a.staffId, via: a.via, detail: a.detail ? JSON.stringify(a.detail) : null, at: a.at })
    .execute();
}

export async function staffActionsOf(db: Db, subjectId: string) {
  return db.selectFrom('staff_actions').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
}
