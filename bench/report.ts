/**
 * Turns the figures into the tables printed on stdout and the JSON written to bench-output/.
 * Targets from issue 6 are shown beside the figures, as information: nothing here fails a run.
 */
import type { Demand } from './demand.js';
import type { MachineInfo } from './machine.js';
import { GROWTH_WARMUP_MAX, type BenchOptions } from './options.js';
import type { GrowthRow, PacedRuns, RunSummary } from './scenarios.js';
import type { CallTiming } from './slot-search.js';
import { withoutPassword } from './bench-database.js';
import { median, ratio } from './stats.js';
import { num, table, times } from './table.js';

type Numeric = { [K in keyof RunSummary]: RunSummary[K] extends number | null ? K : never }[keyof RunSummary];

type Medians = Record<Numeric, number>;

/** The median across rounds of every figure, per server ('ours', 'oursPostgres', 'baseline'...: RunSummary.variant). */
export function mediansOf(runs: readonly RunSummary[], variant: string): Medians {
  const mine = runs.filter((r) => r.variant === variant);
  const fields: Numeric[] = [
    'users',
    'events',
    'wallSeconds',
    'eventsPerSecond',
    'ackP50Ms',
    'ackP99Ms',
    'answerP50Ms',
    'answerP99Ms',
    'serverCpuMsPerEvent',
    'peakRssMb',
    'dbMb',
    'completed',
    'failed',
    'stopped',
    'usersWithRefusal',
    'refusals',
    'driverCpuShare',
    'round',
    'processes',
  ];
  return Object.fromEntries(fields.map((f) => [f, median(mine.map((r) => r[f] ?? Number.NaN))])) as Record<
    Numeric,
    number
  >;
}

function verdict(met: boolean | null): string {
  return met === null ? '' : met ? 'met' : 'NOT met';
}

export function renderHeader(machine: MachineInfo, o: BenchOptions, startedAt: string): string {
  return [
    `Booking assistant benchmark  ${startedAt}${o.quick ? '  (QUICK smoke run: tiny sizes, figures not meaningful)' : ''}`,
    `Machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GiB, ${machine.platform}, Node ${machine.node}`,
    `Code: commit ${machine.commit}${machine.changedFiles ? ` plus ${machine.changedFiles} changed tracked file(s)` : ''}. Load average at start: ${machine.loadAverage.join(' ')} (other work skews every figure)`,
    `Server: createApp in its own process; SQLite file in ${machine.tempFs} temp dir, WAL, every commit synced before it is acted on; LOG_LEVEL=silent;`,
    '        LINE API = fake LINE platform on 127.0.0.1 in the bench process, with the load driver.',
    `Clock: APP_NOW=${o.appNow}. SLOT_CAPACITY=${o.capacity} in the comparison so all ${o.users} users find room.`,
    o.warmupUsers > 0
      ? `Warm-up: before every measured run, ${o.warmupUsers} users (growth runs ${Math.min(o.warmupUsers, GROWTH_WARMUP_MAX)}) go through whole conversations with no pause on the\n` +
        '         same server, unmeasured (--warmup), so the figures are those of a warmed-up server.'
      : 'Warm-up: none (--warmup 0); the first burst of cold requests is measured.',
    ...(o.store === 'sqlite'
      ? []
      : [
          `PostgreSQL (section 1 only, --store ${o.store}${o.processes > 1 ? ` --processes ${o.processes}` : ''}): ${withoutPassword(o.databaseUrl)}; every run of ours on a`,
          '         fresh database of its own (CREATE DATABASE, migrated by the server, dropped after), DATABASE_URL to every server process.',
        ]),
  ].join('\n');
}

const BASELINE_NOTE = [
  '   Baseline = express + SDK middleware + one reply per event, answered after its reply as in the echo-bot example,',
  '   so its ack includes the reply; ours acks first, answers after.',
];

const FLOOR_NOTE = [
  '   Floor = the baseline plus what any bot that must not lose a message does: the event stored before the ack and a',
  '   per-chat state row read and written before the reply, in shared synchronous=FULL commits (better-sqlite3, no',
  '   query builder, no conversation). Ours minus floor is the cost of the product itself.',
];

