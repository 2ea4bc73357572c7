import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** Only what is given: no LINE variables from the developer's shell, no `.env` file. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env' });

/** Runs `tsx src/main.ts` (what `npm start` runs) to its end. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/main.ts'],
      { cwd: ROOT, env: { ...baseEnv(), ...env }, timeout: 60_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

// Each test starts its own process (and folder, and database): they wait on tsx compiling the
// app more than they compute, so they run side by side.
describe.concurrent('starting the server', () => {
  it('refuses to start in production without LINE credentials, saying why, instead of falling back to demo mode', async () => {
    const { code, stderr } = await runMain({ NODE_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot start');
    expect(stderr).toContain('NODE_ENV=production needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN');
  });

  it('refuses to start demo mode on a database used connected to LINE, saying why and what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-refused-'));
    try {
      const file = path.join(dir, 'booking.db');
      const connected = await startHarness({ sqlitePath: file });
      await connected.close();
      const { code, stderr } = await runMain({ PORT: '0', SQLITE_PATH: file });
      expect(code).toBe(1);
      expect(stderr).toContain(`Cannot start: the database ${file} has been used connected to LINE`);
      expect(stderr).toContain('Leave SQLITE_PATH unset (demo mode then uses data/demo.db)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts demo mode without credentials, saying it is not connected to LINE and where the simulator is', async () => {
    // Nothing configured, as after `npm ci && npm start`; run from a temporary directory, so the
    // demo's own default file (data/demo.db) is made there rather than in the project.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-start-'));
    const child = spawn(TSX, [path.join(ROOT, 'src/main.ts')], {
      cwd: dir,
      env: { ...baseEnv(), PORT: '0', LOG_LEVEL: 'silent' },
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner within 60 s; output so far:\n${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Chat simulator \(open in a browser\): (http:\/\/127\.0\.0\.1:\d+\/demo\/)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
      });
      expect(out).toContain('DEMO MODE: not connected to LINE');
      expect(out).toContain('Database: data/demo.db');
      expect(fs.existsSync(path.join(dir, 'data/demo.db'))).toBe(true);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      // The staff console, with the demo account the banner names.
      const base = url.replace(/\/demo\/$/, '');
      expect(out).toContain(`Staff console: ${base}/staff/  (login id: demo, password: demo-staff-password)`);
      const signIn = await fetch(`${base}/staff/login`, {
        method: 'POST',
        body: new URLSearchParams({ login_id: 'demo', password: 'demo-staff-password', next: '/staff/today' }),
        redirect: 'manual',
      });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/staff/today');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
