import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { enqueue } from '../../db/repositories/outbox-repository.js';
import { toQueued } from '../bookings/dispatch.js';
import type { Instant } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import type { Failure, Outcome } from './outcome.js';

/** Carries a refusal out of the transaction so that nothing the work wrote is kept. */
class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * Runs one staff change as one transaction: the work, the outgoing messages it produced (queued
 * in the outbox under a fresh `api:<uuid>` key) and, through the work itself, the record of who
 * did it. A refusal rolls everything back. Only after the commit is the sender woken, so a
 * message never leaves for a change that did not happen.
 */
export async function mutate<T>(
  ctx: AppContext,
  work: (trx: Db, now: Instant) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const now = ctx.clock.now().toISOString();
  let recipients: string[] = [];
  try {
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const result = await work(trx, now);
      if (!result.ok) throw new Refused(result);
      // Without a configured staff group, staff notes have nowhere to go.
      const dispatches = result.dispatches.filter((d) => d.recipient !== '');
      const items = toQueued(`api:${randomUUID()}`, dispatches, now, ctx.lifecycle);
      await enqueue(trx, items, now);
      recipients = items.map((item) => item.recipient);
      return result;
    });
    if (recipients.length > 0) ctx.onOutgoing(recipients);
    return outcome;
  } catch (e: unknown) {
    if (e instanceof Refused) return e.failure;
    throw e;
  }
}
