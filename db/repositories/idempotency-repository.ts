import type { Db } from '../database.js';

/** What is on file for an idempotency key: the request it came with, and its answer once given. */
export interface IdempotencyRecord {
  fingerprint: string;
  answer: { status: number; body: string } | null;
  createdAt: string;
}

/**
 * Claims `key` for a request; returns undefined when this call claimed it, or what was already on
 * file (a finished answer to replay, or one still being worked on).
 */
export async function claimIdempotencyKey(
  db: Db,
  key: string,
  fingerprint: string,
  now: string,
): Promise<IdempotencyRecord | undefined> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ key, fingerprint, status: null, body: null, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return undefined;
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
  return {
    fingerprint: row.fingerprint,
    answer: row.status === null || row.body === null ? null : { status: row.status, body: row.body },
    createdAt: row.created_at,
  };
}

export async function recordIdempotentAnswer(db: Db, key: string, status: number, body: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status, body }).where('key', '=', key).execute();
}

/** Lets the key be used again: the request failed before it changed anything (a 5xx). */
export async function releaseIdempotencyKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('key', '=', key).where('status', 'is', null).execute();
}
