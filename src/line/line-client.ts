import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { LineMessage } from './message-types.js';

/** The part of LINE's API the product uses: a port so senders can be tested against a fake. */
export interface LineClient {
  reply(replyToken: string, messages: readonly LineMessage[]): Promise<void>;
  push(to: string, messages: readonly LineMessage[], retryKey: string): Promise<void>;
  showLoading(chatId: string, seconds: number): Promise<void>;
}

/** A failed call to LINE, reduced to what retry decisions need. */
export class LineApiError extends Error {
  override readonly name = 'LineApiError';
  constructor(
    message: string,
    /** HTTP status, or 0 when the network failed before any answer. */
    readonly status: number,
    readonly retryKeyAlreadyAccepted: boolean,
    /** How long LINE asked us to wait (its Retry-After, with a 429 or 503), or null. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/**
 * A Retry-After header as milliseconds from `nowMs`: delta-seconds or an HTTP date; null when
 * absent or unreadable. Capped at an hour, so a wrong header cannot silence the bot for days.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  // Delta-seconds, or an HTTP date (which always ends in GMT); nothing else is a Retry-After.
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : / GMT$/.test(value) ? Date.parse(value) - nowMs : Number.NaN;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), 60 * 60_000);
}

function toLineApiError(e: unknown): LineApiError {
  if (e instanceof HTTPFetchError) {
    const accepted = e.status === 409 && e.headers.get('x-line-accepted-request-id') !== null;
    // The SDK's error carries the answer's headers; Date.now() only turns an HTTP-date into a wait.
    return new LineApiError(
      `LINE answered ${e.status}`,
      e.status,
      accepted,
      retryAfterMs(e.headers.get('retry-after'), Date.now()),
    );
  }
  return new LineApiError(e instanceof Error ? `network error: ${e.message}` : 'network error', 0, false);
}

export function createLineClient(options: { channelAccessToken: string; baseURL: string }): LineClient {
  const api = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.baseURL,
  });
  // Our builders produce the JSON of LINE's reference; the SDK's generated types are the same shape.
  const asSdk = (messages: readonly LineMessage[]) => messages as unknown as messagingApi.Message[];
  return {
    async reply(replyToken, messages) {
      await api.replyMessage({ replyToken, messages: asSdk(messages) }).catch((e: unknown) => {
        throw toLineApiError(e);
      });
    },
    async push(to, messages, retryKey) {
      await api.pushMessage({ to, messages: asSdk(messages) }, retryKey).catch((e: unknown) => {
        throw toLineApiError(e);
      });
    },
    async showLoading(chatId, seconds) {
      await api.showLoadingAnimation({ chatId, loadingSeconds: seconds }).catch((e: unknown) => {
        throw toLineApiError(e);
      });
    },
  };
}
