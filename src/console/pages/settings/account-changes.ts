import type { Db } from '../../../../db/database.js';
import {
  addStaffAccount,
  clearLoginFailures,
  countActiveAdmins,
  setStaffDisabled,
  setStaffPassword,
  setStaffRole,
  staffAccountByLogin,
  type StaffAccount,
  type StaffRole,
} from '../../../../db/repositories/staff-accounts-repository.js';
import { deleteSessionsOf } from '../../../../db/repositories/staff-sessions-repository.js';
import { wouldLeaveNoAdmin } from './account-rules.js';

/**
 * Changes to staff accounts, shared by the console's 設定 pages and `npm run staff` so both keep
 * the same rules: a login id is never taken twice, the last active admin is never disabled or
 * demoted, nobody disables themselves, and a disabled account or a reset password ends the
 * account's sessions at once. Each runs inside the caller's transaction.
 */
export type AccountChange = { ok: true; account: StaffAccount } | AccountRefusal;

export interface AccountRefusal {
  ok: false;
  status: 400 | 404 | 409;
  message: string;
  field?: string;
}

const refused = (status: AccountRefusal['status'], message: string, field?: string): AccountRefusal => ({
  ok: false,
  status,
  message,
  ...(field !== undefined ? { field } : {}),
});

const NOT_FOUND = (loginId: string) => refused(404, `ログインID「${loginId}」のアカウントはありません。`);
const LAST_ADMIN =
  '有効な管理者がほかにいないため、このアカウントは無効にも一般職員にもできません。先に別の管理者を追加してください。';

async function reread(trx: Db, loginId: string): Promise<AccountChange> {
  const account = await staffAccountByLogin(trx, loginId);
  return account ? { ok: true, account } : NOT_FOUND(loginId);
}

export async function addAccount(
  trx: Db,
  a: { loginId: string; name: string; role: StaffRole; passwordHash: string },
  now: string,
): Promise<AccountChange> {
  const added = await addStaffAccount(trx, a, now);
  if (!added) return refused(409, `ログインID「${a.loginId}」はすでに使われています。`, 'login_id');
  return { ok: true, account: added };
}

/**
 * Disables (or re-enables) an account. `actorId` is the account doing it (null from the command
 * line): an admin cannot disable themselves, which would also lock them out mid-task.
 */
export async function setAccountDisabled(
  trx: Db,
  actorId: number | null,
  loginId: string,
  disabled: boolean,
  now: string,
): Promise<AccountChange> {
  const target = await staffAccountByLogin(trx, loginId);
  if (!target) return NOT_FOUND(loginId);
  if (disabled) {
    if (target.id === actorId) return refused(400, '自分のアカウントは無効にできません。');
    if (wouldLeaveNoAdmin(target, await countActiveAdmins(trx))) return refused(409, LAST_ADMIN);
    if (target.disabledAt === null) await setStaffDisabled(trx, target.id, now, now);
    await deleteSessionsOf(trx, target.id);
  } else if (target.disabledAt !== null) {
    await setStaffDisabled(trx, target.id, null, now);
  }
  return reread(trx, loginId);
}

export async function setAccountRole(trx: Db, loginId: string, role: StaffRole, now: string): Promise<AccountChange> {
  const target = await staffAccountByLogin(trx, loginId);
  if (!target) return NOT_FOUND(loginId);
  if (role !== 'admin' && wouldLeaveNoAdmin(target, await countActiveAdmins(trx))) {
    return refused(409, LAST_ADMIN, 'role');
  }
  await setStaffRole(trx, target.id, role, now);
  return reread(trx, loginId);
}

/** An admin sets a new password: the account's sessions end, and any lock is cleared. */
export async function resetAccountPassword(
  trx: Db,
  loginId: string,
  passwordHash: string,
  now: string,
): Promise<AccountChange> {
  const target = await staffAccountByLogin(trx, loginId);
  if (!target) return NOT_FOUND(loginId);
  await setStaffPassword(trx, target.id, passwordHash, now);
  await deleteSessionsOf(trx, target.id);
  return reread(trx, loginId);
}

/**
 * Lifts a sign-in lock before it runs out. The caller records it as 'unlocked' (reason admin),
 * beside the 'unlocked' (reason lock_expired) the sign-in records.
 */
export async function unlockAccount(trx: Db, loginId: string, now: string): Promise<AccountChange> {
  const target = await staffAccountByLogin(trx, loginId);
  if (!target) return NOT_FOUND(loginId);
  await clearLoginFailures(trx, target.id, now);
  return reread(trx, loginId);
}
