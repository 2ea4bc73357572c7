/**
 * The four parts of the benchmark: whole conversations against the baseline at saturation
 * (capacity, alternating rounds) and paced (latency), the growth runs over seeded databases, and
 * the slot search per call. Every measured run starts on a warmed-up server (`--warmup`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { blindScript, bookingScript, personaFor } from './conversation-script.js';
import type { TransactionCounts } from './bench-database.js';
import { measuredRun, type RunFigures, type ServerKind } from './measured-run.js';
import { GROWTH_WARMUP_MAX, type BenchOptions } from './options.js';
import { seedDatabase } from './seed.js';
import { oursVariants, type OursVariant } from './server-variants.js';
import { benchSlotSearch, type CallTiming } from './slot-search.js';
import { quantile } from './stats.js';

export type Log = (message: string) => void;

/** The figures of one run, without the raw samples. */
export interface RunSummary {
  kind: ServerKind;
  /** Which server: 'ours' (SQLite), 'oursPostgres', 'oursPostgresX2'..., 'baseline' or 'floor' (server-variants.ts). */
  variant: string;
  label: string;
  store: 'sqlite' | 'postgres' | null;
  processes: number;
  round: number;
  users: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  answerP50Ms: number;
  answerP99Ms: number;
  serverCpuMsPerEvent: number;
  /** Summed over the server processes; each one's in peakRssPerProcessMb. */
  peakRssMb: number;
  peakRssPerProcessMb: number[];
  dbMb: number | null;
  postgresTransactions: TransactionCounts | null;
  completed: number;
  failed: number;
  stopped: number;
  usersWithRefusal: number;
  refusals: number;
  driverCpuShare: number;
  failureReasons: string[];
  /** Unmeasured users run first on the same server, and how many of them failed or stopped. */
  warmupUsers: number;
  warmupFailed: number;
}

/** A server of ours or a reference server, and how the tables call it. */
type Variant = Pick<RunSummary, 'kind' | 'variant' | 'label'>;

const plain = (kind: ServerKind): Variant => ({ kind, variant: kind, label: kind });

function summarizeRun(r: RunFigures, round: number, variant: Variant = plain(r.kind)): RunSummary {
  return {
    ...variant,
    store: r.store,
    processes: r.processes,
    round,
    users: r.users,
    events: r.events,
    wallSeconds: r.wallMs / 1000,
    eventsPerSecond: r.eventsPerSecond,
    ackP50Ms: quantile(r.ackMs, 0.5),
    ackP99Ms: quantile(r.ackMs, 0.99),
    answerP50Ms: quantile(r.answerMs, 0.5),
    answerP99Ms: quantile(r.answerMs, 0.99),
    serverCpuMsPerEvent: r.serverCpuMsPerEvent,
    peakRssMb: r.peakRssMb,
    peakRssPerProcessMb: r.peakRssPerProcessMb,
    dbMb: r.dbMb,
    postgresTransactions: r.postgresTransactions,
    completed: r.completed,
    failed: r.failed,
    stopped: r.stopped,
    usersWithRefusal: r.usersWithRefusal,
    refusals: r.refusals,
    driverCpuShare: r.driverCpuShare,
    failureReasons: [...new Set(r.failureReasons)].slice(0, 5),
    warmupUsers: r.warmupUsers,
    warmupFailed: r.warmupFailed,
  };
}

function progress(log: Log, label: string, total: number) {
  return (sent: number) => log(`  ${label}: ${sent}/${total} events`);
}

const EVENTS_PER_USER = 19;

/**
 * One run of `o.users` whole conversations against ours (on SQLite unless `ours` says otherwise)
 * or a reference server, after the warm-up.
 */
async function comparisonRun(
  o: BenchOptions,
  log: Log,
  kind: ServerKind,
  label: string,
  thinkMs: number,
  maxRunSeconds: number,
  ours?: OursVariant,
): Promise<RunFigures> {
  log(
    `${label}: ${o.users} users${thinkMs > 0 ? `, pausing ${thinkMs} ms on average` : ''}${o.warmupUsers > 0 ? `, after a warm-up of ${o.warmupUsers}` : ''}`,
  );
  return measuredRun({
    kind,
    users: o.users,
    scriptFor: (i) => (kind === 'ours' ? bookingScript : blindScript)(personaFor(i)),
    env: { APP_NOW: o.appNow, SLOT_CAPACITY: String(o.capacity) },
    thinkMs,
    maxRunMs: maxRunSeconds * 1000,
    warmupUsers: o.warmupUsers,
    onProgress: progress(log, label, o.users * EVENTS_PER_USER),
    postgres: ours?.store === 'postgres' ? { adminUrl: o.databaseUrl, processes: ours.processes } : undefined,
  });
}