function runOutcome(r: RunSummary): string {
  return `${r.completed}/${r.users} / ${r.failed} / ${r.stopped}`;
}

/** The servers of ours in a set of runs, in the order they ran: one, or several with --store/--processes. */
export function oursOf(runs: readonly RunSummary[]): { variant: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const r of runs) if (r.kind === 'ours' && !seen.has(r.variant)) seen.set(r.variant, r.label);
  return [...seen].map(([variant, label]) => ({ variant, label }));
}

/** One figure of each server of ours: alone as it was, or labelled when there are several. */
function perOurs(ours: readonly { label: string }[], figures: readonly string[]): string {
  return ours.length === 1 ? (figures[0] ?? '-') : ours.map((v, i) => `${v.label} ${figures[i] ?? '-'}`).join(', ');
}

/** Median per process index across rounds, e.g. '203.1 / 198.4' for two processes. */
function rssPerProcess(runs: readonly RunSummary[], variant: string): string {
  const mine = runs.filter((r) => r.variant === variant);
  const processes = Math.max(0, ...mine.map((r) => r.peakRssPerProcessMb.length));
  return Array.from({ length: processes }, (_, i) =>
    num(median(mine.map((r) => r.peakRssPerProcessMb[i] ?? Number.NaN)), 1),
  ).join(' / ');
}

/** Share of rolled-back transactions in a PostgreSQL run, mostly serialization retries. */
function postgresLine(r: RunSummary): string | null {
  const t = r.postgresTransactions;
  if (!t) return null;
  const share = ratio(t.rolledBack, t.committed + t.rolledBack) * 100;
  return `   ${r.label} #${r.round}: ${t.committed.toLocaleString('en-US')} transactions committed, ${t.rolledBack.toLocaleString('en-US')} rolled back (${num(share, 1)} %), ${t.deadlocks} deadlock(s)`;
}

