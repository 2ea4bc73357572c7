import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { staffCli } from '../../scripts/staff-cli.js';
import { consoleClient } from '../support/console.js';
import { probe, type DatabaseLocation } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-store.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'first admin password 1';

let dir: string;
let sqlitePath: string;
/** On a PostgreSQL run, the test's own database, shared by the script and the server. */
let database: TestDatabase | undefined;
const store = (): DatabaseLocation => ({ sqlitePath, databaseUrl: database?.url });

/** The script's environment: the test's database, in the variable that names its store, and only that one. */
function storeEnv(): NodeJS.ProcessEnv {
  const { SQLITE_PATH: _sqlite, DATABASE_URL: _url, ...rest } = process.env;
  return { ...rest, ...(database ? { DATABASE_URL: database.url } : { SQLITE_PATH: sqlitePath }) };
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the script `npm run staff -- ...` runs, as an operator would, on the temp database: the same
 * file under the same tsx loader, started as `node --import tsx` so no npx and no tsx wrapper
 * process stand in front of it.
 */
async function staffProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/staff.ts', ...args], {
      cwd: ROOT,
      env: { ...storeEnv(), LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: unknown) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/**
 * The same commands in this process (staffCli is all the script runs, with the process's streams):
 * its own connection to the database, as the script has, without starting Node for each command.
 */
async function staff(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await staffCli(
    args,
    { ...storeEnv(), ...env },
    { out: (t) => (stdout += t), err: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-cli-'));
  sqlitePath = path.join(dir, 'booking.db');
  database = onPostgres ? await createTestDatabase() : undefined;
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// A run of the script starts Node and tsx afresh (about a second, more on a busy machine).
describe('npm run staff', { timeout: 120_000 }, () => {
  let h: Harness | undefined;
  afterAll(async () => h?.close());

  it('adds the first admin from STAFF_PASSWORD, who can then sign in to a server on that file', async () => {
    // The script itself, in a process of its own: the commands below run the same code in this one.
    const added = await staffProcess(['add', '--login', 'admin1', '--name', '管理 一郎', '--role', 'admin'], {
      STAFF_PASSWORD: PASSWORD,
    });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('admin1');
    const list = await staffProcess(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^admin1\t管理 一郎\tadmin\t有効 active$/m);
    const unknown = await staffProcess(['remove', '--login', 'admin1']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^staff: 不明なコマンド \/ unknown command: remove$/m);
    for (const out of [added.stdout, added.stderr, list.stdout]) {
      expect(out).not.toContain(PASSWORD);
      expect(out).not.toContain('scrypt$');
    }

    // The script reads the real clock; the server's starts there too, so a lock it sets is current.
    // On PostgreSQL the server is pointed at the script's database (its env overrides the harness's own).
    h = await startHarness({
      now: new Date().toISOString(),
      ...(database ? { env: { DATABASE_URL: database.url } } : { sqlitePath }),
    });
    const c = consoleClient(h);
    await c.signIn('admin1', PASSWORD);
    expect((await c.get('/staff/settings')).status).toBe(200);
    expect(await listAudit(h.app.db, { loginId: 'cli', action: 'account_add' })).toMatchObject([
      { subject: 'admin1', accountId: null, detail: { name: '管理 一郎', role: 'admin' } },
    ]);
  });

  it('refuses bad input with exit code 1 and a clear message, changing nothing', async () => {
    const short = await staff(['add', '--login', 'tanaka', '--name', '田中'], { STAFF_PASSWORD: 'short' });
    const badLogin = await staff(['add', '--login', 'A B', '--name', '田中'], { STAFF_PASSWORD: PASSWORD });
    const taken = await staff(['add', '--login', 'admin1', '--name', '別人'], { STAFF_PASSWORD: PASSWORD });
    const unknown = await staff(['remove', '--login', 'admin1']);
    // No terminal to type the password on, and no STAFF_PASSWORD: told what to do.
    const noTty = await staff(['reset-password', '--login', 'admin1'], { STAFF_PASSWORD: '' });
    const lastAdmin = await staff(['disable', '--login', 'admin1']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('パスワードは12文字以上にしてください。');
    expect(short.stderr).not.toContain('short\n');
    expect(badLogin.code).toBe(1);
    expect(badLogin.stderr).toContain('--login');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('すでに使われています');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command: remove');
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain('STAFF_PASSWORD');
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('有効な管理者がほかにいない');
    const accounts = await probe(store()).all('SELECT login_id, disabled_at FROM staff_accounts');
    expect(accounts).toEqual([{ login_id: 'admin1', disabled_at: null }]);
  });

  it('disables, enables, unlocks and resets a password, each recorded under cli', async () => {
    const newPassword = 'second password 22';
    expect((await staff(['add', '--login', 'sato', '--name', '佐藤'], { STAFF_PASSWORD: PASSWORD })).code).toBe(0);
    const c = consoleClient(h!);
    await c.signIn('sato', PASSWORD);
    expect((await staff(['disable', '--login', 'sato'])).code).toBe(0);
    expect((await c.get('/staff/requests')).status).toBe(303);
    expect((await staff(['list'])).stdout).toMatch(/^sato\t佐藤\tstaff\t無効 disabled$/m);
    expect((await staff(['enable', '--login', 'sato'])).code).toBe(0);
    for (let i = 0; i < 5; i += 1) {
      await consoleClient(h!).post('/staff/login', { login_id: 'sato', password: `wrong password ${i}` });
    }
    expect((await staff(['list'])).stdout).toMatch(/^sato\t佐藤\tstaff\tロック中 locked until /m);
    expect((await staff(['unlock', '--login', 'sato'])).code).toBe(0);
    expect((await staff(['reset-password', '--login', 'sato'], { STAFF_PASSWORD: newPassword })).code).toBe(0);
    await consoleClient(h!).signIn('sato', newPassword);
    const log = await listAudit(h!.app.db, { loginId: 'cli', subject: 'sato' });
    expect(log.map((e) => e.action).reverse()).toEqual([
      'account_add',
      'account_disable',
      'account_enable',
      'unlocked',
      'password_reset',
    ]);
    expect(JSON.stringify(log)).not.toContain(newPassword);
  });
});
