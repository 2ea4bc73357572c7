import { randomBytes } from 'node:crypto';

export interface ReplyTokenRegistry {
  /** Issues a fresh token for the chat `to`. */
  issue(to: string): string;
  /**
   * Uses up a token. Guarantees: returns the chat it was issued for exactly once, and only
   * before it expires; returns undefined for unknown, used or expired tokens.
   */
  consume(token: string): string | undefined;
  /** The chat a token was issued for, without using it up (to make LINE hang for a chat). */
  chatOf(token: string): string | undefined;
}

/** Reply tokens as LINE hands them out: random, single use, short-lived. */
export function createReplyTokenRegistry(options: { ttlMs: number; now: () => number }): ReplyTokenRegistry {
  const tokens = new Map<string, { to: string; expiresAt: number }>();

  const dropExpired = (at: number): void => {
    for (const [token, entry] of tokens) if (entry.expiresAt <= at) tokens.delete(token);
  };

  return {
    issue(to) {
      const at = options.now();
      // Pruning here keeps a long-running demo from accumulating tokens nobody replied to.
      dropExpired(at);
      const token = randomBytes(16).toString('hex');
      tokens.set(token, { to, expiresAt: at + options.ttlMs });
      return token;
    },
    chatOf(token) {
      return tokens.get(token)?.to;
    },
    consume(token) {
      const entry = tokens.get(token);
      if (entry === undefined) return undefined;
      tokens.delete(token);
      return entry.expiresAt > options.now() ? entry.to : undefined;
    },
  };
}
