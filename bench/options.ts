/** Command-line flags of `npm run bench -- [flags]`. */

/** Which store our server runs on in the capacity comparison (section 1). */
export type BenchStore = 'sqlite' | 'postgres' | 'both';

/** Where the PostgreSQL server's URL came from, so a refusal can name what to fix. */
export type DatabaseUrlSource = '--database-url' | 'BENCH_DATABASE_URL' | 'default';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://bot:bot@127.0.0.1:5432/bot_test';

export interface BenchOptions {
  /** Concurrent users in both comparisons with the baseline (capacity and paced). */
  users: number;
  /**
   * Users run through whole conversations, unmeasured, before every measured run (JIT compiled,
   * code paths hot); growth runs use at most 5 of them. 0 = no warm-up.
   */
  warmupUsers: number;
  /** Time limit of one capacity run and of one growth run, in seconds (keeps the total bounded). */
  runLimitSeconds: number;
  growthRunLimitSeconds: number;
  /** Rounds of (ours, baseline, floor), alternating, in the capacity comparison (no pause: saturation). */
  rounds: number;
  /** Mean pause between a user's steps in the paced comparison (section 2). */
  pacedThinkMs: number;
  /** Time limit of each of the two paced runs, in seconds. */
  pacedRunLimitSeconds: number;
  skipPaced: boolean;
  skipGrowth: boolean;
  /** Leave the durable floor out of the capacity rounds (section 1). */
  skipFloor: boolean;
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
  /** Section 1: our server on SQLite, on PostgreSQL, or both side by side (default sqlite). */
  store: BenchStore;
  /** Section 1 on PostgreSQL: server processes sharing one database, load posted round-robin (default 1). */
  processes: number;
  /**
   * A PostgreSQL server and a database on it the role may connect to; every PostgreSQL run creates
   * a database of its own beside it (the role needs CREATEDB) and drops it afterwards.
   */
  databaseUrl: string;
  databaseUrlSource: DatabaseUrlSource;
}

/** Growth runs stay short on seeded databases: a few warm-up users are enough to compile the code. */
export const GROWTH_WARMUP_MAX = 5;

export const USAGE = `usage: npm run bench -- [--users N] [--rounds N] [--warmup N] [--run-limit S]
                        [--paced-think-ms MS] [--paced-run-limit S] [--skip-paced] [--skip-floor]
                        [--growth-sizes 1000,10000,100000] [--growth-users N] [--skip-growth]
                        [--store sqlite|postgres|both] [--processes N] [--database-url URL]
                        [--output FILE] [--quick]
  --users            concurrent users in both comparisons with the baseline (default 200)
  --rounds           alternating rounds of ours, baseline and durable floor in the capacity
                     comparison, section 1 (default 3; users answer at once: saturation)
  --warmup           users run through whole conversations, unmeasured, before every measured run
                     (default 20; growth runs use at most ${GROWTH_WARMUP_MAX}; 0 = no warm-up)
  --run-limit        seconds after which one capacity or growth run stops, users mid-conversation
                     counted as stopped (default 35 per capacity run, 25 per growth run)
  --paced-think-ms   mean pause of each user between steps in the paced comparison, section 2
                     (default 3000); --think-ms is accepted as an old name for it
  --paced-run-limit  seconds after which one paced run stops (default 120)
  --skip-paced       leave out the paced comparison (section 2)
  --skip-floor       leave the durable floor (baseline + stored event + chat state) out of section 1
  --skip-growth      leave out the growth runs (section 3)
  --store            which store our server runs on in the capacity comparison, section 1:
                     sqlite (default), postgres, or both side by side in one run; sections 2-4
                     stay on SQLite
  --processes        section 1 on PostgreSQL: N server processes on one database, the load posted
                     to them in turn (default 1; needs --store postgres or both; with both, the
                     single-process runs are kept and N processes added)
  --database-url     the PostgreSQL server for --store postgres|both (default: BENCH_DATABASE_URL,
                     else ${DEFAULT_BENCH_DATABASE_URL}); each run creates and drops a database of its own
  --output           where to write the JSON figures (default bench-output/latest.json)
  --quick            tiny sizes for a smoke run (4 users, 1 round, warm-up 2, paced pause 300 ms
                     and limit 20 s, growth 100/2000 with 2 users)`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${flag} needs a positive whole number, got ${value ?? 'nothing'}\n${USAGE}`);
  return n;
}

function wholeNumber(flag: string, value: string | undefined): number {
  const n = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} needs a whole number >= 0, got ${value ?? 'nothing'}\n${USAGE}`);
  return n;
}

const STORES: readonly BenchStore[] = ['sqlite', 'postgres', 'both'];

/** `env` is where BENCH_DATABASE_URL is read (the process environment unless a test passes its own). */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): BenchOptions {
  const quick = argv.includes('--quick');
  const o: BenchOptions = {
    users: quick ? 4 : 200,
    warmupUsers: quick ? 2 : 20,
    runLimitSeconds: quick ? 15 : 35,
    growthRunLimitSeconds: quick ? 10 : 25,
    rounds: quick ? 1 : 3,
    pacedThinkMs: quick ? 300 : 3_000,
    pacedRunLimitSeconds: quick ? 20 : 120,
    skipPaced: false,
    skipGrowth: false,
    skipFloor: false,
    growthSizes: quick ? [100, 2_000] : [1_000, 10_000, 100_000],
    growthUsers: quick ? 2 : 30,
    slotSearchCalls: quick ? 300 : 5_000,
    slotSearchBookings: 1_000,
    appNow: '2026-12-01T00:00:00Z',
    capacity: 50,
    growthCapacity: 100,
    quick,
    outputFile: 'bench-output/latest.json',
    store: 'sqlite',
    processes: 1,
    databaseUrl: env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
    databaseUrlSource: env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'default',
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
      case '--warmup':
        o.warmupUsers = wholeNumber(flag, value);
        i += 1;
        break;
      case '--paced-think-ms':
      case '--think-ms': // its old name, from when the one comparison could be paced instead
        o.pacedThinkMs = Number(value);
        if (value === undefined || !Number.isFinite(o.pacedThinkMs) || o.pacedThinkMs <= 0)
          throw new Error(`${flag} needs a number of milliseconds > 0\n${USAGE}`);
        i += 1;
        break;
      case '--paced-run-limit':
        o.pacedRunLimitSeconds = positiveInt(flag, value);
        i += 1;
        break;
      case '--skip-floor':
        o.skipFloor = true;
        break;
      case '--skip-paced':
        o.skipPaced = true;
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
      case '--store':
        if (!STORES.includes(value as BenchStore))
          throw new Error(`--store needs sqlite, postgres or both, got ${value ?? 'nothing'}\n${USAGE}`);
        o.store = value as BenchStore;
        i += 1;
        break;
      case '--processes':
        o.processes = positiveInt(flag, value);
        i += 1;
        break;
      case '--database-url':
        if (!value || !/^postgres(ql)?:\/\/\S+$/.test(value))
          throw new Error(`--database-url needs postgres://user:password@host:port/database\n${USAGE}`);
        o.databaseUrl = value;
        o.databaseUrlSource = '--database-url';
        i += 1;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (o.processes > 1 && o.store === 'sqlite')
    throw new Error(
      `--processes ${o.processes} needs --store postgres or --store both: several server processes can share a PostgreSQL database, not a SQLite file`,
    );
  return o;
}
