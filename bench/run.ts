/**
 * `npm run bench -- [flags]`: whole conversations against the baseline (capacity at saturation,
 * then latency paced), growth runs and the slot search, in one run. Progress goes to stderr, tables to stdout, figures to bench-output/latest.json.
 * See options.ts for the flags.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkPostgresReachable, withoutPassword } from './bench-database.js';
import { machineInfo } from './machine.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { defaultOfficeSettings } from '../src/office/settings.js';
import { modeledDemand } from './demand.js';
import {
  mediansOf,
  oursOf,
  renderCapacity,
  renderGrowth,
  renderHeader,
  renderPaced,
  renderSlotSearch,
  renderTargets,
} from './report.js';
import { compareWithBaseline, growthRuns, pacedComparison, slotSearch, type Log } from './scenarios.js';

const began = Date.now();
const log: Log = (message) =>
  process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

async function main(o: BenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const t0 = Date.now();
  process.stdout.write(`${renderHeader(machine, o, startedAt)}\n\n`);

  // The office's own defaults, not the bench's raised capacity: demand is what real slots allow.
  const demand = modeledDemand(defaultOfficeSettings);
  const runs = await compareWithBaseline(o, log);
  process.stdout.write(`${renderCapacity(runs, o, demand)}\n\n`);

  const paced = o.skipPaced ? null : await pacedComparison(o, log);
  if (paced) process.stdout.write(`${renderPaced(paced, o)}\n\n`);

  const growth = o.skipGrowth ? [] : await growthRuns(o, log);
  if (!o.skipGrowth) process.stdout.write(`${renderGrowth(growth)}\n\n`);

  const slots = await slotSearch(o, log);
  process.stdout.write(`${renderSlotSearch(slots, o)}\n\n`);

  process.stdout.write(`${renderTargets({ runs, paced, growth, demand })}\n\n`);

  const seconds = (Date.now() - t0) / 1000;
  const loadAtEnd = machineInfo().loadAverage;
  process.stdout.write(`Finished in ${seconds.toFixed(0)} s; load average at end: ${loadAtEnd.join(' ')}\n`);

  const output = {
    startedAt,
    seconds,
    machine,
    loadAverageAtEnd: loadAtEnd,
    options: { ...o, databaseUrl: withoutPassword(o.databaseUrl) },
    comparison: {
      medians: {
        // 'ours' is the single process on SQLite; PostgreSQL runs add 'oursPostgres', 'oursPostgresX2'...
        ...Object.fromEntries(oursOf(runs).map(({ variant }) => [variant, mediansOf(runs, variant)])),
        baseline: mediansOf(runs, 'baseline'),
        floor: o.skipFloor ? null : mediansOf(runs, 'floor'),
      },
      runs,
    },
    paced,
    growth,
    slotSearch: slots,
    demand,
  };
  fs.mkdirSync(path.dirname(o.outputFile), { recursive: true });
  fs.writeFileSync(o.outputFile, `${JSON.stringify(output, null, 2)}\n`);
  log(`figures written to ${o.outputFile}`);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e: unknown) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
// A PostgreSQL server that cannot be used stops the run before any run, in one line naming the flag or variable.
const ready =
  options.store === 'sqlite'
    ? Promise.resolve()
    : checkPostgresReachable(options.databaseUrl, options.databaseUrlSource);
ready
  .then(
    () => main(options),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  )
  .catch((e: unknown) => {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
