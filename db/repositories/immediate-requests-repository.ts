import type { Db } from '../database.js';
import type { ImmediateStatus } from '../schema.js';

/** A request for a session now (「今すぐ相談」), as the person's chat files it. */
export interface NewImmediateRequest {
  id: string;
  lineUserId: string;
  /** What the person gave so far ('' when they have not). */
  name: string;
  jobSeekerNumber: string;
  /** Whether an interpreter or helper attends (asked before the request is sent). */
  interpreter: boolean;
  /** Who attends, and an interpreter's language (null when not said). */
  companion: 'interpreter' | 'helper' | null;
  companionLanguage: string | null;
  createdAt: string;
}

export async function insertImmediateRequest(db: Db, r: NewImmediateRequest): Promise<void> {
  await db
    .insertInto('immediate_requests')
    .values({
      id: r.id,
      line_user_id: r.lineUserId,
      name: r.name,
      job_seeker_number: r.jobSeekerNumber,
      interpreter: r.interpreter ? 1 : 0,
      companion: r.companion,
      companion_language: r.companionLanguage,
      status: 'requested',
      created_at: r.createdAt,
    })
    .execute();
}

/** The person's request still waiting for staff, if any (one at a time). */
export async function openImmediateRequestOf(
  db: Db,
  lineUserId: string,
): Promise<{ id: string; createdAt: string } | undefined> {
  const row = await db
    .selectFrom('immediate_requests')
    .select(['id', 'created_at'])
    .where('line_user_id', '=', lineUserId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: row.created_at } : undefined;
}

/**
 * The person calls off their request while it still waits (one statement, so a staff member
 * taking it at the same moment either has it or finds it withdrawn). Undefined when none waits.
 */
export async function withdrawImmediateRequest(
  db: Db,
  lineUserId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .updateTable('immediate_requests')
    .set({ status: 'withdrawn' })
    .where('line_user_id', '=', lineUserId)
    .where('status', '=', 'requested')
    .returning(['id', 'name'])
    .executeTakeFirst();
}

/**
 * A staff member takes the request. The check that it still waits and the write are one
 * statement: of two staff pressing at once, only one gets it. Undefined when it no longer waits.
 */
export async function acceptImmediateRequest(
  db: Db,
  id: string,
  staffId: string,
  at: string,
): Promise<{ lineUserId: string } | undefined> {
  const row = await db
    .updateTable('immediate_requests')
    .set({ status: 'accepted', accepted_by: staffId, accepted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning('line_user_id')
    .executeTakeFirst();
  return row ? { lineUserId: row.line_user_id } : undefined;
}

/**
 * Nobody took the request in time: it is closed, unless a staff member took it meanwhile (one
 * statement, as for accepting). Undefined when it no longer waits.
 */
export async function declineImmediateRequest(
  db: Db,
  id: string,
): Promise<{ lineUserId: string; name: string } | undefined> {
  const row = await db
    .updateTable('immediate_requests')
    .set({ status: 'declined' })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning(['line_user_id', 'name'])
    .executeTakeFirst();
  return row ? { lineUserId: row.line_user_id, name: row.name } : undefined;
}

export async function immediateRequestStatus(db: Db, id: string): Promise<ImmediateStatus | undefined> {
  const row = await db.selectFrom('immediate_requests').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

/** An immediate-session request as the console lists it. */
export interface ImmediateRequestRow {
  id: string;
  lineUserId: string;
  name: string;
  jobSeekerNumber: string;
  interpreter: boolean | null;
  companion: 'interpreter' | 'helper' | null;
  companionLanguage: string | null;
  status: ImmediateStatus;
  createdAt: string;
}

/** Requests made in [from, until), oldest first: the day's 今すぐ相談 for the console. */
export async function immediateRequestsBetween(db: Db, from: string, until: string): Promise<ImmediateRequestRow[]> {
  const rows = await db
    .selectFrom('immediate_requests')
    .select([
      'id',
      'line_user_id',
      'name',
      'job_seeker_number',
      'interpreter',
      'companion',
      'companion_language',
      'status',
      'created_at',
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', until)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    lineUserId: r.line_user_id,
    name: r.name,
    jobSeekerNumber: r.job_seeker_number,
    interpreter: r.interpreter === null ? null : r.interpreter === 1,
    companion: r.companion,
    companionLanguage: r.companion_language,
    status: r.status,
    createdAt: r.created_at,
  }));
}
