/**
 * The copy behind `npm run migrate-to-postgres`: every product table from a SQLite file into a
 * PostgreSQL database that has the same schema (both migrated to the latest version), keeping
 * every id, in one PostgreSQL transaction, so a failure part-way leaves the target empty.
 */
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Every table of db/schema.ts. A Record over the schema's keys, so a table added there and not
 * here fails to compile instead of being silently left behind. (Kysely's own migration tables are
 * not copied: the target's migrations wrote its own.) There are no foreign keys, so order is free.
 */
const TABLES: Record<keyof Database, true> = {
  users: true,
  conversations: true,
  inbox: true,
  bookings: true,
  outbox: true,
  closures: true,
  terms_versions: true,
  staff_actions: true,
  scheduled_jobs: true,
  staff_prompts: true,
  capacity_overrides: true,
  office_state: true,
  immediate_requests: true,
  staff_accounts: true,
  staff_sessions: true,
  audit_log: true,
  idempotency_keys: true,
  api_tokens: true,
};
export const PRODUCT_TABLES = Object.keys(TABLES) as (keyof Database)[];

/** Tables SQLite keeps for itself or Kysely keeps for migrations: never product data. */
const NOT_PRODUCT = /^(sqlite_.*|kysely_migration|kysely_migration_lock)$/;

// The copy addresses tables by name from the list above, so it works on untyped rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of every table, addressed by name
type AnyDb = Kysely<any>;

export interface TableCount {
  table: string;
  rows: number;
}

/** Tables of the SQLite file that the list above does not name (a schema this script does not know). */
export function unknownTables(source: SQLite.Database): string[] {
  const names = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return names.filter((n) => !NOT_PRODUCT.test(n) && !(n in TABLES)).sort();
}

async function countIn(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The product tables of the target that already hold rows, with how many. */
export async function occupiedTables(target: AnyDb): Promise<TableCount[]> {
  const occupied: TableCount[] = [];
  for (const table of PRODUCT_TABLES) {
    const rows = await countIn(target, table);
    if (rows > 0) occupied.push({ table, rows });
  }
  return occupied;
}

export interface CopyReport {
  tables: { table: string; copied: number; inTarget: number }[];
  /** Each identity column's next value after the copy: new rows get ids above the copied ones. */
  sequences: { table: string; next: number }[];
}

/** The copy did not come out whole; the transaction was rolled back and the target is empty again. */
export class CopyMismatchError extends Error {}

/**
 * Copies every product table in batches of `batchSize` rows inside one PostgreSQL transaction,
 * then moves each identity sequence past the largest copied id (explicit ids do not advance it,
 * so without this the next new row would collide with a copied one), and compares the counts.
 * Reads the SQLite file inside one read transaction, so every table comes from the same moment.
 */
export async function copyToPostgres(source: SQLite.Database, target: AnyDb, batchSize = 500): Promise<CopyReport> {
  source.exec('BEGIN');
  try {
    return await target.transaction().execute(async (trx) => {
      const tables: CopyReport['tables'] = [];
      for (const table of PRODUCT_TABLES) {
        const expected = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        let copied = 0;
        let batch: Record<string, unknown>[] = [];
        for (const row of source.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate()) {
          batch.push(row as Record<string, unknown>);
          if (batch.length === batchSize) {
            await trx.insertInto(table).values(batch).execute();
            copied += batch.length;
            batch = [];
          }
        }
        if (batch.length > 0) {
          await trx.insertInto(table).values(batch).execute();
          copied += batch.length;
        }
        const inTarget = await countIn(trx, table);
        if (copied !== expected || inTarget !== expected)
          throw new CopyMismatchError(
            `${table}: ${expected} rows in SQLite, ${copied} copied, ${inTarget} in PostgreSQL; nothing was kept`,
          );
        tables.push({ table, copied, inTarget });
      }
      return { tables, sequences: await moveSequences(trx) };
    });
  } finally {
    source.exec('COMMIT');
  }
}

/** Sets every identity column's sequence of the product tables to one past its largest id. */
async function moveSequences(trx: AnyDb): Promise<CopyReport['sequences']> {
  const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'
    ORDER BY table_name`.execute(trx);
  const moved: CopyReport['sequences'] = [];
  for (const { table_name: table, column_name: column } of identities) {
    if (!(table in TABLES)) continue;
    const { rows } = await sql<{ next: number | string }>`
      SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false) AS next
      FROM ${sql.table(table)}`.execute(trx);
    moved.push({ table, next: Number(rows[0]?.next) });
  }
  return moved;
}
