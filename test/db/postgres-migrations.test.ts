import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/postgres-store.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { createLogger } from '../../src/infra/logger.js';
import { createEmptyDatabase, onPostgres } from '../support/test-store.js';

// Several processes migrating one database at once is a PostgreSQL matter: a SQLite file has one process.
describe.skipIf(!onPostgres)('migrations on PostgreSQL', () => {
  it('run once when three processes start on an empty database at the same moment', async () => {
    const database = await createEmptyDatabase();
    try {
      const config = { kind: 'postgres', url: database.url, poolSize: 2, statementTimeoutMs: 30_000 } as const;
      const opened = await Promise.all([1, 2, 3].map(() => openPostgres(config, createLogger('silent'))));
      const [first] = opened;
      const applied = await first!.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(await migrationProvider.getMigrations()).length);
      // The schema is whole: a table from the first migration and a column from the last.
      await first!.db
        .insertInto('outbox')
        .values({
          dedupe_key: 'k',
          recipient: 'U1',
          messages: '[]',
          reply_token: null,
          reply_token_expires_at: null,
          status: 'pending',
          next_attempt_at: 'x',
          created_at: 'x',
          sent_at: null,
          last_error: null,
          claimed_until: null,
        })
        .execute();
      for (const { db } of opened) await db.destroy();
    } finally {
      await database.drop();
    }
  });
});