/** Section 1: alternating rounds at saturation; only events per second is judged here. */
export function renderCapacity(runs: readonly RunSummary[], o: BenchOptions, demand: Demand): string {
  const oursList = oursOf(runs);
  const ours = oursList.map((v) => mediansOf(runs, v.variant));
  const base = mediansOf(runs, 'baseline');
  const floor = o.skipFloor ? null : mediansOf(runs, 'floor');
  const eventsRatios = ours.map((m) => ratio(m.eventsPerSecond, base.eventsPerSecond));
  const peak = demand.peakEventsPerSecond;
  const onPostgres = runs.some((r) => r.store === 'postgres');
  const severalProcesses = runs.some((r) => r.processes > 1);
  const row = (
    label: string,
    pick: (m: Medians) => number,
    digits: number,
    target = '',
    met: ((m: Medians) => boolean) | null = null,
  ) => [
    label,
    ...ours.map((m) => num(pick(m), digits)),
    num(pick(base), digits),
    ...(floor ? [num(pick(floor), digits)] : []),
    ...ours.map((m) => times(ratio(pick(m), pick(base)))),
    ...(floor ? [times(ratio(pick(floor), pick(base)))] : []),
    target,
    met ? ours.map((m) => verdict(met(m))).join(' / ') : '',
  ];
  const blanks = (n: number) => Array.from({ length: n }, () => '');
  const summary = table(
    [
      'median of rounds',
      ...oursList.map((v) => v.label),
      'baseline',
      ...(floor ? ['floor'] : []),
      // Several servers of ours: 'SQLite/baseline', 'PG/baseline'... keep the table narrow.
      ...oursList.map((v) => `${oursList.length > 1 ? v.label.replace(/^ours /, '') : v.label}/baseline`),
      ...(floor ? ['floor/baseline'] : []),
      'target',
      '',
    ],
    [
      row(
        'events per second',
        (m) => m.eventsPerSecond,
        1,
        `>= ${num(peak, 0)} (demand)`,
        (m) => m.eventsPerSecond >= peak,
      ),
      row('ack latency p50 (ms)', (m) => m.ackP50Ms, 1),
      row('ack latency p99 (ms)', (m) => m.ackP99Ms, 1),
      row('event-to-answer p50 (ms)', (m) => m.answerP50Ms, 1),
      row('event-to-answer p99 (ms)', (m) => m.answerP99Ms, 1),
      row('server CPU per event (ms)', (m) => m.serverCpuMsPerEvent, 2),
      row(severalProcesses ? 'server peak RSS, summed (MiB)' : 'server peak RSS (MiB)', (m) => m.peakRssMb, 1),
      ...(severalProcesses
        ? [
            [
              'peak RSS per process (MiB)',
              ...oursList.map((v) => rssPerProcess(runs, v.variant)),
              rssPerProcess(runs, 'baseline'),
              ...(floor ? [rssPerProcess(runs, 'floor')] : []),
              ...blanks(oursList.length + (floor ? 1 : 0) + 2),
            ],
          ]
        : []),
      [
        onPostgres ? 'database size (MiB)' : 'database + WAL (MiB)',
        ...ours.map((m) => num(m.dbMb, 1)),
        '-',
        ...(floor ? [num(floor.dbMb, 1)] : []),
        ...blanks(oursList.length + (floor ? 1 : 0) + 2),
      ],
      row('driver+platform CPU (cores)', (m) => m.driverCpuShare, 2),
    ],
  );
  const perRound = table(
    [
      'run',
      'events/s',
      'ack p50',
      'ack p99',
      'answer p50',
      'answer p99',
      'CPU ms/ev',
      'RSS MiB',
      'DB MiB',
      'done',
      'failed',
      'stopped',
      're-asked',
    ],
    runs.map((r) => [
      `${r.label} #${r.round}`,
      num(r.eventsPerSecond, 1),
      num(r.ackP50Ms, 1),
      num(r.ackP99Ms, 1),
      num(r.answerP50Ms, 1),
      num(r.answerP99Ms, 1),
      num(r.serverCpuMsPerEvent, 2),
      num(r.peakRssMb, 1),
      num(r.dbMb, 1),
      `${r.completed}/${r.users}`,
      r.failed,
      r.stopped,
      r.kind === 'ours' ? `${r.usersWithRefusal} (${r.refusals})` : '-',
    ]),
  );
  const failures = runs.flatMap((r) => r.failureReasons.map((f) => `  ${r.label} #${r.round}: ${f}`));
  const postgresLines = runs.map(postgresLine).filter((line): line is string => line !== null);
  return [
    `1. Capacity: ${o.users} users at once, 19 events each, every step right after the previous answer (no pause:`,
    `   a saturation test, so events/s is capacity). ${o.rounds} round(s), ${o.skipFloor ? 'ours and baseline' : 'ours, baseline and floor'} alternating.`,
    ...BASELINE_NOTE,
    ...(o.skipFloor ? [] : FLOOR_NOTE),
    ...(onPostgres
      ? [
          '   PG = ours on PostgreSQL, a fresh database per run; PG xN = N server processes on that one database, the',
          '   load posted to them in turn, their CPU and peak RSS summed. Database size: SQLite file + WAL, PostgreSQL',
          '   pg_database_size, right after the run (warm-up included). Baseline and floor are the same in every column.',
        ]
      : []),
    '',
    summary,
    '',
    `   Target: ${num(peak, 1)} events/s, ten times the average demand of 1,000 offices over office hours (${demand.sessionsPerOfficePerWeek}`,
    oursList.length === 1
      ? `   sessions per office per week, 3 whole conversations each; bench/demand.ts). Ours is ${times(ratio(ours[0]?.eventsPerSecond ?? Number.NaN, peak))} that.`
      : `   sessions per office per week, 3 whole conversations each; bench/demand.ts). Against it: ${perOurs(
          oursList,
          ours.map((m) => times(ratio(m.eventsPerSecond, peak))),
        )}.`,
    oursList.length === 1
      ? `   Issue 6 first asked for 0.8x the baseline: ours is ${times(eventsRatios[0])} (${verdict((eventsRatios[0] ?? Number.NaN) >= 0.8)}); bench/README.md says why the demand target replaced it.`
      : `   Issue 6 first asked for 0.8x the baseline: ${perOurs(
          oursList,
          eventsRatios.map((r) => `${times(r)} (${verdict(r >= 0.8)})`),
        )}; bench/README.md says why the demand target replaced it.`,
    '',
    `   Latencies here include queueing: ${o.users} users answering instantly keep the server saturated. The latency targets`,
    `   are judged on the paced run (section 2)${o.skipPaced ? ', left out of this run (--skip-paced)' : ''}.`,
    '',
    perRound,
    '   re-asked = users asked again for a date or time because the slot filled meanwhile (re-asks in all)',
    `   stopped = users still mid-conversation at the ${o.runLimitSeconds} s limit of a run (--run-limit); figures cover what was done`,
    ...(postgresLines.length
      ? [
          "   PostgreSQL transactions in each run's database (pg_stat_database; start-up and warm-up included, each read",
          '   outside a transaction counted as one): a rollback is a serialization or deadlock retry, which the server',
          '   runs again, or a transaction that failed.',
          ...postgresLines,
        ]
      : []),
    ...(failures.length ? ['   failures:', ...failures] : []),
  ].join('\n');
}

