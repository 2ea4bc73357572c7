import type { Db } from '../database.js';

/** A named staff API token as the console lists it (never the token itself). */
export interface ApiToken {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface NewApiToken {
  id: string;
  name: string;
  /** SHA-256 of the token, hex. */
  tokenHash: string;
  createdBy: string;
  createdAt: string;
}

export async function insertApiToken(db: Db, t: NewApiToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      name: t.name,
      token_hash: t.tokenHash,
      created_by: t.createdBy,
      created_at: t.createdAt,
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}

/** The name of the token with this hash, unless it was revoked. */
export async function activeTokenByHash(db: Db, tokenHash: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes a use, at most about once a minute per token (`staleBefore`), so reads do not all write. */
export async function touchApiToken(db: Db, id: string, now: string, staleBefore: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}

/** Every token, active ones first, newest first. */
export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      createdBy: r.created_by,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
      revokedBy: r.revoked_by,
    }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** Whether an active token already has this name (names tell callers apart in the records). */
export async function activeTokenNamed(db: Db, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('api_tokens')
    .select('id')
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes the token and answers its name; undefined when there is no such active token. */
export async function revokeApiToken(db: Db, id: string, by: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('name')
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).execute();
  return row.name;
}
