import { recordAudit, type AuditAction, type AuditViewPage } from '../../db/repositories/audit-log-repository.js';
import type { Db } from '../../db/database.js';
import type { SignedIn } from './auth/signed-in.js';

/**
 * Records in the audit log that the signed-in staff member did or looked at something. Called in
 * the same transaction as the change it records, so the log never claims a change that was undone.
 */
export async function audit(
  db: Db,
  who: SignedIn,
  at: string,
  action: AuditAction,
  subject: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await recordAudit(db, { at, accountId: who.account.id, loginId: who.account.loginId, action, subject, detail });
}

/**
 * Records that a page showed the personal details (name, job-seeker number, e-mail, phone) of
 * these people: one line per person, so "who looked at this person's details, and when" is one
 * query (subject = their LINE user id). `page` says where, e.g. 'requests' or 'booking'.
 */
export async function auditViews(
  db: Db,
  who: SignedIn,
  at: string,
  lineUserIds: readonly string[],
  page: AuditViewPage,
): Promise<void> {
  for (const id of new Set(lineUserIds)) await audit(db, who, at, 'view_person', id, { page });
}
