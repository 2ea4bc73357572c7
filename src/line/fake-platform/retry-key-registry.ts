import type { SentMessage } from './types.js';

/** What LINE remembers about a push it accepted with a retry key. */
export interface AcceptedRequest {
  requestId: string;
  sentMessages: SentMessage[];
}

export interface RetryKeyRegistry {
  /** The request accepted with this key within the last 24 hours, if any. */
  find(retryKey: string): AcceptedRequest | undefined;
  remember(retryKey: string, accepted: AcceptedRequest): void;
}

/** LINE keeps a retry key for 24 hours after the first request. */
export const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** LINE requires the retry key to be a hexadecimal UUID. */
export const RETRY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createRetryKeyRegistry(options: { ttlMs: number; now: () => number }): RetryKeyRegistry {
  // Keys compare case-insensitively: they are hexadecimal UUIDs.
  const keys = new Map<string, AcceptedRequest & { expiresAt: number }>();
  return {
    find(retryKey) {
      const entry = keys.get(retryKey.toLowerCase());
      if (entry === undefined || entry.expiresAt <= options.now()) return undefined;
      return { requestId: entry.requestId, sentMessages: entry.sentMessages };
    },
    remember(retryKey, accepted) {
      keys.set(retryKey.toLowerCase(), { ...accepted, expiresAt: options.now() + options.ttlMs });
    },
  };
}
