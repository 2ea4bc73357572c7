import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database as Schema } from '../../db/schema.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { currentTerms, listTerms } from '../../db/repositories/terms-repository.js';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';

const dbs: Kysely<Schema>[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

/** A database built up to the migration before 0010, as one in use before terms carried summaries. */
async function databaseBeforeSummaries(): Promise<{ db: Kysely<Schema>; migrator: Migrator }> {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  dbs.push(db);
  const migrator = new Migrator({ db, provider: migrationProvider });
  const before = await migrator.migrateTo('0008-staff-console');
  expect(before.error).toBeUndefined();
  return { db, migrator };
}

describe('migration 0010: summaries of terms versions', () => {
  it('gives the version in force (and every one before it) the consent summary people were shown until now', async () => {
    const { db, migrator } = await databaseBeforeSummaries();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as it was, without the new columns
    const old = db as unknown as Kysely<any>;
    await old
      .insertInto('terms_versions')
      .values([
        {
          id: '2024-06-06',
          effective_from: '2024-06-06',
          url: 'https://example.jp/t1',
          created_at: '2024-06-01T00:00:00Z',
        },
        {
          id: '2026-04-01',
          effective_from: '2026-04-01',
          url: 'https://example.jp/t2',
          created_at: '2026-03-01T00:00:00Z',
        },
      ])
      .execute();
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const current = await currentTerms(db, '2026-12-01T00:00:00.000Z');
    expect(current).toMatchObject({ id: '2026-04-01', summary: null, consentSummary: FIRST_CONSENT_SUMMARY });
    expect((await listTerms(db)).map((t) => t.consentSummary)).toEqual([FIRST_CONSENT_SUMMARY, FIRST_CONSENT_SUMMARY]);
  });
});
