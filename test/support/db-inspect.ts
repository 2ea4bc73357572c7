/**
 * Looks into the server's database from the test, the way an operator would with the sqlite3
 * shell or psql: read for assertions, write only to stage what a crash would leave behind. The
 * same calls work on both stores (test/support/test-store.ts): SQL is written with `?`
 * placeholders, which become `$1, $2 ...` on PostgreSQL, and counts come back as numbers on both.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { numberReadingTypes } from '../../db/postgres-store.js';
import { opened } from './data-key.js';

export const PRODUCT_TABLES = ['inbox', 'users', 'conversations', 'bookings', 'outbox'] as const;
export type ProductTable = (typeof PRODUCT_TABLES)[number];

/** Where a server keeps its data: a harness, or anything with the same two fields. */
export interface DatabaseLocation {
  sqlitePath: string;
  /** Set on a PostgreSQL run: then the SQLite path is not used. */
  databaseUrl?: string | undefined;
}

/** A few plain statements against the database; each call opens and closes its own connection. */
export interface DbProbe {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** One statement, or several separated by semicolons when no parameters are given. */
  run(sql: string, ...params: unknown[]): Promise<void>;
  /** Which store this is, for the rare statement that must differ (a trigger, a pragma). */
  kind: 'sqlite' | 'postgres';
}

/** `?` placeholders as PostgreSQL numbers them (no `?` inside string literals in test SQL). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, types: numberReadingTypes });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function onSqlite<T>(file: string, readonly: boolean, work: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly, fileMustExist: true });
  if (!readonly) db.pragma('busy_timeout = 5000');
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** SQLite gives booleans and bigints as numbers; parameters are passed as they come. */
function sqliteParams(params: unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export function probe(where: DatabaseLocation): DbProbe {
  const url = where.databaseUrl;
  if (url !== undefined) {
    return {
      kind: 'postgres',
      all: <T>(sql: string, ...params: unknown[]) =>
        onPostgres(url, async (c) => (await c.query(numbered(sql), params)).rows as T[]),
      get: <T>(sql: string, ...params: unknown[]) =>
        onPostgres(url, async (c) => (await c.query(numbered(sql), params)).rows[0] as T | undefined),
      run: (sql: string, ...params: unknown[]) =>
        onPostgres(url, async (c) => {
          await c.query(numbered(sql), params);
        }),
    };
  }
  const file = where.sqlitePath;
  return {
    kind: 'sqlite',
    all: <T>(sql: string, ...params: unknown[]) =>
      Promise.resolve(onSqlite(file, true, (db) => db.prepare(sql).all(...sqliteParams(params)) as T[])),
    get: <T>(sql: string, ...params: unknown[]) =>
      Promise.resolve(onSqlite(file, true, (db) => db.prepare(sql).get(...sqliteParams(params)) as T | undefined)),
    run: (sql: string, ...params: unknown[]) =>
      Promise.resolve(
        onSqlite(file, false, (db) => {
          if (params.length === 0) db.exec(sql);
          else db.prepare(sql).run(...sqliteParams(params));
        }),
      ),
  };
}

/** Row counts of the tables the product writes. */
export async function countRows(
  where: DatabaseLocation,
  tables: readonly ProductTable[] = PRODUCT_TABLES,
): Promise<Record<ProductTable, number>> {
  const db = probe(where);
  const counts = {} as Record<ProductTable, number>;
  for (const t of tables) counts[t] = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n;
  return counts;
}

/** The question the user's stored conversation is at ('idle' when none is in progress). */
export async function conversationStateOf(where: DatabaseLocation, lineUserId: string): Promise<string | undefined> {
  const row = await probe(where).get<{ snapshot: string }>(
    'SELECT snapshot FROM conversations WHERE line_user_id = ?',
    lineUserId,
  );
  if (!row) return undefined;
  // Stored encrypted (docs/storage.md): opened with the product's cipher under the test key.
  const value = (JSON.parse(opened(row.snapshot)) as { value?: unknown }).value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The draft a person's conversation holds so far (what they typed and chose), opened with the test key. */
export async function conversationDraftOf(
  where: DatabaseLocation,
  lineUserId: string,
): Promise<Record<string, unknown>> {
  const row = await probe(where).get<{ snapshot: string }>(
    'SELECT snapshot FROM conversations WHERE line_user_id = ?',
    lineUserId,
  );
  if (!row) throw new Error(`no conversation stored for ${lineUserId}`);
  return (JSON.parse(opened(row.snapshot)) as { context: { draft: Record<string, unknown> } }).context.draft;
}

export interface OutboxRecord {
  id: number;
  dedupe_key: string;
  recipient: string;
  messages: string;
  reply_token: string | null;
  status: string;
  attempts: number;
}

/** The outbox as stored, its messages opened with the test key (they are stored encrypted). */
export async function outboxRows(where: DatabaseLocation): Promise<OutboxRecord[]> {
  const rows = await probe(where).all<OutboxRecord>(
    'SELECT id, dedupe_key, recipient, messages, reply_token, status, attempts FROM outbox ORDER BY id',
  );
  return rows.map((r) => ({ ...r, messages: opened(r.messages) }));
}
