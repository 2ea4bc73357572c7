import { describe, expect, it } from 'vitest';
import { onPostgres } from '../support/test-store.js';
import { runOnSharedDatabase, type RunOutcome, type RunPlan } from './shared-database-run.js';

const EARLY_USERS = 6;

/**
 * The load takes about a minute with the machine to itself. A run that stalls (a minute without an
 * acknowledged event) stops at once; this limit only ends one that crawls, and it is several times
 * the usual so that a slow machine does not pass for lost answers.
 */
const LOAD_LIMIT_MS = 300_000;

/** The load of both runs: three processes, 200 people, every 7th event also redelivered elsewhere. */
const LOAD = {
  processes: 3,
  users: 200,
  earlyUsers: EARLY_USERS,
  // Two places a slot for 200 requests: the first dates offered fill up while people choose.
  capacity: 2,
  duplicateEvery: 7,
  jobsAt: { share: 0.3, afterMs: 15_000 },
} as const;

function summary(o: RunOutcome, plan: RunPlan): string {
  const f = o.audit.figures;
  return [
    `${o.load.completed}/${o.load.users} completed in ${(o.load.wallMs / 1000).toFixed(1)} s`,
    `${o.load.events} events, ${o.load.redelivered} redelivered, ${o.load.duplicated} duplicated`,
    `${o.load.usersWithRefusal} users re-asked (${o.load.refusals} times)`,
    `${o.fullSlots} slots full, fullest ${o.maxOccupancy}/${plan.capacity}`,
    `${f.inboxEvents} inbox events, ${f.outboxRows} outbox rows, ${f.acceptedSends} sends accepted`,
    `${f.retryKeyConflicts} pushes refused as already accepted, ${f.refusedReplies} replies refused`,
    `${f.answeredTwice} answered twice, of ${o.inFlightAtKill} replies in flight at the kill (${o.load.secondCopies} second copies seen by the people)`,
    `${o.jobsMadeDue} jobs made due, settled ${(o.settleMs / 1000).toFixed(1)} s after the load`,
  ].join('; ');
}

/** Everything the run must show, whatever happened to the processes on the way. */
function expectNothingLostNothingTwice(o: RunOutcome, plan: RunPlan): void {
  process.stderr.write(`[multi-process] ${summary(o, plan)}\n`);
  // Soft: a run that goes wrong shows every way it went wrong, not only the first.
  expect.soft({ early: o.early.completed, load: o.load.completed, reasons: o.load.failureReasons }).toEqual({
    early: plan.earlyUsers,
    load: plan.users,
    reasons: [],
  });
  expect.soft(o.audit.problems).toEqual([]);
  expect.soft(o.bookingProblems).toEqual([]);
  // The run really contended for capacity, and the jobs fell due while the load ran.
  expect.soft(o.fullSlots).toBeGreaterThan(0);
  expect
    .soft({ jobs: o.jobsMadeDue, duringLoad: o.jobsDuringLoad })
    .toEqual({ jobs: plan.earlyUsers, duringLoad: true });
}

// Several processes need one database server they all reach; SQLite is one process per file.
describe.skipIf(!onPostgres)('three server processes on one PostgreSQL database', () => {
  it('200 people booking at once, redeliveries and duplicates to other processes: every event answered once, no slot over capacity, every due job run once', async () => {
    const plan: RunPlan = { ...LOAD, loadLimitMs: LOAD_LIMIT_MS, settleLimitMs: 45_000 };
    expectNothingLostNothingTwice(await runOnSharedDatabase(plan), plan);
  }, 450_000);

  it('the same 200 people with one process killed (SIGKILL) mid-run and started again: nothing lost, nothing twice', async () => {
    const plan: RunPlan = {
      ...LOAD,
      loadLimitMs: LOAD_LIMIT_MS,
      // The killed process's claimed messages are taken over once their claim runs out (~20 s).
      settleLimitMs: 60_000,
      kill: { index: 1, at: { share: 0.32, afterMs: 10_000 }, downMs: 3000 },
    };
    const o = await runOnSharedDatabase(plan);
    expectNothingLostNothingTwice(o, plan);
    expect
      .soft({ killed: o.killedDuringLoad, restarted: o.restartedDuringLoad })
      .toEqual({ killed: true, restarted: true });
    // The driver had to carry events refused by the dead process to the others.
    expect.soft(o.load.redelivered).toBeGreaterThan(0);
  }, 480_000);
});
