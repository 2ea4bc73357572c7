import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of scripts/ as an operator would (`npm run <name>` is `tsx scripts/<name>.ts`), in a
 * process of its own, with exactly the store variables given: the test's environment loses
 * SQLITE_PATH and DATABASE_URL, so a PostgreSQL run's DATABASE_URL never leaks into a script.
 * As `node --import tsx`: the same loader without the CLI's extra process (a second each here).
 */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  const { SQLITE_PATH: _sqlite, DATABASE_URL: _url, ...rest } = process.env;
  try {
    const r = await run(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
      cwd: ROOT,
      env: { ...rest, LOG_LEVEL: 'silent', ...env },
      timeout: 90_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: unknown) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
