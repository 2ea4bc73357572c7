import type { Kysely } from 'kysely';

/**
 * Named staff API tokens (docs/staff-api.md): each office tool has its own, created and revoked
 * by an admin in the console. Only the SHA-256 of a token is kept: tokens are 256-bit random
 * strings, so a fast hash is enough (no dictionary to guess from), and the database never holds
 * one that could be used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
