import type { ConsoleSettings } from '../console-settings.js';

/** What the sign-in code knows of an account when someone tries to sign in with its login id. */
export interface LoginState {
  /** When an admin disabled the account, or null. */
  disabledAt: string | null;
  failedLogins: number;
  /** An instant (ISO) until which the login id is locked, or null. */
  lockedUntil: string | null;
}

/** Whether to check the password at all. A lock whose time has passed is over. */
export function loginBlock(state: LoginState, now: string): 'disabled' | 'locked' | null {
  if (state.disabledAt !== null) return 'disabled';
  if (state.lockedUntil !== null && state.lockedUntil > now) return 'locked';
  return null;
}

/**
 * After a wrong password: the new count, and a lock when it reaches the limit. The count starts
 * again after a lock has run out, so one more mistake then does not lock at once.
 */
export function afterFailure(
  state: LoginState,
  now: string,
  s: Pick<ConsoleSettings, 'lockAfterFailures' | 'lockMinutes'>,
): { failedLogins: number; lockedUntil: string | null; locks: boolean } {
  const lapsed = state.lockedUntil !== null && state.lockedUntil <= now;
  const failedLogins = (lapsed ? 0 : state.failedLogins) + 1;
  if (failedLogins < s.lockAfterFailures) return { failedLogins, lockedUntil: null, locks: false };
  const until = new Date(Date.parse(now) + s.lockMinutes * 60_000).toISOString();
  return { failedLogins, lockedUntil: until, locks: true };
}

/** Whether a session last used at `lastSeenAt` is still alive at `now`. */
export function sessionAlive(lastSeenAt: string, now: string, idleMinutes: number): boolean {
  return Date.parse(now) - Date.parse(lastSeenAt) < idleMinutes * 60_000;
}

/**
 * Where to go after signing in: only a path inside the console, so a crafted link cannot send a
 * staff member to another site once they have typed their password.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/staff/';
  if (!next.startsWith('/staff/') || next.startsWith('//') || /[\\\r\n]/.test(next)) return '/staff/';
  if (next.startsWith('/staff/login') || next.startsWith('/staff/logout')) return '/staff/';
  return next;
}
