import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data never goes in: callers log event ids and `chatRef`
 * (a short hash of the LINE id), never names, numbers, e-mail, phone or message text.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A stable, non-reversible reference to a LINE user or group for logs. */
export function chatRef(lineId: string): string {
  return createHash('sha256').update(lineId).digest('hex').slice(0, 12);
}
