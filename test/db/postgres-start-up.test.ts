import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConnectError } from '../../db/postgres-store.js';
import { onPostgres, POSTGRES_URL, urlOf } from '../support/test-store.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs `tsx src/main.ts` with only `env` and waits for it to exit (it should refuse to start). */
function startUp(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', PORT: '0', ...env },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('what a wrong DATABASE_URL says', () => {
  it('names the variable and what to check, never the password', () => {
    const url = 'postgres://bot:s3cret@db.example:6543/office';
    const refused = describeConnectError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), url);
    expect(refused).toBe(
      'DATABASE_URL: cannot reach the PostgreSQL server at db.example:6543 (ECONNREFUSED); is it running, and are the host and port right?',
    );
    expect(describeConnectError({ code: '28P01', message: 'password authentication failed' }, url)).toBe(
      'DATABASE_URL: the PostgreSQL server at db.example:6543 refused the user "bot" (wrong user name or password)',
    );
    expect(describeConnectError({ code: '3D000', message: 'database "office" does not exist' }, url)).toMatch(
      /^DATABASE_URL: the database "office" does not exist on db.example:6543/,
    );
    for (const code of ['ECONNREFUSED', '28P01', '3D000', 'XX000'])
      expect(describeConnectError({ code, message: 'x' }, url)).not.toContain('s3cret');
  });

  it('stops start-up with one line when nothing listens at the address', async () => {
    // Port 9 (discard) has no PostgreSQL server on any machine this runs on.
    const { code, out } = await startUp({ DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:9/office' });
    expect(code).toBe(1);
    expect(out).toMatch(
      /^Cannot start: DATABASE_URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:9 \(ECONNREFUSED\)/,
    );
    expect(out).not.toContain('s3cret');
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
  });

  // These need a PostgreSQL server to refuse the password and the database (the PostgreSQL pass).
  it.skipIf(!onPostgres)('stops start-up naming the variable for a wrong password and a missing database', async () => {
    const wrongPassword = new URL(POSTGRES_URL!);
    wrongPassword.password = 'not-the-password';
    const refused = await startUp({ DATABASE_URL: wrongPassword.toString() });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^Cannot start: DATABASE_URL: the PostgreSQL server at .* refused the user/);
    expect(refused.out).not.toContain('not-the-password');
    const missing = await startUp({ DATABASE_URL: urlOf(POSTGRES_URL!, 'no_such_database_here') });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/^Cannot start: DATABASE_URL: the database "no_such_database_here" does not exist/);
  });
});
