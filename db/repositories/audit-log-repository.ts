import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';

/** One line of the console's audit log: who did or looked at what, and when. */
export interface AuditEntry {
  at: string;
  accountId: number | null;
  loginId: string;
  /** e.g. `login`, `login_failed`, `locked`, `view_person`, `confirm`, `account_add`. */
  action: string;
  subject: string | null;
  detail: Record<string, unknown> | null;
}

export interface RecordedAuditEntry extends AuditEntry {
  id: number;
}

export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      account_id: e.accountId,
      login_id: e.loginId,
      action: e.action,
      subject: e.subject,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

export interface AuditFilter {
  loginId?: string;
  action?: string;
  subject?: string;
  limit?: number;
  /** Entries with an id below this one (the next page of an older-first walk). */
  beforeId?: number;
}

/** The newest entries first. */
export async function listAudit(db: Db, f: AuditFilter = {}): Promise<RecordedAuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.loginId !== undefined) q = q.where('login_id', '=', f.loginId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.subject !== undefined) q = q.where('subject', '=', f.subject);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(rowLimit(f.limit ?? 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    accountId: r.account_id,
    loginId: r.login_id,
    action: r.action,
    subject: r.subject,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  }));
}
