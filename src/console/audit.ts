import { recordAudit } from '../../db/repositories/audit-log-repository.js';
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
  action: string,
  subject: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await recordAudit(db, { at, accountId: who.account.id, loginId: who.account.loginId, action, subject, detail });
}
