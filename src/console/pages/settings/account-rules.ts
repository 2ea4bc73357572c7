import type { StaffAccount, StaffRole } from '../../../../db/repositories/staff-accounts-repository.js';
import { passwordProblem } from '../../auth/passwords.js';

/** Login ids: 3-32 of a-z 0-9 . _ - (typed on office keyboards, shown in the audit log). */
export const LOGIN_ID_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const NAME_MAX = 40;

/** Each role as the console names it. */
export const ROLE_LABEL: Readonly<Record<StaffRole, string>> = { admin: '管理者', staff: '職員' };

/** Field name → the problem shown next to it. */
export type FieldErrors = Partial<Record<string, string>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const text = (body: Record<string, unknown>, key: string): string => (typeof body[key] === 'string' ? body[key] : '');

export function loginIdProblem(loginId: string): string | null {
  if (loginId === '') return 'ログインIDを入力してください。';
  if (!LOGIN_ID_PATTERN.test(loginId))
    return 'ログインIDは半角の英小文字・数字・「.」「_」「-」で3〜32文字にしてください。';
  return null;
}

export function nameProblem(name: string): string | null {
  if (name === '') return '氏名を入力してください。';
  if ([...name].length > NAME_MAX) return `氏名は${NAME_MAX}文字以内にしてください。`;
  return null;
}

export function parseRole(value: string): StaffRole | null {
  return value === 'staff' || value === 'admin' ? value : null;
}

/** A new password typed twice: the policy's problem, or that the two differ. */
export function newPasswordProblem(password: string, again: string): string | null {
  return passwordProblem(password) ?? (password === again ? null : '確認用のパスワードが一致しません。');
}

export interface NewAccountInput {
  loginId: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** The add-account form: login_id, name, role, password, password_again. */
export function parseNewAccount(body: Record<string, unknown>): Parsed<NewAccountInput> {
  const loginId = text(body, 'login_id').trim();
  const name = text(body, 'name').trim();
  const role = parseRole(text(body, 'role'));
  const password = text(body, 'password');
  const errors: FieldErrors = {};
  const idProblem = loginIdProblem(loginId);
  if (idProblem) errors.login_id = idProblem;
  const nProblem = nameProblem(name);
  if (nProblem) errors.name = nProblem;
  if (!role) errors.role = '権限を選んでください。';
  const pProblem = newPasswordProblem(password, text(body, 'password_again'));
  if (pProblem) errors.password = pProblem;
  if (Object.keys(errors).length > 0 || !role) return { ok: false, errors };
  return { ok: true, value: { loginId, name, role, password } };
}

/** What the account list says of an account now. */
export type AccountState = { kind: 'active' } | { kind: 'disabled'; since: string } | { kind: 'locked'; until: string };

export function accountState(a: Pick<StaffAccount, 'disabledAt' | 'lockedUntil'>, now: string): AccountState {
  if (a.disabledAt !== null) return { kind: 'disabled', since: a.disabledAt };
  if (a.lockedUntil !== null && a.lockedUntil > now) return { kind: 'locked', until: a.lockedUntil };
  return { kind: 'active' };
}

/** Whether taking `target` out of the active admins (disabling or demoting it) leaves none. */
export function wouldLeaveNoAdmin(target: Pick<StaffAccount, 'role' | 'disabledAt'>, activeAdmins: number): boolean {
  return target.role === 'admin' && target.disabledAt === null && activeAdmins <= 1;
}
