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
  ) {
    super(message);
  }
}

function toLineApiError(e: unknown): LineApiError {
  if (e instanceof HTTPFetchError) {
    const accepted = e.status === 409 && e.headers.get('x-line-accepted-request-id') !== null;
    return new LineApiError(`LINE answered ${e.status}`, e.status, accepted);
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
