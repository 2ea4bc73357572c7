/** Command-line flags of `npm run bench -- [flags]`. */

export interface BenchOptions {
  /** Concurrent users in the comparison with the baseline. */
  users: number;
  /** Mean pause between a user's steps in the comparison; 0 = answer at once (saturation). */
  thinkMs: number;
  /** Time limit of one comparison run and of one growth run, in seconds (keeps the total bounded). */
  runLimitSeconds: number;
  growthRunLimitSeconds: number;
  /** Rounds of (ours, baseline), alternating. */
  rounds: number;
  skipGrowth: boolean;
  /** Stored users (and bookings) before each growth run. */
  growthSizes: number[];
  /** Concurrent users driven in each growth run. */
  growthUsers: number;
  /** Calls timed per pure slot-search function (database calls: a fifth of this). */
  slotSearchCalls: number;
  /** Bookings stored for the slot search. */
  slotSearchBookings: number;
  /** Where the clock starts: a weekday morning in Japan, so the horizon has slots. */
  appNow: string;
  /** Slot capacity for the comparison: high enough that every user finds room. */
  capacity: number;
  /** Slot capacity for the growth runs: room for the seeded future bookings plus the new users. */
  growthCapacity: number;
  quick: boolean;
  outputFile: string;
}

export const USAGE = `usage: npm run bench -- [--users N] [--rounds N] [--skip-growth] [--growth-sizes 1000,10000,100000]
                        [--growth-users N] [--think-ms MS] [--run-limit S] [--output FILE] [--quick]
  --think-ms   mean pause of each user between steps in the comparison (default 0: saturation)
  --output     where to write the JSON figures (default bench-output/latest.json)
  --run-limit  seconds after which one run stops, users mid-conversation counted as stopped
               (default 35 per comparison run, 25 per growth run)
  --quick   tiny sizes for a smoke run (4 users, 1 round, growth 100/2000 with 2 users)`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number, got ${value ?? 'nothing'}\n${USAGE}`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const o: BenchOptions = {
    users: quick ? 4 : 200,
    thinkMs: 0,
    runLimitSeconds: quick ? 15 : 35,
    growthRunLimitSeconds: quick ? 10 : 25,
    rounds: quick ? 1 : 3,
    skipGrowth: false,
    growthSizes: quick ? [100, 2_000] : [1_000, 10_000, 100_000],
    growthUsers: quick ? 2 : 30,
    slotSearchCalls: quick ? 300 : 5_000,
    slotSearchBookings: 1_000,
    appNow: '2026-12-01T00:00:00Z',
    capacity: 50,
    growthCapacity: 100,
    quick,
    outputFile: 'bench-output/latest.json',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--quick':
        break;
      case '--users':
        o.users = positiveInt(flag, value);
        i += 1;
        break;
      case '--rounds':
        o.rounds = positiveInt(flag, value);
        i += 1;
        break;
      case '--think-ms':
        o.thinkMs = Number(value);
        if (!Number.isFinite(o.thinkMs) || o.thinkMs < 0) throw new Error(`--think-ms needs a number of milliseconds >= 0\n${USAGE}`);
        i += 1;
        break;
      case '--run-limit':
        o.runLimitSeconds = positiveInt(flag, value);
        o.growthRunLimitSeconds = o.runLimitSeconds;
        i += 1;
        break;
      case '--growth-users':
        o.growthUsers = positiveInt(flag, value);
        i += 1;
        break;
      case '--growth-sizes':
        o.growthSizes = (value ?? '').split(',').map((v) => positiveInt(flag, v));
        i += 1;
        break;
      case '--output':
        if (!value) throw new Error(`--output needs a file name\n${USAGE}`);
        o.outputFile = value;
        i += 1;
        break;
      case '--skip-growth':
        o.skipGrowth = true;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return o;
}
