/**
 * Starts a server script in its own Node process and watches it through /proc.
 *
 * The server runs as `node --import tsx <script>` (not through the `tsx` CLI, which would put a
 * wrapper process between us and the server): the pid we hold is the server itself, so its
 * /proc/<pid>/stat CPU times and /proc/<pid>/status VmHWM are the server's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

export interface ServerChild {
  readonly pid: number;
  readonly port: number;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  /** Peak resident set size so far (VmHWM), in KiB. */
  peakRssKb(): number;
  /** SIGTERM, then SIGKILL after 10 s; resolves true when the server closed by itself. */
  stop(): Promise<boolean>;
}

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function cpuSecondsOf(pid: number): number {
  // Field 2 (comm) may contain spaces; count fields after its closing parenthesis.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after comm.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function statusKb(pid: number, key: string): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}:`));
  return line ? Number(line.replace(/\D+/g, ' ').trim().split(' ')[0]) : Number.NaN;
}

/**
 * Spawns `script` with `env` added to this process's environment (a variable set to undefined is
 * left out, e.g. a DATABASE_URL in the caller's shell when the run is meant for SQLite) and extra
 * Node flags (e.g. `--cpu-prof`), and resolves once it prints `{"port": N}` on a line of stdout.
 * Its stderr passes through, so a crash is visible.
 */
export async function startServerChild(
  script: string,
  env: Record<string, string | undefined>,
  nodeArgs: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<ServerChild> {
  const merged = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: merged,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await readPort(child, timeoutMs);
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid,
    port,
    cpuSeconds: () => cpuSecondsOf(pid),
    peakRssKb: () => statusKb(pid, 'VmHWM'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
      return !killed;
    },
  };
}

function readPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`server did not report its port within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => fail(new Error(`server exited (code ${code}) before reporting its port`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: unknown };
        if (typeof parsed.port !== 'number') return;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(parsed.port);
      } catch {
        // Not our line; the server may print other things.
      }
    });
  });
}