/** Section 2: one paced run each; the latency targets are judged here. */
export function renderPaced(paced: PacedRuns, o: BenchOptions): string {
  const { ours, baseline: base } = paced;
  const row = (label: string, a: number, b: number, digits: number, target = '', met: boolean | null = null) => [
    label,
    num(a, digits),
    num(b, digits),
    times(ratio(a, b)),
    target,
    verdict(met),
  ];
  const summary = table(
    ['one run each', 'ours', 'baseline', 'ours/baseline', 'target', ''],
    [
      row('ack latency p50 (ms)', ours.ackP50Ms, base.ackP50Ms, 1),
      row('ack latency p99 (ms)', ours.ackP99Ms, base.ackP99Ms, 1, '< 50 ms', ours.ackP99Ms < 50),
      row('event-to-answer p50 (ms)', ours.answerP50Ms, base.answerP50Ms, 1),
      row('event-to-answer p99 (ms)', ours.answerP99Ms, base.answerP99Ms, 1, '< 200 ms', ours.answerP99Ms < 200),
      row('events per second (offered load)', ours.eventsPerSecond, base.eventsPerSecond, 1),
      row('server CPU per event (ms)', ours.serverCpuMsPerEvent, base.serverCpuMsPerEvent, 2),
      ['users done / failed / stopped', runOutcome(ours), runOutcome(base), '', '', ''],
    ],
  );
  const incomplete = ours.failed + ours.stopped + base.failed + base.stopped > 0;
  const failures = [ours, base].flatMap((r) => r.failureReasons.map((f) => `  ${r.kind}: ${f}`));
  return [
    `2. Latency at ${o.users} concurrent users, paced: the same conversations, each user pausing ${o.pacedThinkMs} ms on average`,
    '   (0.5x to 1.5x) before every step, first steps spread over one pause, as people reading and tapping would.',
    '   The server is then not saturated: the latencies show how fast it answers, not how long its queue is, and',
    '   events/s is the load offered by the users, not a capacity. One run of ours, then one of the baseline.',
    ...BASELINE_NOTE,
    '',
    summary,
    '',
    `   stopped = users still mid-conversation at the ${o.pacedRunLimitSeconds} s limit of a paced run (--paced-run-limit)`,
    ...(incomplete ? ['   some users did not finish: the figures cover what was done'] : []),
    `   re-asked (ours): ${ours.usersWithRefusal} users asked again for a date or time (${ours.refusals} re-asks in all)`,
    ...(failures.length ? ['   failures:', ...failures] : []),
  ].join('\n');
}

export function renderGrowth(rows: readonly GrowthRow[]): string {
  const first = rows[0];
  const rel = (a: number, b: number | undefined) => times(ratio(a, b ?? Number.NaN));
  const body = table(
    [
      'stored users+bookings',
      'ahead',
      'answer p50 ms',
      'vs first',
      'CPU ms/event',
      'vs first',
      'peak RSS MiB',
      'vs first',
      'DB MiB',
      'events/s',
      'done',
      'stopped',
    ],
    rows.map((r) => [
      r.stored.toLocaleString('en-US'),
      r.futureBookings.toLocaleString('en-US'),
      num(r.answerP50Ms, 1),
      rel(r.answerP50Ms, first?.answerP50Ms),
      num(r.serverCpuMsPerEvent, 2),
      rel(r.serverCpuMsPerEvent, first?.serverCpuMsPerEvent),
      num(r.peakRssMb, 1),
      rel(r.peakRssMb, first?.peakRssMb),
      num(r.dbMb, 1),
      num(r.eventsPerSecond, 1),
      `${r.completed}/${r.users}`,
      r.stopped,
    ]),
  );
  const last = rows[rows.length - 1];
  const cost = last && first ? ratio(last.serverCpuMsPerEvent, first.serverCpuMsPerEvent) : Number.NaN;
  return [
    `3. Growth: ${first?.users ?? 0} new users book while the database already holds N users, each with an idle`,
    '   conversation and one booking (2 years of history plus the horizon; "ahead" = bookings from now on)',
    '',
    body,
    '',
    `   CPU per event at the largest size: ${times(cost)} the smallest (target within 1.3x: ${verdict(cost <= 1.3)})`,
  ].join('\n');
}

