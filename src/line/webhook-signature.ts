import { createHmac } from 'node:crypto';

/**
 * The `x-line-signature` LINE puts on a webhook request: base64 of HMAC-SHA256 over the exact
 * body bytes, keyed with the channel secret.
 * Guarantees: the same value the SDK's `validateSignature(body, channelSecret, signature)`
 * accepts, for string bodies (encoded as UTF-8) and Buffers alike. Sign the very string you
 * send: re-serialising the JSON may change the bytes and so the signature.
 */
export function signWebhookBody(channelSecret: string, body: string | Buffer): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}
