import { describe, expect, it } from 'vitest';
import { modeledDemand } from '../../bench/demand.js';
import { parseOptions } from '../../bench/options.js';
import { oursOf, renderCapacity } from '../../bench/report.js';
import type { RunSummary } from '../../bench/scenarios.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';

const demand = modeledDemand(defaultOfficeSettings);

function run(overrides: Partial<RunSummary>): RunSummary {
  return {
    kind: 'ours',
    variant: 'ours',
    label: 'ours',
    store: 'sqlite',
    processes: 1,
    round: 1,
    users: 60,
    events: 1140,
    wallSeconds: 10,
    eventsPerSecond: 114,
    ackP50Ms: 3,
    ackP99Ms: 9,
    answerP50Ms: 4,
    answerP99Ms: 12,
    serverCpuMsPerEvent: 2.5,
    peakRssMb: 200,
    peakRssPerProcessMb: [200],
    dbMb: 10,
    postgresTransactions: null,
    completed: 60,
    failed: 0,
    stopped: 0,
    usersWithRefusal: 0,
    refusals: 0,
    driverCpuShare: 0.2,
    failureReasons: [],
    warmupUsers: 5,
    warmupFailed: 0,
    ...overrides,
  };
}

const baseline = run({ kind: 'baseline', variant: 'baseline', label: 'baseline', store: null, dbMb: null });
const floor = run({ kind: 'floor', variant: 'floor', label: 'floor' });

describe('capacity table with the store flags', () => {
  it('keeps one "ours" column and no PostgreSQL lines without the flags', () => {
    const text = renderCapacity([run({}), baseline, floor], parseOptions([], {}), demand);
    expect(text).toMatch(/^median of rounds +ours +baseline +floor +ours\/baseline +floor\/baseline +target/m);
    expect(text).toContain('database + WAL (MiB)');
    expect(text).not.toMatch(/PG|PostgreSQL|per process/);
  });

  it('shows SQLite, PostgreSQL and two processes side by side, with RSS per process and the rollback share', () => {
    const o = parseOptions(['--store', 'both', '--processes', '2'], {});
    const runs = [
      run({ label: 'ours SQLite' }),
      run({
        variant: 'oursPostgres',
        label: 'ours PG',
        store: 'postgres',
        postgresTransactions: { committed: 300, rolledBack: 100, deadlocks: 0 },
      }),
      run({
        variant: 'oursPostgresX2',
        label: 'ours PG x2',
        store: 'postgres',
        processes: 2,
        peakRssMb: 330,
        peakRssPerProcessMb: [170, 160],
        postgresTransactions: { committed: 200, rolledBack: 200, deadlocks: 1 },
      }),
      baseline,
      floor,
    ];
    expect(oursOf(runs).map((v) => v.label)).toEqual(['ours SQLite', 'ours PG', 'ours PG x2']);
    const text = renderCapacity(runs, o, demand);
    expect(text).toMatch(/^median of rounds +ours SQLite +ours PG +ours PG x2 +baseline +floor +SQLite\/baseline/m);
    expect(text).toMatch(/^server peak RSS, summed \(MiB\) +200\.0 +200\.0 +330\.0 /m);
    expect(text).toMatch(/^peak RSS per process \(MiB\) +200\.0 +200\.0 +170\.0 \/ 160\.0 /m);
    expect(text).toContain('database size (MiB)');
    expect(text).toContain('ours PG #1: 300 transactions committed, 100 rolled back (25.0 %), 0 deadlock(s)');
    expect(text).toContain('ours PG x2 #1: 200 transactions committed, 200 rolled back (50.0 %), 1 deadlock(s)');
    expect(text).not.toContain('ours SQLite #1: ');
  });
});
