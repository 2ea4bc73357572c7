/** How the staff console treats sign-ins (docs/staff-console.md, "Accounts and sign-in"). */
export interface ConsoleSettings {
  /** A session unused this long is over (CONSOLE_IDLE_MINUTES, default 30). */
  idleMinutes: number;
  /** Cookies only over HTTPS: on in production, off on a developer's http://127.0.0.1. */
  secureCookie: boolean;
  /** Every failed sign-in is answered only after this long, which slows guessing. */
  failedLoginDelayMs: number;
  /** After this many failures in a row a login id is locked ... */
  lockAfterFailures: number;
  /** ... for this long. */
  lockMinutes: number;
}

export const defaultConsoleSettings: ConsoleSettings = {
  idleMinutes: 30,
  secureCookie: false,
  failedLoginDelayMs: 1000,
  lockAfterFailures: 5,
  lockMinutes: 15,
};
