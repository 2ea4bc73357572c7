/**
 * Looks into the server's SQLite file from the test, the way an operator would with the sqlite3
 * shell: read-only for assertions, writable only to stage what a crash would leave behind.
 */
import Database from 'better-sqlite3';

export const PRODUCT_TABLES = ['inbox', 'users', 'conversations', 'bookings', 'outbox'] as const;
export type ProductTable = (typeof PRODUCT_TABLES)[number];

/** Runs `read` on a read-only connection to the database file, then closes it. */
export function readDb<T>(sqlitePath: string, read: (db: Database.Database) => T): T {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Row counts of the tables the product writes. */
export function countRows(
  sqlitePath: string,
  tables: readonly ProductTable[] = PRODUCT_TABLES,
): Record<ProductTable, number> {
  return readDb(sqlitePath, (db) => {
    const counts = {} as Record<ProductTable, number>;
    for (const t of tables) counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return counts;
  });
}

/** The question the user's stored conversation is at ('idle' when none is in progress). */
export function conversationStateOf(sqlitePath: string, lineUserId: string): string | undefined {
  return readDb(sqlitePath, (db) => {
    const row = db.prepare('SELECT snapshot FROM conversations WHERE line_user_id = ?').get(lineUserId) as
      { snapshot: string } | undefined;
    if (!row) return undefined;
    const value = (JSON.parse(row.snapshot) as { value?: unknown }).value;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
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

export function outboxRows(sqlitePath: string): OutboxRecord[] {
  return readDb(
    sqlitePath,
    (db) =>
      db
        .prepare('SELECT id, dedupe_key, recipient, messages, reply_token, status, attempts FROM outbox ORDER BY id')
        .all() as OutboxRecord[],
  );
}

/** Runs `write` on a writable connection (only while the server is stopped, or for tiny staged edits). */
export function writeDb<T>(sqlitePath: string, write: (db: Database.Database) => T): T {
  const db = new Database(sqlitePath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    return write(db);
  } finally {
    db.close();
  }
}
