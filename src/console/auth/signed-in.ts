import type { Response } from 'express';
import type { StaffAccount } from '../../../db/repositories/staff-accounts-repository.js';
import type { StaffSession } from '../../../db/repositories/staff-sessions-repository.js';

/** The staff member behind a console request, as the session middleware found them. */
export interface SignedIn {
  account: StaffAccount;
  session: StaffSession;
}

const KEY = 'signedIn';

export function setSignedIn(res: Response, s: SignedIn): void {
  (res.locals as Record<string, unknown>)[KEY] = s;
}

/** The signed-in staff member; only called behind requireSignIn, so one is always there. */
export function signedIn(res: Response): SignedIn {
  const s = (res.locals as Record<string, unknown>)[KEY] as SignedIn | undefined;
  if (!s) throw new Error('console route reached without a session');
  return s;
}

/** How the booking history, the staff group and the audit log name a console user. */
export function consoleActorId(account: Pick<StaffAccount, 'loginId'>): string {
  return `console:${account.loginId}`;
}