export function renderSlotSearch(timings: readonly CallTiming[], o: BenchOptions): string {
  return [
    `4. Slot search, 8-week horizon, ${o.slotSearchBookings.toLocaleString('en-US')} bookings stored (all inside the horizon), per call`,
    '',
    table(
      ['call', 'median us', 'p99 us', 'calls', 'result size'],
      timings.map((t) => [t.name, num(t.medianUs, 1), num(t.p99Us, 1), t.calls, t.resultSize]),
    ),
  ].join('\n');
}

export interface TargetInputs {
  runs: readonly RunSummary[];
  paced: PacedRuns | null;
  growth: readonly GrowthRow[];
  demand: Demand;
}

/** Every target of issue 6 in one place, each with the figure that judges it; figures left out of the run show '-'. */
export function renderTargets({ runs, paced, growth, demand }: TargetInputs): string {
  const oursList = oursOf(runs);
  const base = mediansOf(runs, 'baseline');
  const first = growth[0];
  const last = growth.length > 1 ? growth[growth.length - 1] : undefined;
  const growthRatio = (pick: (r: GrowthRow) => number) => (first && last ? ratio(pick(last), pick(first)) : Number.NaN);
  const cpuGrowth = growthRatio((r) => r.serverCpuMsPerEvent);
  const rssGrowth = growthRatio((r) => r.peakRssMb);
  const judged = (value: number, met: boolean) => (Number.isFinite(value) ? verdict(met) : 'not run');
  const rows: (readonly string[])[] = [
    [
      'ack p99, paced',
      '< 50 ms',
      paced ? `${num(paced.ours.ackP99Ms, 1)} ms` : '-',
      paced ? verdict(paced.ours.ackP99Ms < 50) : 'not run',
    ],
    [
      'event-to-answer p99, paced',
      '< 200 ms',
      paced ? `${num(paced.ours.answerP99Ms, 1)} ms` : '-',
      paced ? verdict(paced.ours.answerP99Ms < 200) : 'not run',
    ],
    ...oursList.map(({ variant, label }) => {
      const ours = mediansOf(runs, variant);
      return [
        `events/s at saturation${oursList.length > 1 ? `, ${label}` : ''}`,
        `>= ${num(demand.peakEventsPerSecond, 0)} (10x demand of 1,000 offices)`,
        num(ours.eventsPerSecond, 1),
        judged(ours.eventsPerSecond, ours.eventsPerSecond >= demand.peakEventsPerSecond),
      ];
    }),
    ['CPU per event, largest vs smallest store', '<= 1.3x', times(cpuGrowth), judged(cpuGrowth, cpuGrowth <= 1.3)],
    ['peak RSS, largest vs smallest store', '<= 1.2x (flat)', times(rssGrowth), judged(rssGrowth, rssGrowth <= 1.2)],
    ...oursList.map(({ variant, label }) => {
      const eventsRatio = ratio(mediansOf(runs, variant).eventsPerSecond, base.eventsPerSecond);
      return [
        `replaced: events/s vs echo baseline${oursList.length > 1 ? `, ${label}` : ''}`,
        '>= 0.8x',
        times(eventsRatio),
        judged(eventsRatio, eventsRatio >= 0.8),
      ];
    }),
  ];
  return [
    'Targets (issue 6; figures are medians of rounds where there are rounds)',
    '',
    table(['figure', 'target', 'ours', ''], rows),
  ].join('\n');
}
