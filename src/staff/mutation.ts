import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { enqueue } from '../../db/repositories/outbox-repository.js';
import { toQueued, type Dispatch } from '../bookings/dispatch.js';
import type { Instant } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import type { Failure, Outcome, Success } from './outcome.js';

/** Carries a refusal out of the transaction so that nothing the work wrote is kept. */
class Refused<F> extends Error {
  constructor(readonly failure: F) {
    super('refused');
  }
}

/**
 * Runs one staff change as one transaction: the work, the outgoing messages it produced (queued
 * in the outbox under a fresh `<door>:<uuid>` key) and, through the work itself, the record of who
 * did it. A refusal rolls everything back. Only after the commit is the sender woken, so a
 * message never leaves for a change that did not happen. Shared by the JSON API and the console,
 * which differ only in how they word a refusal.
 */
export async function commitChange<S extends { ok: true; dispatches: readonly Dispatch[] }, F extends { ok: false }>(
  ctx: AppContext,
  door: 'api' | 'console',
  work: (trx: Db, now: Instant) => Promise<S | F>,
): Promise<S | F> {
  const now = ctx.clock.now().toISOString();
  let recipients: string[] = [];
  try {
    // Through the committer, in whose transactions the booking functions take their locks
    // (db/locks.ts), so two staff (or two server processes) taking the same place cannot both succeed.
    const outcome = await ctx.committer.run(async (trx) => {
      const result = await work(trx, now);
      if (!result.ok) throw new Refused(result);
      // Without a configured staff group, staff notes have nowhere to go.
      const dispatches = result.dispatches.filter((d) => d.recipient !== '');
      const items = toQueued(`${door}:${randomUUID()}`, dispatches, now, ctx.lifecycle);
      await enqueue(trx, items, now);
      recipients = items.map((item) => item.recipient);
      return result;
    });
    if (recipients.length > 0) ctx.onOutgoing(recipients);
    return outcome;
  } catch (e: unknown) {
    if (e instanceof Refused) return e.failure as F;
    throw e;
  }
}

/** A change made through the JSON API (docs/staff-api.md). */
export function mutate<T>(ctx: AppContext, work: (trx: Db, now: Instant) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return commitChange<Success<T>, Failure>(ctx, 'api', work);
}
