/** One HTTP request the fake platform received, with the status it answered. */
export interface RecordedCall {
  id: number;
  method: string;
  /** Path and query string, as requested. */
  path: string;
  /** Request headers, names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body; for binary uploads `{ contentType, byteLength }`; `null` when empty. */
  body: unknown;
  receivedAt: number;
  status: number;
  /** The `x-line-request-id` the platform answered with. */
  requestId: string;
}

/** One message object LINE accepted (2xx), as the bot sent it. */
export interface DeliveredMessage {
  seq: number;
  /** The id LINE reported for this message in `sentMessages`. */
  messageId: string;
  via: 'reply' | 'push';
  /** User or group id; for replies, the chat the reply token was issued for. */
  to: string;
  message: Record<string, unknown>;
  retryKey?: string;
  at: number;
}

export interface FakeLinePlatform {
  /** Origin to pass as `baseURL` to the SDK clients, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** Every request received, in order, including failed ones. */
  calls(): RecordedCall[];
  /** Messages LINE accepted, one entry per message object, in delivery order. */
  delivered(): DeliveredMessage[];
  /** The next `count` send requests (reply and push) answer `status` (default 500), with a Retry-After when given, and deliver nothing. */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  /** While non-null, every send request answers this status and delivers nothing. */
  setDown(status: number | null): void;
  /**
   * Send requests (reply and push) for these chats are never answered and deliver nothing, until
   * the caller gives up or the platform closes; replaces the previous list (empty: none hang).
   */
  hang(chats: readonly string[]): void;
  /** Artificial delay before each answer (the work is done first, as a slow network would). */
  setLatency(ms: number): void;
  /**
   * Resolves with the delivered messages as soon as `predicate` holds for them (checked now and
   * after every delivery); rejects after `timeoutMs` (default 5000) with an error listing what
   * was delivered, or when the platform closes.
   */
  waitFor(predicate: (delivered: DeliveredMessage[]) => boolean, timeoutMs?: number): Promise<DeliveredMessage[]>;
  /** Calls `listener` for every delivered message from now on; returns the unsubscribe function. */
  onDelivered(listener: (message: DeliveredMessage) => void): () => void;
  /**
   * Resolves once every call that reached the platform is recorded and answered, and no
   * connection is open: after its only caller died (kill -9), what that process had sent is then
   * all in `calls()`. Rejects after `timeoutMs` (default 5000) while a caller keeps a connection open.
   */
  settled(timeoutMs?: number): Promise<void>;
  /** A fresh reply token for the chat `to`: single use, valid for 60 s of real time by default. */
  issueReplyToken(to: string): string;
  close(): Promise<void>;
}

export interface FakeLinePlatformOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** When given, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  channelAccessToken?: string;
  /** How long an issued reply token stays valid. Default 60 000 ms. */
  replyTokenTtlMs?: number;
  /** Clock for token and retry-key expiry and timestamps. Default `Date.now`. */
  now?: () => number;
}

/** One entry of LINE's error `details` array. */
export interface ErrorDetail {
  message: string;
  property: string;
}

/** One entry of LINE's `sentMessages` array. */
export interface SentMessage {
  id: string;
  quoteToken?: string;
}
