import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../db/migrations/index.js';
import type { Db } from '../../db/database.js';

/**
 * Migration 0009 rebuilds the bookings table so a request may hold one preferred time. It must
 * keep every row (with every column), every index, and refuse nothing it accepted before.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function databaseAt(migration: string): Promise<{ db: Db; sqlite: SQLite.Database }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm0009-'));
  dirs.push(dir);
  const sqlite = new SQLite(path.join(dir, 'db.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<never>({ dialect: new SqliteDialect({ database: sqlite }) }) as unknown as Db;
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(migration);
  expect(error).toBeUndefined();
  return { db, sqlite };
}

const insertRow = (sqlite: SQLite.Database, id: string, status: string, confirmed: boolean) =>
  sqlite
    .prepare(
      `insert into bookings (id, line_user_id, status, kind, app, name, job_seeker_number, email, phone, interpreter,
        choice1_start, choice1_end, choice1_slot, choice2_start, choice2_end, choice2_slot,
        confirmed_start, confirmed_end, confirmed_slot, terms_version, created_at, reply_due, updated_at,
        meeting_id, proposed_by, personal_data_erased_at)
       values (?, 'U1', ?, 'regular', 'zoom', '青森 花子', '0201-123456', 'a@example.jp', '09012345678', 1,
        '2026-12-10T01:00:00.000Z', '2026-12-10T01:30:00.000Z', 'regular@2026-12-10@600',
        '2026-12-11T05:00:00.000Z', '2026-12-11T05:30:00.000Z', 'regular@2026-12-11@840',
        ?, ?, ?, 't1', '2026-12-01T00:00:00.000Z', '2026-12-02T08:15:00.000Z', '2026-12-01T00:00:00.000Z',
        ?, NULL, NULL)`,
    )
    .run(
      id,
      status,
      confirmed ? '2026-12-10T01:00:00.000Z' : null,
      confirmed ? '2026-12-10T01:30:00.000Z' : null,
      confirmed ? 'regular@2026-12-10@600' : null,
      confirmed ? '123 456 7890' : null,
    );

const indexesOf = (sqlite: SQLite.Database) =>
  sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'bookings' order by name`)
    .all();

const nullability = (sqlite: SQLite.Database) =>
  Object.fromEntries(
    (
      sqlite.prepare(`select name, "notnull" from pragma_table_info('bookings')`).all() as {
        name: string;
        notnull: number;
      }[]
    ).map((c) => [c.name, c.notnull]),
  );

describe('migration 0009: the second preferred time becomes optional', () => {
  it('keeps existing rows, columns and indexes, and then accepts a request with one choice', async () => {
    const { db, sqlite } = await databaseAt('0008-staff-console');
    insertRow(sqlite, 'b-requested', 'requested', false);
    insertRow(sqlite, 'b-confirmed', 'confirmed', true);
    const rowsBefore = sqlite.prepare('select * from bookings order by id').all();
    const indexesBefore = indexesOf(sqlite);
    const notNullBefore = nullability(sqlite);
    expect(notNullBefore).toMatchObject({ choice2_start: 1, choice2_end: 1, choice2_slot: 1 });

    // Exactly this migration, so later ones that change bookings again do not blur what it did.
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0009-optional-second-choice');
    expect(error).toBeUndefined();

    expect(sqlite.prepare('select * from bookings order by id').all()).toEqual(rowsBefore);
    expect(indexesOf(sqlite)).toEqual(indexesBefore);
    // Only the second choice's three columns changed; every other constraint is as it was.
    expect(nullability(sqlite)).toEqual({ ...notNullBefore, choice2_start: 0, choice2_end: 0, choice2_slot: 0 });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare(`select name from sqlite_master where name like '%rebuilt%'`).all()).toEqual([]);

    sqlite
      .prepare(`update bookings set choice2_start = NULL, choice2_end = NULL, choice2_slot = NULL where id = ?`)
      .run('b-requested');
    expect(sqlite.prepare(`select choice2_start from bookings where id = 'b-requested'`).get()).toEqual({
      choice2_start: null,
    });
    // The first choice stays required.
    expect(() => sqlite.prepare(`update bookings set choice1_start = NULL where id = 'b-confirmed'`).run()).toThrow(
      /NOT NULL/,
    );
    await db.destroy();
  });

  it('going back refuses while a request holds one choice, and restores the constraint otherwise', async () => {
    const { db, sqlite } = await databaseAt('0009-optional-second-choice');
    insertRow(sqlite, 'b1', 'requested', false);
    const migrator = new Migrator({ db, provider: migrationProvider });
    sqlite.prepare(`update bookings set choice2_start = NULL, choice2_end = NULL, choice2_slot = NULL`).run();
    expect((await migrator.migrateTo('0008-staff-console')).error).toBeDefined();
    expect(sqlite.prepare('select count(*) as n from bookings').get()).toEqual({ n: 1 });

    sqlite.prepare('delete from bookings').run();
    insertRow(sqlite, 'b2', 'requested', false);
    expect((await migrator.migrateTo('0008-staff-console')).error).toBeUndefined();
    expect(nullability(sqlite)).toMatchObject({ choice2_start: 1, choice2_end: 1, choice2_slot: 1 });
    expect(sqlite.prepare('select id from bookings').all()).toEqual([{ id: 'b2' }]);
    await db.destroy();
  });
});
