import type { Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { JobKind, ScheduledJobsTable } from '../schema.js';
import { rowLimit } from '../row-limit.js';

export type JobRow = Selectable<ScheduledJobsTable>;

export interface ScheduleOptions {
  /**
   * Also re-arms the same job if it was skipped: a session moved away and back, or moved within
   * its day so that a reminder falls due at the same moment as before. A job already done stays
   * done (that reminder was sent).
   */
  rearm?: boolean;
}

/** Schedules a timed action; the id is derived from what it is, so scheduling twice is harmless. */
export async function scheduleJob(
  db: Db,
  kind: JobKind,
  subjectId: string,
  dueAt: string,
  now: string,
  options: ScheduleOptions = {},
): Promise<void> {
  await db
    .insertInto('scheduled_jobs')
    .values({
      id: `${kind}:${subjectId}:${dueAt}`,
      kind,
      subject_id: subjectId,
      due_at: dueAt,
      status: 'pending',
      created_at: now,
      done_at: null,
    })
    .onConflict((oc) =>
      options.rearm
        ? oc
            .column('id')
            .doUpdateSet({ status: 'pending', done_at: null })
            .where('scheduled_jobs.status', '=', 'skipped')
        : oc.column('id').doNothing(),
    )
    .execute();
}

export async function dueJobs(db: Db, now: string, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('scheduled_jobs')
    .selectAll()
    .where('status', '=', 'pending')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(rowLimit(limit))
    .execute();
}

/**
 * Claims a pending job inside the caller's transaction, marking it done before its work runs, so
 * the work cannot skip its own job and a second runner (another process) finds it taken; false
 * when another run already took it. A job whose work turned out to have nothing to do is then
 * marked skipped in the same transaction (`markJobSkipped`).
 */
export async function claimJob(db: Db, id: string, now: string): Promise<boolean> {
  return finishJob(db, id, 'done', now);
}

export async function markJobSkipped(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('scheduled_jobs').set({ status: 'skipped', done_at: now }).where('id', '=', id).execute();
}

/** Records why a job that ran sent nothing (it came too late to make sense). */
export async function noteJobReason(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ reason: reason.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

/** Finishes a pending job inside the caller's transaction; false when another run already finished it. */
export async function finishJob(db: Db, id: string, status: 'done' | 'skipped', now: string): Promise<boolean> {
  const r = await db
    .updateTable('scheduled_jobs')
    .set({ status, done_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function pendingJobsOf(db: Db, subjectId: string): Promise<JobRow[]> {
  return db
    .selectFrom('scheduled_jobs')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .orderBy('due_at')
    .execute();
}

/** Skips every pending job of a subject (its session moved: the old reminders must not fire). */
export async function skipPendingJobsOf(db: Db, subjectId: string, now: string): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ status: 'skipped', done_at: now })
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .execute();
}
