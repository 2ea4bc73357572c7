import type { ConsoleSettings } from '../console-settings.js';

/** What the sign-in code knows of an account when someone tries to sign in with its login id. */
export interface LoginState {
  /** When an admin disabled the account, or null. */
  disabledAt: string | null;
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
 * Each sign-in attempt is numbered before its password is checked (countLoginAttempt: one
 * statement, so guesses sent at once each get their own number, and a lock that has run out
 * starts the count again). An attempt past the limit is refused as locked without being checked,
 * even while the attempt that reached the limit is still being checked and its lock not yet written.
 */
export function attemptAllowed(attempt: number, s: Pick<ConsoleSettings, 'lockAfterFailures'>): boolean {
  return attempt <= s.lockAfterFailures;
}

/** The lock a wrong password sets: only the attempt that reaches the limit sets one. */
export function lockAfterFailure(
  attempt: number,
  now: string,
  s: Pick<ConsoleSettings, 'lockAfterFailures' | 'lockMinutes'>,
): string | null {
  return attempt >= s.lockAfterFailures ? new Date(Date.parse(now) + s.lockMinutes * 60_000).toISOString() : null;
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
