import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { StaffRole } from '../schema.js';

export type { StaffRole };

/** A staff member's console account. The password hash stays inside db/ and the login code. */
export interface StaffAccount {
  id: number;
  loginId: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  disabledAt: string | null;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: number;
  login_id: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
};

const toAccount = (r: Row): StaffAccount => ({
  id: r.id,
  loginId: r.login_id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  disabledAt: r.disabled_at,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewStaffAccount {
  loginId: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
}

/** Adds an account; undefined when the login id is taken. */
export async function addStaffAccount(db: Db, a: NewStaffAccount, now: string): Promise<StaffAccount | undefined> {
  const row = await db
    .insertInto('staff_accounts')
    .values({
      login_id: a.loginId,
      name: a.name,
      role: a.role,
      password_hash: a.passwordHash,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('login_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function staffAccountByLogin(db: Db, loginId: string): Promise<StaffAccount | undefined> {
  const row = await db.selectFrom('staff_accounts').selectAll().where('login_id', '=', loginId).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function staffAccountById(db: Db, id: number): Promise<StaffAccount | undefined> {
  const row = await db.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

/** Every account, admins first, then by login id. */
export async function listStaffAccounts(db: Db): Promise<StaffAccount[]> {
  const rows = await db.selectFrom('staff_accounts').selectAll().orderBy('role').orderBy('login_id').execute();
  return rows.map(toAccount);
}

/** How many accounts can still sign in as admin (so the last one is never disabled). */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Counts a sign-in attempt before its password is checked, in one statement, so attempts sent at
 * once each get their own number (src/console/auth/login-rules.ts). A lock that has run out starts
 * the count again. The attempt's number, or undefined when there is no such account.
 */
export async function countLoginAttempt(db: Db, id: number, now: string): Promise<number | undefined> {
  const lapsed = sql<boolean>`(locked_until is not null and locked_until <= ${now})`;
  const row = await db
    .updateTable('staff_accounts')
    .set({
      failed_logins: sql<number>`case when ${lapsed} then 1 else failed_logins + 1 end`,
      locked_until: sql<string | null>`case when ${lapsed} then null else locked_until end`,
      updated_at: now,
    })
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins;
}

/** Locks the login id until `until` (the attempt that reached the limit failed). */
export async function lockLogin(db: Db, id: number, until: string, now: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ locked_until: until, updated_at: now }).where('id', '=', id).execute();
}

/** A successful login (or an admin's unlock) clears the count and any lock. */
export async function clearLoginFailures(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({ failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setStaffPassword(db: Db, id: number, passwordHash: string, now: string): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Disables (`disabledAt` set) or re-enables (null) an account. */
export async function setStaffDisabled(db: Db, id: number, disabledAt: string | null, now: string): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({ disabled_at: disabledAt, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Makes an account `staff` or `admin` (the caller keeps at least one active admin). */
export async function setStaffRole(db: Db, id: number, role: StaffRole, now: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ role, updated_at: now }).where('id', '=', id).execute();
}

/** Ends every session of an account but one (the staff member changed their own password there). */
export async function deleteOtherSessionsOf(db: Db, accountId: number, keepIdHash: string): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where('account_id', '=', accountId)
    .where('id_hash', '!=', keepIdHash)
    .execute();
}
