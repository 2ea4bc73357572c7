import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { onPostgres } from '../support/test-store.js';
import { runScript } from './run-script.js';

const USER = 'Ubackup0000000000000000000000001';
const OTHER = 'Ubackup0000000000000000000000002';

/** Every booking row, in id order, as plain values (the copy must hold the very same rows). */
function bookingsIn(file: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM bookings ORDER BY id').all();
  } finally {
    db.close();
  }
}

// Each run of the script starts tsx afresh (a few seconds on a busy machine).
// SQLite only: the script copies the SQLite file; on PostgreSQL there is none (it points to pg_dump, tested below).
describe.skipIf(onPostgres)('npm run backup', { timeout: 120_000 }, () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('copies the database of a running server, which keeps answering, into an owner-only file that opens whole', async () => {
    h = await startHarness();
    const u = new ChatDriver(h, USER);
    await bookByButtons(u);
    const source = await probe(h).all('SELECT * FROM bookings ORDER BY id');
    expect(source).toHaveLength(1);

    // Another person keeps writing to the bot while the backup runs; their messages do not book anything.
    const other = new ChatDriver(h, OTHER);
    let done = false;
    const backup = runScript('backup.ts', [], { SQLITE_PATH: h.sqlitePath }).finally(() => {
      done = true;
    });
    let answered = 0;
    while (!done) {
      await other.say('ヘルプ');
      if (other.last.length > 0) answered += 1;
    }
    const r = await backup;
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(answered).toBeGreaterThan(0);
    await other.say('ヘルプ');
    expect(other.last.length).toBeGreaterThan(0);

    const m = /^backup: (\S+) \((\d+\.\d) (KB|MB), 1 bookings, integrity ok\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const file = m![1]!;
    const backups = path.join(path.dirname(h.sqlitePath), 'backups');
    expect(path.dirname(file)).toBe(backups);
    expect(path.basename(file)).toMatch(/^booking-\d{8}T\d{6}Z\.db$/);
    expect(fs.statSync(backups).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // One self-contained file: no write-ahead log left beside it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    expect(bookingsIn(file)).toEqual(source);
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(copy.pragma('journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    } finally {
      copy.close();
    }
    // The line names where, not who: no personal data in the output.
    expect(r.stdout).not.toContain('青森');
  });

  it('writes to --to FILE and never overwrites an earlier backup', async () => {
    h = await startHarness();
    await bookByButtons(new ChatDriver(h, USER));
    const file = path.join(path.dirname(h.sqlitePath), 'elsewhere', 'nightly.db');
    const first = await runScript('backup.ts', ['--to', file], { SQLITE_PATH: h.sqlitePath });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`backup: ${file} (`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(bookingsIn(file)).toEqual(bookingsIn(h.sqlitePath));
    const before = fs.readFileSync(file);

    const again = await runScript('backup.ts', ['--to', file], { SQLITE_PATH: h.sqlitePath });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file} already exists`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('npm run backup on PostgreSQL', { timeout: 60_000 }, () => {
  it('refuses, and gives the pg_dump command for the database without its password', async () => {
    const r = await runScript('backup.ts', [], {
      DATABASE_URL: 'postgres://office:s3cret-word@db.example.org:5432/booking',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('PostgreSQL');
    expect(r.stderr).toMatch(
      /^ {2}pg_dump --format=custom --file=backup-\d{8}T\d{6}Z\.dump 'postgres:\/\/office@db\.example\.org:5432\/booking'$/m,
    );
    expect(r.stderr).not.toContain('s3cret-word');
  });
});
