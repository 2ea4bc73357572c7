/**
 * The harness with a pino logger at level 'debug' that writes into memory, so a test can read
 * every line the server logged.
 */
import pino from 'pino';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

export interface HarnessWithLogs extends Harness {
  /** Everything logged so far, one JSON object a line. */
  logText(): string;
  logLines(): Record<string, unknown>[];
}

export async function startHarnessWithLogs(
  options: Omit<HarnessOptions, 'logger'> & { level?: string } = {},
): Promise<HarnessWithLogs> {
  const chunks: string[] = [];
  const stream = { write: (s: string) => void chunks.push(s) };
  const logger = pino(
    { level: options.level ?? 'debug', base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    stream,
  );
  const h = await startHarness({ ...options, logger });
  return Object.assign(h, {
    logText: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  });
}