/**
 * Capacity: no pause between steps (saturation). Ours, baseline, floor, ours, baseline...: drift
 * of the machine during the run touches all alike.
 */
export async function compareWithBaseline(o: BenchOptions, log: Log): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  const servers: { variant: Variant; ours?: OursVariant }[] = [
    ...oursVariants(o).map((ours) => ({
      variant: { kind: 'ours' as const, variant: ours.key, label: ours.label },
      ours,
    })),
    { variant: plain('baseline') },
    ...(o.skipFloor ? [] : [{ variant: plain('floor') }]),
  ];
  for (let round = 1; round <= o.rounds; round += 1) {
    for (const { variant, ours } of servers) {
      const figures = await comparisonRun(
        o,
        log,
        variant.kind,
        `capacity: ${variant.label} round ${round}/${o.rounds}`,
        0,
        o.runLimitSeconds,
        ours,
      );
      runs.push(summarizeRun(figures, round, variant));
    }
  }
  return runs;
}

export interface PacedRuns {
  ours: RunSummary;
  baseline: RunSummary;
}

/**
 * Latency: the same users pausing `pacedThinkMs` on average between steps, as people do, so the
 * server is not saturated and the latencies show how fast it answers rather than how long the
 * queue is. One run of ours, then one of the baseline.
 */
export async function pacedComparison(o: BenchOptions, log: Log): Promise<PacedRuns> {
  const ours = summarizeRun(
    await comparisonRun(o, log, 'ours', 'paced: ours', o.pacedThinkMs, o.pacedRunLimitSeconds),
    1,
  );
  const baseline = summarizeRun(
    await comparisonRun(o, log, 'baseline', 'paced: baseline', o.pacedThinkMs, o.pacedRunLimitSeconds),
    1,
  );
  return { ours, baseline };
}

export interface GrowthRow extends RunSummary {
  stored: number;
  futureBookings: number;
  seedSeconds: number;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'booking-bench-'));
}

/** New users book while 1k, 10k, 100k users and bookings are already stored. */
export async function growthRuns(o: BenchOptions, log: Log): Promise<GrowthRow[]> {
  const config = loadConfig({ SLOT_CAPACITY: String(o.growthCapacity) });
  const rows: GrowthRow[] = [];
  for (const stored of o.growthSizes) {
    const dir = tempDir();
    try {
      const sqlitePath = path.join(dir, 'booking.db');
      log(`growth: seeding ${stored.toLocaleString('en-US')} users and bookings`);
      const started = performance.now();
      const { futureBookings } = await seedDatabase({
        path: sqlitePath,
        count: stored,
        now: o.appNow,
        settings: config.office,
        termsVersion: config.terms.version,
      });
      const seedSeconds = (performance.now() - started) / 1000;
      const label = `growth ${stored.toLocaleString('en-US')}`;
      const warmupUsers = Math.min(o.warmupUsers, GROWTH_WARMUP_MAX);
      log(
        `${label}: ${o.growthUsers} users (seeded in ${seedSeconds.toFixed(1)} s)${warmupUsers > 0 ? `, after a warm-up of ${warmupUsers}` : ''}`,
      );
      const figures = await measuredRun({
        kind: 'ours',
        users: o.growthUsers,
        // Seeded users are idle; the new ones get numbers after theirs so nothing collides (the
        // warm-up users, numbered a million further on, book into the seeded database too).
        scriptFor: (i) => bookingScript(personaFor(stored + i)),
        sqlitePath,
        env: { APP_NOW: o.appNow, SLOT_CAPACITY: String(o.growthCapacity) },
        maxRunMs: o.growthRunLimitSeconds * 1000,
        warmupUsers,
        onProgress: progress(log, label, o.growthUsers * EVENTS_PER_USER),
      });
      rows.push({ ...summarizeRun(figures, 1), stored, futureBookings, seedSeconds });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Per-call cost of the slot search with `slotSearchBookings` bookings stored. */
export async function slotSearch(o: BenchOptions, log: Log): Promise<CallTiming[]> {
  const config = loadConfig({ SLOT_CAPACITY: String(o.growthCapacity) });
  const dir = tempDir();
  try {
    const sqlitePath = path.join(dir, 'booking.db');
    log(`slot search: seeding ${o.slotSearchBookings} bookings, timing ${o.slotSearchCalls} calls`);
    // No history: every booking lies inside the horizon, where the search has to count it.
    await seedDatabase({
      path: sqlitePath,
      count: o.slotSearchBookings,
      now: o.appNow,
      settings: config.office,
      termsVersion: config.terms.version,
      historyDays: 0,
    });
    return await benchSlotSearch(sqlitePath, config.office, o.appNow, o.slotSearchCalls);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
