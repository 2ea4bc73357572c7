import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs `tsx src/main.ts` until `done` matches its output, then stops it; resolves to the output. */
function outputUntil(env: Record<string, string>, done: RegExp): Promise<string> {
  // Only what is given: no LINE variables from the developer's shell, no `.env` file.
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
  });
  let out = '';
  return new Promise<string>((resolve, reject) => {
    // Within the test's own timeout, and the child is stopped either way.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`no match within 20 s; output so far:\n${out}`));
    }, 20_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (done.test(out)) {
        clearTimeout(timer);
        child.once('exit', () => resolve(out));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!done.test(out)) reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
}

describe('starting in production', () => {
  it('says once that the shared STAFF_API_TOKEN is deprecated when it is set', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-start-'));
    try {
      const out = await outputUntil(
        {
          NODE_ENV: 'production',
          PORT: '0',
          LINE_CHANNEL_SECRET: 'secret',
          LINE_CHANNEL_ACCESS_TOKEN: 'token',
          // Nothing listens there; the server makes no LINE call while it has nothing to send.
          LINE_API_BASE_URL: 'http://127.0.0.1:9',
          STAFF_GROUP_ID: 'Cgroup',
          TERMS_URL: 'https://aomori-roudoukyoku.example/terms',
          SQLITE_PATH: path.join(dir, 'booking.db'),
          DATA_ENCRYPTION_KEY: 'q0Ygr3fU0b3hXN8pOWvS4m1v8dYJ6V7a9m2kB0cHn+o=',
          STAFF_API_TOKEN: 'k3Jx9vQ2pL7mZ0aBw8RtY5',
          LOG_LEVEL: 'info',
        },
        /"msg":"listening"[\s\S]*STAFF_API_TOKEN is deprecated/,
      );
      expect(out.match(/STAFF_API_TOKEN is deprecated/g)).toHaveLength(1);
      expect(out).not.toContain('k3Jx9vQ2pL7mZ0aBw8RtY5');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
