import type { Db } from '../../db/database.js';
import {
  addStaffAccount,
  setStaffPassword,
  staffAccountByLogin,
} from '../../db/repositories/staff-accounts-repository.js';
import { hashPassword } from '../console/auth/passwords.js';

/**
 * The demo's staff console account. Demo mode listens on 127.0.0.1 only and keeps its own database
 * file (data/demo.db), so a password printed in the banner and on the simulator page is safe
 * there, and lets anyone trying the product open the console at once. An admin, so every section
 * can be tried.
 */
export const DEMO_STAFF = { loginId: 'demo', password: 'demo-staff-password', name: 'デモ 職員' } as const;

/** Makes sure the demo account exists with the demo password (whatever an earlier run changed). */
export async function ensureDemoStaff(db: Db, now: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_STAFF.password);
  const existing = await staffAccountByLogin(db, DEMO_STAFF.loginId);
  if (existing) {
    await setStaffPassword(db, existing.id, passwordHash, now);
    return;
  }
  await addStaffAccount(db, { loginId: DEMO_STAFF.loginId, name: DEMO_STAFF.name, role: 'admin', passwordHash }, now);
}
