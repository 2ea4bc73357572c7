import { randomBytes } from 'node:crypto';
import type { DeliveryLog } from './delivery-log.js';
import type { RouteResult } from './http-io.js';
import { isNonEmptyString, isRecord, type JsonRecord } from './json-value.js';
import { errorResult, validationErrorResult } from './line-errors.js';
import { validateMessages } from './message-validation.js';
import type { ReplyTokenRegistry } from './reply-token-registry.js';
import { RETRY_KEY_PATTERN, type RetryKeyRegistry } from './retry-key-registry.js';
import type { Route, RouteRequest } from './router.js';
import type { DeliveredMessage, SentMessage } from './types.js';

export interface SendRouteDeps {
  replyTokens: ReplyTokenRegistry;
  retryKeys: RetryKeyRegistry;
  deliveries: DeliveryLog;
}

/** Message types LINE returns a quote token for when they are sent. */
const QUOTABLE_TYPES: ReadonlySet<string> = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

/** `POST /v2/bot/message/reply` and `POST /v2/bot/message/push`. */
export function createSendRoutes(deps: SendRouteDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/bot/message/reply',
      body: 'json',
      isSend: true,
      handle: (request) => reply(deps, request),
    },
    {
      method: 'POST',
      pattern: '/v2/bot/message/push',
      body: 'json',
      isSend: true,
      handle: (request) => push(deps, request),
    },
  ];
}

/**
 * Guarantees: delivers only when the body is valid and the reply token was issued, unused and
 * unexpired; a valid token is used up only by a delivery, so a request refused for its
 * messages leaves the token usable (LINE validates the body before it looks at the token).
 */
function reply(deps: SendRouteDeps, request: RouteRequest): RouteResult {
  // LINE refuses a retry key on every endpoint that does not support one; reply is one of them.
  if (request.headers['x-line-retry-key'] !== undefined) {
    return errorResult(400, 'The X-Line-Retry-Key header is not supported by this endpoint');
  }
  const body = isRecord(request.body) ? request.body : {};
  const details = [
    ...(isNonEmptyString(body.replyToken) ? [] : [{ message: 'May not be empty', property: 'replyToken' }]),
    ...validateMessages(body.messages),
  ];
  if (details.length > 0) return validationErrorResult(details);

  const to = deps.replyTokens.consume(String(body.replyToken));
  if (to === undefined) return errorResult(400, 'Invalid reply token');
  const delivered = deps.deliveries.deliver('reply', to, messagesOf(body));
  return { status: 200, body: { sentMessages: toSentMessages(delivered) } };
}

/**
 * Guarantees: with a retry key already accepted in the last 24 hours, answers 409 with the
 * original `sentMessages` and `x-line-accepted-request-id`, and delivers nothing again;
 * otherwise delivers when the body is valid and remembers the key.
 */
function push(deps: SendRouteDeps, request: RouteRequest): RouteResult {
  const retryKey = request.headers['x-line-retry-key'];
  if (retryKey !== undefined) {
    if (!RETRY_KEY_PATTERN.test(retryKey)) {
      return errorResult(400, 'The retry key must be a UUID in hexadecimal format', [
        { message: 'Invalid format', property: 'X-Line-Retry-Key' },
      ]);
    }
    const accepted = deps.retryKeys.find(retryKey);
    if (accepted !== undefined) {
      return {
        status: 409,
        body: { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
        headers: { 'x-line-accepted-request-id': accepted.requestId },
      };
    }
  }
  const body = isRecord(request.body) ? request.body : {};
  const details = [
    ...(isNonEmptyString(body.to) ? [] : [{ message: 'May not be empty', property: 'to' }]),
    ...validateMessages(body.messages),
  ];
  if (details.length > 0) return validationErrorResult(details);

  const delivered = deps.deliveries.deliver('push', String(body.to), messagesOf(body), retryKey);
  const sentMessages = toSentMessages(delivered);
  if (retryKey !== undefined) deps.retryKeys.remember(retryKey, { requestId: request.requestId, sentMessages });
  return { status: 200, body: { sentMessages } };
}

/** The messages of a body that passed `validateMessages`, so every element is an object. */
function messagesOf(body: JsonRecord): Record<string, unknown>[] {
  return Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
}

function toSentMessages(delivered: DeliveredMessage[]): SentMessage[] {
  return delivered.map((entry) =>
    QUOTABLE_TYPES.has(String(entry.message.type))
      ? { id: entry.messageId, quoteToken: randomBytes(24).toString('base64url') }
      : { id: entry.messageId },
  );
}
