import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../db/migrations/index.js';
import type { Database as Schema } from '../../db/schema.js';
import { openStore } from '../../db/store.js';
import { copyToPostgres, PRODUCT_TABLES } from '../../scripts/copy-to-postgres.js';
import { createLogger } from '../../src/infra/logger.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient } from '../support/console.js';
import { probe, type DbProbe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-store.js';
import { runScript } from './run-script.js';

const USER = 'Umigrate000000000000000000000001';
const PERSONAL = ['青森 花子', '02010-12345678', 'hanako@example.jp', '090-1234-5678'];

/** Every row of a table as sorted JSON, so the two stores' rows compare whatever their column order. */
async function rowsOf(db: DbProbe, table: string): Promise<string[]> {
  const rows = await db.all(`SELECT * FROM ${table}`);
  return rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
}

async function maxId(db: DbProbe, table: string): Promise<number> {
  return (await db.get<{ n: number | null }>(`SELECT max(id) AS n FROM ${table}`))?.n ?? 0;
}

// PostgreSQL only: the script's target is a PostgreSQL database, which a SQLite run has not got.
describe.skipIf(!onPostgres)('npm run migrate-to-postgres', { timeout: 180_000 }, () => {
  let dir: string;
  let sqlitePath: string;
  let target: TestDatabase;
  let h: Harness | undefined;
  const sqlite = () => probe({ sqlitePath });
  const postgres = () => probe({ sqlitePath, databaseUrl: target.url });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-'));
    sqlitePath = path.join(dir, 'booking.db');
    target = await createTestDatabase();
    // An office's SQLite file with real content: a request booked in the chat (user, conversation,
    // inbox, outbox, booking, timed jobs) and a staff account that signed in (session, audit log).
    const office = await startHarness({ sqlitePath });
    try {
      await bookByButtons(new ChatDriver(office, USER));
      await addStaff(office, 'sato', 'admin');
      await consoleClient(office).signIn('sato');
    } finally {
      await office.close();
    }
  });
  afterAll(async () => {
    await h?.close();
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table into the empty database, ids and all, and a server on it carries on', async () => {
    const counts: Record<string, number> = {};
    for (const t of PRODUCT_TABLES)
      counts[t] = (await sqlite().get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n;
    for (const t of ['users', 'conversations', 'inbox', 'bookings', 'outbox', 'scheduled_jobs', 'staff_accounts'])
      expect(counts[t], t).toBeGreaterThan(0);
    for (const t of ['staff_sessions', 'audit_log', 'office_state']) expect(counts[t], t).toBeGreaterThan(0);
    const copiedOutbox = await maxId(sqlite(), 'outbox');
    const copiedAudit = await maxId(sqlite(), 'audit_log');

    // --to left out: DATABASE_URL names the target, as on the office's server.
    const r = await runScript('migrate-to-postgres.ts', ['--from', sqlitePath], { DATABASE_URL: target.url });
    expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
    for (const t of PRODUCT_TABLES) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}${t} +${counts[t]} copied, ${counts[t]} in PostgreSQL$`, 'm'));
      expect(await rowsOf(postgres(), t), t).toEqual(await rowsOf(sqlite(), t));
    }
    expect(r.stdout).toContain(`outbox (next id ${copiedOutbox + 1})`);
    expect(r.stdout).toContain('every count matches');
    for (const secret of [...PERSONAL, ':bot@']) expect(r.stdout + r.stderr).not.toContain(secret);

    h = await startHarness({ env: { DATABASE_URL: target.url } });
    const [booking] = await fetchBookings(h);
    expect(booking).toMatchObject({ lineUserId: USER, name: '青森 花子', status: 'requested' });
    const u = new ChatDriver(h, USER);
    await u.say('予約確認');
    expect(u.lastText()).toContain('12月3日');
    await consoleClient(h).signIn('sato');
    // New rows are numbered after the copied ones: the sequences were moved past them.
    const newOutbox = await postgres().all<{ id: number }>('SELECT id FROM outbox WHERE id > ?', copiedOutbox);
    expect(newOutbox.length).toBeGreaterThan(0);
    expect(await maxId(postgres(), 'audit_log')).toBeGreaterThan(copiedAudit);
  });

  it('copies in batches, and a failure part-way keeps nothing (one transaction)', async () => {
    const other = await createTestDatabase();
    const store = await openStore(
      { kind: 'postgres', url: other.url, poolSize: 2, statementTimeoutMs: 60_000 },
      { logger: createLogger('silent') },
    );
    const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    const there = probe({ sqlitePath, databaseUrl: other.url });
    try {
      // A row already at the first copied audit id: the copy reaches audit_log late, after most tables.
      await there.run("INSERT INTO audit_log (id, at, login_id, action) VALUES (1, 'x', 'x', 'x')");
      await expect(copyToPostgres(source, store.db, 2)).rejects.toThrow(/audit_log_pkey/);
      // Nothing of the tables copied before the failure is left; audit_log holds only the row put there.
      for (const t of PRODUCT_TABLES) expect((await rowsOf(there, t)).length, t).toBe(t === 'audit_log' ? 1 : 0);
      await there.run('DELETE FROM audit_log');

      // Batches of 2: most tables take several, some end with a partial one.
      const report = await copyToPostgres(source, store.db, 2);
      expect(report.tables.some((t) => t.copied > 4 && t.copied % 2 === 1)).toBe(true);
      for (const t of PRODUCT_TABLES) expect(await rowsOf(there, t), t).toEqual(await rowsOf(sqlite(), t));
    } finally {
      source.close();
      await store.close();
      await other.drop();
    }
  });

  it('refuses a database that already holds data, saying which tables, and changes nothing', async () => {
    const before = await rowsOf(postgres(), 'bookings');
    const outboxBefore = await rowsOf(postgres(), 'outbox');
    const r = await runScript('migrate-to-postgres.ts', ['--from', sqlitePath, '--to', target.url], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already holds data');
    expect(r.stderr).toMatch(/bookings: 1 rows/);
    expect(r.stderr).toMatch(/staff_accounts: 1 rows/);
    expect(r.stderr).toContain('nothing was copied');
    expect(await rowsOf(postgres(), 'bookings')).toEqual(before);
    expect(await rowsOf(postgres(), 'outbox')).toEqual(outboxBefore);
  });
});

describe('npm run migrate-to-postgres: the SQLite file', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-from-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Checked before anything connects to PostgreSQL, so this runs on both stores (the target is never reached).
  it("refuses a missing file, a file that is not SQLite and a database that is not the server's", async () => {
    const nowhere = 'postgres://bot:bot@127.0.0.1:1/none';
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database, just some text that is long enough to have a header'.repeat(4));
    const empty = path.join(dir, 'empty.db');
    new Database(empty).close();
    const cases: [string, string][] = [
      [path.join(dir, 'missing.db'), 'no file at'],
      [text, 'cannot be read as a SQLite database'],
      [empty, "is not this server's database"],
    ];
    for (const [file, message] of cases) {
      const r = await runScript('migrate-to-postgres.ts', ['--from', file, '--to', nowhere], {});
      expect(r.code, file).toBe(1);
      expect(r.stderr, file).toContain(message);
    }
    // An empty file was not turned into a new database by opening it.
    expect(fs.statSync(empty).size).toBe(0);
  });

  // PostgreSQL only: the copy's target.
  it.skipIf(!onPostgres)('brings a file from an older version up to date before copying it', async () => {
    const file = path.join(dir, 'old.db');
    const names = Object.keys(await migrationProvider.getMigrations());
    const older = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await new Migrator({ db: older, provider: migrationProvider }).migrateTo(names.at(-2)!);
    await older.destroy();
    const target = await createTestDatabase();
    try {
      const r = await runScript('migrate-to-postgres.ts', ['--from', file, '--to', target.url], {});
      expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`brought the SQLite file's schema up to date first (${names.at(-1)!})`);
      const applied = await probe({ sqlitePath: file }).all<{ name: string }>('SELECT name FROM kysely_migration');
      expect(applied.map((m) => m.name)).toEqual(names);
    } finally {
      await target.drop();
    }
  });
});
