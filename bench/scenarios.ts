/**
 * The three parts of the benchmark: whole conversations against the baseline (alternating
 * rounds), the growth runs over seeded databases, and the slot search per call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { blindScript, bookingScript, personaFor } from './conversation-script.js';
import { measuredRun, type RunFigures, type ServerKind } from './measured-run.js';
import type { BenchOptions } from './options.js';
import { seedDatabase } from './seed.js';
import { benchSlotSearch, type CallTiming } from './slot-search.js';
import { quantile } from './stats.js';

export type Log = (message: string) => void;

/** The figures of one run, without the raw samples. */
export interface RunSummary {
  kind: ServerKind;
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
  peakRssMb: number;
  dbMb: number | null;
  completed: number;
  failed: number;
  stopped: number;
  usersWithRefusal: number;
  refusals: number;
  driverCpuShare: number;
  failureReasons: string[];
}

function summarizeRun(r: RunFigures, round: number): RunSummary {
  return {
    kind: r.kind,
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
    dbMb: r.dbMb,
    completed: r.completed,
    failed: r.failed,
    stopped: r.stopped,
    usersWithRefusal: r.usersWithRefusal,
    refusals: r.refusals,
    driverCpuShare: r.driverCpuShare,
    failureReasons: [...new Set(r.failureReasons)].slice(0, 5),
  };
}

function progress(log: Log, label: string, total: number) {
  return (sent: number) => log(`  ${label}: ${sent}/${total} events`);
}

const EVENTS_PER_USER = 19;

/** Ours, baseline, ours, baseline...: drift of the machine during the run touches both alike. */
export async function compareWithBaseline(o: BenchOptions, log: Log): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  for (let round = 1; round <= o.rounds; round += 1) {
    for (const kind of ['ours', 'baseline'] as const) {
      const label = `${kind} round ${round}/${o.rounds}`;
      log(`${label}: ${o.users} users`);
      const figures = await measuredRun({
        kind,
        users: o.users,
        scriptFor: (i) => (kind === 'ours' ? bookingScript : blindScript)(personaFor(i)),
        env: { APP_NOW: o.appNow, SLOT_CAPACITY: String(o.capacity) },
        thinkMs: o.thinkMs,
        maxRunMs: o.runLimitSeconds * 1000,
        onProgress: progress(log, label, o.users * EVENTS_PER_USER),
      });
      runs.push(summarizeRun(figures, round));
    }
  }
  return runs;
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
      const { futureBookings } = await seedDatabase({ path: sqlitePath, count: stored, now: o.appNow, settings: config.office, termsVersion: config.terms.version });
      const seedSeconds = (performance.now() - started) / 1000;
      const label = `growth ${stored.toLocaleString('en-US')}`;
      log(`${label}: ${o.growthUsers} users (seeded in ${seedSeconds.toFixed(1)} s)`);
      const figures = await measuredRun({
        kind: 'ours',
        users: o.growthUsers,
        // Seeded users are idle; the new ones get numbers after theirs so nothing collides.
        scriptFor: (i) => bookingScript(personaFor(stored + i)),
        sqlitePath,
        env: { APP_NOW: o.appNow, SLOT_CAPACITY: String(o.growthCapacity) },
        maxRunMs: o.growthRunLimitSeconds * 1000,
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
    await seedDatabase({ path: sqlitePath, count: o.slotSearchBookings, now: o.appNow, settings: config.office, termsVersion: config.terms.version, historyDays: 0 });
    return await benchSlotSearch(sqlitePath, config.office, o.appNow, o.slotSearchCalls);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
