/**
 * One run of the load against several server processes on one fresh PostgreSQL database: people
 * booking through the processes in turn (with LINE's redeliveries, some of them deliberate
 * duplicates, going to another process), timed jobs made due in the middle of it, and optionally
 * one process killed outright and started again. Returns the driver's figures and what the
 * database and the fake LINE platform show afterwards.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { bookingScript, personaFor } from '../../bench/conversation-script.js';
import { runLoad, type LoadResult } from '../../bench/load-driver.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { probe, type DbProbe } from '../support/db-inspect.js';
import { createTestDatabase } from '../support/test-store.js';
import { auditDeliveries, type Audit } from './delivery-audit.js';
import { startServerCluster, type ServerCluster } from './server-cluster.js';

const CHANNEL_SECRET = 'multi-process-channel-secret';
const CHANNEL_TOKEN = 'multi-process-channel-access-token';
export const STAFF_GROUP = 'Cmultiprocessstaffgroup000000000';
/** Tuesday 1 December 2026, 09:00 in Japan: a working morning with the whole horizon ahead. */
const APP_NOW = '2026-12-01T00:00:00Z';
/** Events in one booking conversation without refusals (bench/scenarios.ts). */
const EVENTS_PER_USER = 19;
/** The few early bookings take seconds; the limit only bounds a run that goes wrong. */
const EARLY_LIMIT_MS = 60_000;

/** A moment in the load: a share of its expected events sent, or a time after its start, whichever comes first. */
export interface Moment {
  share: number;
  afterMs: number;
}

export interface RunPlan {
  processes: number;
  users: number;
  /** People who book before the load, whose bookings the timed jobs are about. */
  earlyUsers: number;
  capacity: number;
  /** Every n-th event is also redelivered to another process. */
  duplicateEvery: number;
  /** The load stops after this long (users still talking count as stopped), so a slow run still reports. */
  loadLimitMs: number;
  /** How long to wait after the load for what is still pending (a killed process's claims run out after ~20 s). */
  settleLimitMs: number;
  /**
   * When the load has sent this share of its expected events (or `afterMs` has passed, should
   * the load be slower than planned), the timed jobs are made due.
   */
  jobsAt: Moment;
  /** Kill this process (SIGKILL) at `at`; start another in its place `downMs` later. */
  kill?: { index: number; at: Moment; downMs: number };
}

export interface RunOutcome {
  load: LoadResult;
  early: LoadResult;
  audit: Audit;
  /** Bookings per user other than one, slots over capacity, due jobs left: problems as sentences. */
  bookingProblems: string[];
  /** Slots filled to capacity (capacity really contended when above zero), and the fullest slot. */
  fullSlots: number;
  maxOccupancy: number;
  jobsMadeDue: number;
  /** The jobs were made due, and the process killed and started again, while the load still ran. */
  jobsDuringLoad: boolean;
  killedDuringLoad: boolean | null;
  /** Replies started and not yet sent when the process was killed (of all processes). */
  inFlightAtKill: number;
  restartedDuringLoad: boolean | null;
  settleMs: number;
}

/** A platform handle for the driver that remembers whose each reply token is. */
function recordingTokens(platform: FakeLinePlatform, owner: Map<string, string>): FakeLinePlatform {
  return {
    ...platform,
    issueReplyToken(to) {
      const token = platform.issueReplyToken(to);
      owner.set(token, to);
      return token;
    },
  };
}

/** Makes a reply_due job due now for each booking: it writes to the person and to the staff group. */
async function makeJobsDue(db: DbProbe, bookings: { id: string; line_user_id: string }[], now: string) {
  const jobs = new Map<string, string>();
  for (const b of bookings) {
    const id = `reply_due:${b.id}:${now}`;
    await db.run(
      "INSERT INTO scheduled_jobs (id, kind, subject_id, due_at, status, created_at, done_at) VALUES (?, 'reply_due', ?, ?, 'pending', ?, NULL)",
      id,
      b.id,
      now,
      now,
    );
    jobs.set(id, b.line_user_id);
  }
  return jobs;
}

/** Waits until no event, message or due job is left pending (or the time is up). */
async function settle(db: DbProbe, now: () => string, limitMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const left = await db.get<{ n: number }>(
      `SELECT (SELECT count(*) FROM inbox WHERE status = 'pending')
            + (SELECT count(*) FROM outbox WHERE status = 'pending')
            + (SELECT count(*) FROM scheduled_jobs WHERE status = 'pending' AND due_at <= ?) AS n`,
      now(),
    );
    if (left!.n === 0 || performance.now() - started > limitMs) return performance.now() - started;
    await delay(250);
  }
}

async function bookingChecks(db: DbProbe, userIds: readonly string[], capacity: number, now: string) {
  const problems: string[] = [];
  const perUser = await db.all<{ line_user_id: string; n: number }>(
    'SELECT line_user_id, count(*) AS n FROM bookings GROUP BY line_user_id',
  );
  const counts = new Map(perUser.map((r) => [r.line_user_id, r.n]));
  for (const u of userIds) if (counts.get(u) !== 1) problems.push(`user ${u} has ${counts.get(u) ?? 0} bookings`);
  // Occupancy as the product counts it (slotOccupancy): a request holds its first choice, a
  // confirmed booking its confirmed slot.
  const slots = await db.all<{ slot: string; n: number }>(
    `SELECT slot, count(*) AS n FROM (
       SELECT choice1_slot AS slot FROM bookings WHERE status = 'requested'
       UNION ALL SELECT confirmed_slot AS slot FROM bookings WHERE status = 'confirmed') AS held
     GROUP BY slot`,
  );
  for (const s of slots) if (s.n > capacity) problems.push(`slot ${s.slot} holds ${s.n}, capacity ${capacity}`);
  const overrides = await db.get<{ n: number }>('SELECT count(*) AS n FROM capacity_overrides');
  if (overrides!.n > 0) problems.push(`${overrides!.n} capacity overrides appeared`);
  const due = await db.all<{ id: string; status: string }>(
    "SELECT id, status FROM scheduled_jobs WHERE due_at <= ? AND status = 'pending'",
    now,
  );
  for (const j of due) problems.push(`due job ${j.id} is still pending`);
  return {
    problems,
    fullSlots: slots.filter((s) => s.n === capacity).length,
    maxOccupancy: Math.max(0, ...slots.map((s) => s.n)),
  };
}

