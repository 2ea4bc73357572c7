/**
 * Checks that what LINE accepted is exactly what the server queued: every outbox row sent, and
 * each recipient received the queued messages once each, in queue order.
 */
import { expect } from 'vitest';
import { outboxRows } from './db-inspect.js';
import type { Harness } from './harness.js';

export async function expectDeliveredExactlyOnce(h: Harness): Promise<void> {
  const rows = await outboxRows(h);
  expect(rows.filter((r) => r.status !== 'sent').map((r) => `${r.dedupe_key}: ${r.status}`)).toEqual([]);
  const recipients = new Set([...rows.map((r) => r.recipient), ...h.platform.delivered().map((d) => d.to)]);
  for (const to of recipients) {
    const queued = rows
      .filter((r) => r.recipient === to)
      .flatMap((r) => (JSON.parse(r.messages) as unknown[]).map((m) => JSON.stringify(m)));
    const delivered = h.platform
      .delivered()
      .filter((d) => d.to === to)
      .map((d) => JSON.stringify(d.message));
    expect(delivered, `messages delivered to ${to}`).toEqual(queued);
  }
}

/**
 * Moves the server's clock on in steps and lets the sender work after each, until `done()`
 * holds. Retries wait on the server's clock (backoff), so this is how a test lets time pass.
 * `done` may look into the database (an async check).
 */
export async function advanceUntil(
  h: Harness,
  done: () => boolean | Promise<boolean>,
  stepMs = 1000,
  maxSteps = 200,
): Promise<void> {
  for (let i = 0; i < maxSteps && !(await done()); i += 1) {
    h.clock.advance(stepMs);
    await h.app.sender.flush();
  }
  if (!(await done())) throw new Error(`condition not reached after ${maxSteps} steps of ${stepMs} ms`);
}
