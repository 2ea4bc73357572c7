import type { AppContext } from '../app-context.js';
import { enqueue } from '../../db/repositories/outbox-repository.js';
import { claimJob, dueJobs, markJobSkipped, noteJobReason } from '../../db/repositories/jobs-repository.js';
import { erasePersonalData, purgeHandled } from '../../db/repositories/retention-repository.js';
import { truncateLog } from '../../db/truncate-log.js';
import { toQueued } from '../bookings/dispatch.js';
import { runJob } from './job-handlers.js';

export interface JobRunner {
  /** Runs every job that is due now; returns how many were handled. */
  runDue(): Promise<number>;
  /**
   * Deletes handled events and sent messages past their retention, and erases personal details
   * from bookings over for longer than the office keeps them (also run hourly by start()).
   */
  purge(): Promise<void>;
  start(intervalMs?: number): () => void;
}

/** Bookings erased per commit: a first run over years of records still lets the server answer in between. */
const ERASE_ROUND = 500;

/**
 * Timed work kept in the database, so it survives restarts. Each job is claimed, decided and
 * its messages queued in one transaction (claimed only while still pending, so of several server
 * processes due to run it, one does and the others find it taken): a crash either leaves it
 * pending (it runs again, nothing was queued) or finished with its messages queued under a key
 * of the job's own (sent once, even when the send itself is retried).
 */
export function createJobRunner(deps: AppContext): JobRunner {
  let running: Promise<number> | null = null;
  async function pass(): Promise<number> {
    let handled = 0;
    for (const job of await dueJobs(deps.db, deps.clock.now().toISOString(), 200)) {
      const now = deps.clock.now().toISOString();
      try {
        const { recipients, reason } = await deps.committer.run(async (trx) => {
          // Taken first: a job another process (or an earlier pass) took is left alone.
          if (!(await claimJob(trx, job.id, now))) return { recipients: [], reason: undefined };
          const outcome = await runJob(trx, deps, job, now);
          if (outcome.status === 'skipped') await markJobSkipped(trx, job.id, now);
          if (outcome.reason !== undefined) await noteJobReason(trx, job.id, outcome.reason);
          const items = toQueued(`job:${job.id}`, outcome.dispatches, now, deps.lifecycle);
          await enqueue(trx, items, now);
          return { recipients: items.map((item) => item.recipient), reason: outcome.reason };
        });
        handled += 1;
        if (reason !== undefined)
          deps.logger.info({ job: job.id, kind: job.kind, reason }, 'timed job ran late; sent nothing');
        if (recipients.length > 0) deps.onOutgoing(recipients);
      } catch (e: unknown) {
        deps.logger.error(
          { job: job.id, err: e instanceof Error ? e.message : String(e) },
          'timed job failed; will retry',
        );
      }
    }
    return handled;
  }
  /**
   * Handled events and sent messages are kept a week; failed ones a month, for staff to look into.
   * Console sessions unused for a day go too: the longest idle time a session may have is 8 hours.
   */
  async function purge(): Promise<void> {
    const now = deps.clock.now().getTime();
    const day = 24 * 60 * 60 * 1000;
    let removed = 0;
    try {
      const purged = await deps.committer.run((trx) =>
        purgeHandled(
          trx,
          new Date(now - 7 * day).toISOString(),
          new Date(now - 30 * day).toISOString(),
          new Date(now - day).toISOString(),
        ),
      );
      removed = purged.inbox + purged.outbox + purged.conversations + purged.staffSessions + purged.idempotencyKeys;
      if (removed > 0)
        deps.logger.info(purged, 'purged handled events, sent messages, abandoned conversations and unused sign-ins');
    } catch (e: unknown) {
      deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'purge failed; will retry');
    }
    if (deps.personalDataRetentionDays)
      removed += await erase(new Date(now - deps.personalDataRetentionDays * day).toISOString());
    // What was deleted or erased must not stay readable in the database's log (docs/storage.md).
    if (removed > 0) {
      try {
        if (!(await truncateLog(deps.db))) deps.logger.info('database log in use; it is emptied on the next purge');
      } catch (e: unknown) {
        deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'emptying the database log failed');
      }
    }
  }

  /** In rounds of a few hundred bookings, each its own commit, so the server answers in between. */
  async function erase(cutoff: string): Promise<number> {
    const erased = { bookings: 0, immediateRequests: 0 };
    try {
      for (;;) {
        const round = await deps.committer.run((trx) =>
          erasePersonalData(trx, cutoff, deps.clock.now().toISOString(), ERASE_ROUND),
        );
        erased.bookings += round.bookings;
        erased.immediateRequests += round.immediateRequests;
        if (round.bookings < ERASE_ROUND) break;
      }
    } catch (e: unknown) {
      deps.logger.error(
        { err: e instanceof Error ? e.message : String(e) },
        'erasing personal details failed; will retry',
      );
    }
    if (erased.bookings + erased.immediateRequests > 0)
      deps.logger.info(erased, 'erased personal details past the retention period');
    return erased.bookings + erased.immediateRequests;
  }

  return {
    purge,
    runDue() {
      if (!running) running = pass().finally(() => (running = null));
      return running;
    },
    start(intervalMs = 5000) {
      // A pass that cannot even read the due jobs (database failing) is tried again next tick.
      const tick = () =>
        void this.runDue().catch((e: unknown) =>
          deps.logger.error(
            { err: e instanceof Error ? e.message : String(e) },
            'timed jobs could not be read; will retry',
          ),
        );
      const timer = setInterval(tick, intervalMs);
      // Also once at start: a server restarted more often than hourly would otherwise never purge.
      void purge();
      const hourly = setInterval(() => void purge(), 60 * 60 * 1000);
      timer.unref();
      hourly.unref();
      return () => {
        clearInterval(timer);
        clearInterval(hourly);
      };
    },
  };
}