export async function runOnSharedDatabase(plan: RunPlan): Promise<RunOutcome> {
  const database = await createTestDatabase();
  const platform = await startFakeLinePlatform({ channelAccessToken: CHANNEL_TOKEN });
  let cluster: ServerCluster | undefined;
  try {
    const db = probe({ sqlitePath: '', databaseUrl: database.url });
    const tokenOwner = new Map<string, string>();
    const driverPlatform = recordingTokens(platform, tokenOwner);
    const clockOriginMs = Date.now();
    const eventClockOffsetMs = Date.parse(APP_NOW) - clockOriginMs;
    const serverNow = () => new Date(Date.now() + eventClockOffsetMs).toISOString();
    cluster = await startServerCluster({
      processes: plan.processes,
      databaseUrl: database.url,
      appNow: APP_NOW,
      clockOriginMs,
      env: {
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_TOKEN,
        LINE_API_BASE_URL: platform.url,
        STAFF_GROUP_ID: STAFF_GROUP,
        SLOT_CAPACITY: String(plan.capacity),
        LOG_LEVEL: 'silent',
      },
    });
    const servers = cluster;
    const common = {
      webhookUrl: servers.webhookUrls,
      redeliver: true,
      duplicateEvery: plan.duplicateEvery,
      channelSecret: CHANNEL_SECRET,
      platform: driverPlatform,
      // A killed process's claimed messages wait out their claim (~20 s) before another sends them.
      answerTimeoutMs: 90_000,
      redeliveryLimitMs: 90_000,
      eventClockOffsetMs,
    };

    const early = await runLoad({
      ...common,
      users: plan.earlyUsers,
      scriptFor: (i) => bookingScript(personaFor(1_000_000 + i)),
      maxRunMs: EARLY_LIMIT_MS,
    });
    const earlyBookings = await db.all<{ id: string; line_user_id: string }>('SELECT id, line_user_id FROM bookings');

    let loadRunning = true;
    let jobs = new Map<string, string>();
    let jobsDuringLoad = false;
    let jobsStarted = false;
    let killedDuringLoad: boolean | null = null;
    let inFlightAtKill = new Set<number>();
    let restartedDuringLoad: boolean | null = null;
    const sideWork: Promise<void>[] = [];
    const expectedEvents = plan.users * EVENTS_PER_USER;
    const loadStarted = performance.now();
    const reached = (sent: number, m: Moment) =>
      sent >= expectedEvents * m.share || performance.now() - loadStarted >= m.afterMs;
    const onProgress = (sent: number) => {
      // Whichever comes first, the jobs or the kill: each happens once.
      if (!jobsStarted && reached(sent, plan.jobsAt)) {
        jobsStarted = true;
        sideWork.push(
          makeJobsDue(db, earlyBookings, serverNow()).then((made) => {
            jobs = made;
            jobsDuringLoad = loadRunning;
          }),
        );
      }
      const kill = plan.kill;
      if (kill && killedDuringLoad === null && reached(sent, kill.at)) {
        killedDuringLoad = loadRunning;
        sideWork.push(
          servers
            .kill(kill.index)
            .then(async () => {
              // The replies that had started and were not yet sent: the killed process's among them.
              const rows = await db.all<{ id: number }>(
                "SELECT id FROM outbox WHERE reply_maybe_used = 1 AND status <> 'sent'",
              );
              inFlightAtKill = new Set(rows.map((r) => r.id));
            })
            .then(() => delay(kill.downMs))
            .then(() => servers.restart(kill.index))
            .then(() => {
              restartedDuringLoad = loadRunning;
            }),
        );
      }
    };
    const load = await runLoad({
      ...common,
      users: plan.users,
      scriptFor: (i) => bookingScript(personaFor(i)),
      maxRunMs: plan.loadLimitMs,
      // Longer than a killed process's claims take to run out (~20 s), so only a real stall stops it.
      maxIdleMs: 60_000,
      onProgress,
    }).finally(() => {
      loadRunning = false;
    });
    await Promise.all(sideWork);

    const settleMs = await settle(db, serverNow, plan.settleLimitMs);
    const userIds = [...early.userIds, ...load.userIds];
    const audit = await auditDeliveries({
      db,
      platform,
      tokenOwner,
      userIds,
      acknowledgedEvents: early.events + load.events,
      staffGroupId: STAFF_GROUP,
      jobs,
      inFlightAtKill,
    });
    const bookings = await bookingChecks(db, userIds, plan.capacity, serverNow());
    return {
      load,
      early,
      audit,
      bookingProblems: bookings.problems,
      fullSlots: bookings.fullSlots,
      maxOccupancy: bookings.maxOccupancy,
      jobsMadeDue: jobs.size,
      jobsDuringLoad,
      killedDuringLoad,
      restartedDuringLoad,
      inFlightAtKill: inFlightAtKill.size,
      settleMs,
    };
  } finally {
    await cluster?.stop();
    await platform.close();
    await database.drop();
  }
}
