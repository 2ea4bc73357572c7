import { createHash } from 'node:crypto';

/**
 * A UUID derived from what is being sent, so a push retried after a crash or a timeout carries
 * the same X-Line-Retry-Key and LINE delivers it once (LINE keeps keys for 24 hours).
 */
export function retryKeyFor(dedupeKey: string): string {
  const h = createHash('sha256').update(`line-retry:${dedupeKey}`).digest('hex');
  // Shape it as a version-4-style UUID: LINE expects the UUID text format.
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
