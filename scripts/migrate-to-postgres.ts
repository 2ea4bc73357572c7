/**
 * `npm run migrate-to-postgres -- --from data/booking.db [--to postgres://...]`: moves an office
 * from SQLite to PostgreSQL. Copies every product table of the SQLite file into an EMPTY
 * PostgreSQL database (--to, else DATABASE_URL), keeping ids, in one transaction, then moves the
 * id sequences past the copied ids and checks every table's count. The SQLite file is read only
 * (after its schema is brought up to date if the server never ran this version on it) and stays
 * as it was: keep it as the backup of the move.
 *
 * The server must be stopped meanwhile: what it wrote during the copy would not be copied.
 * Prints table names and counts only, never a row's content.
 */
import 'dotenv/config';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../db/database.js';
import { migrationProvider } from '../db/migrations/index.js';
import { StoreOpenError } from '../db/postgres-store.js';
import { storeLabel, type PostgresStoreConfig } from '../db/store-config.js';
import { openStore } from '../db/store.js';
import { createLogger } from '../src/infra/logger.js';
import { copyToPostgres, occupiedTables, unknownTables, type CopyReport } from './copy-to-postgres.js';

const USAGE = `使い方 / usage: npm run migrate-to-postgres -- --from data/booking.db [--to postgres://user:password@host:5432/database]
  Copies the office's SQLite database into an EMPTY PostgreSQL database (--to, or DATABASE_URL when --to is left out).
  Stop the server first (サーバーを停止してから実行してください): what it writes during the copy would not be copied.
  The SQLite file is left as it is; keep it as a backup. Afterwards start the server with DATABASE_URL set to the new database.`;

/** A problem to report in one line, with exit code 1 (no stack trace). */
class CliError extends Error {}

interface Args {
  from: string;
  to: string;
}

function argsOf(argv: string[]): Args | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (!values.from) throw new CliError(`--from is required: the SQLite file to copy\n${USAGE}`);
  const to = values.to ?? process.env.DATABASE_URL ?? '';
  if (to === '') throw new CliError(`--to (or DATABASE_URL) is required: the PostgreSQL database to fill\n${USAGE}`);
  if (!/^postgres(ql)?:\/\/\S+$/.test(to))
    throw new CliError('--to: expected postgres://user:password@host:5432/database');
  return { from: values.from, to };
}

/**
 * Checks the file is this product's database and brings its schema to the latest version (as
 * starting the server on it would), so its tables match the ones the target's migrations made.
 */
async function prepareSource(file: string): Promise<string[]> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`--from: no file at ${file}`);
  const known = Object.keys(await migrationProvider.getMigrations());
  let applied: string[];
  try {
    const probe = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const tables = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      if (!tables.includes('bookings') || !tables.includes('kysely_migration'))
        throw new CliError(`--from: ${file} is not this server's database (it has no bookings table)`);
      applied = probe.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
    } finally {
      probe.close();
    }
  } catch (e: unknown) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--from: ${file} cannot be read as a SQLite database (${(e as Error).message})`);
  }
  const newer = applied.filter((name) => !known.includes(name));
  if (newer.length > 0)
    throw new CliError(
      `--from: ${file} was used by a newer version of the server (${newer.join(', ')}); run this script from that version`,
    );
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    const db = await openDatabase({ path: file });
    await db.destroy();
  }
  return pending;
}

function printReport(report: CopyReport): void {
  const width = Math.max(...report.tables.map((t) => t.table.length));
  for (const t of report.tables)
    console.log(`  ${t.table.padEnd(width)}  ${String(t.copied).padStart(7)} copied, ${t.inTarget} in PostgreSQL`);
  const moved = report.sequences.map((s) => `${s.table} (next id ${s.next})`).join(', ');
  console.log(`ids: new rows continue after the copied ones: ${moved}`);
  const total = report.tables.reduce((sum, t) => sum + t.copied, 0);
  console.log(
    `done: ${total} rows in ${report.tables.length} tables, every count matches. ` +
      'Start the server with DATABASE_URL set to this database. 移行が完了しました / moved',
  );
}

async function main(): Promise<void> {
  const args = argsOf(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const pending = await prepareSource(args.from);
  const config: PostgresStoreConfig = { kind: 'postgres', url: args.to, poolSize: 2, statementTimeoutMs: 300_000 };
  console.log(`from SQLite ${args.from} to PostgreSQL ${storeLabel(config)} (the server must be stopped)`);
  if (pending.length > 0) console.log(`brought the SQLite file's schema up to date first (${pending.join(', ')})`);
  let store;
  try {
    // Opening runs the migrations there: an empty database gets the same tables as the file.
    store = await openStore(config, { logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  } catch (e: unknown) {
    if (e instanceof StoreOpenError) throw new CliError(e.message.replace(/^DATABASE_URL/, '--to'));
    throw e;
  }
  const source = new SQLite(args.from, { readonly: true, fileMustExist: true });
  try {
    const unknown = unknownTables(source);
    if (unknown.length > 0)
      throw new CliError(
        `--from: ${args.from} has tables this script does not copy (${unknown.join(', ')}); nothing was copied`,
      );
    const occupied = await occupiedTables(store.db);
    if (occupied.length > 0) {
      const which = occupied.map((t) => `${t.table}: ${t.rows} rows`).join(', ');
      throw new CliError(
        `the PostgreSQL database already holds data (${which}); nothing was copied. ` +
          'Copy only into a new, empty database (createdb), so no booking is mixed with or overwritten by another.',
      );
    }
    printReport(await copyToPostgres(source, store.db));
  } finally {
    source.close();
    await store.close();
  }
}

main().catch((e: unknown) => {
  if (e instanceof CliError) console.error(e.message);
  else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${e.message}\n${USAGE}`);
  } else {
    // A database error's message names the table or constraint; its detail (which may quote a row) is left out.
    const { code, message } = e as { code?: unknown; message?: unknown };
    const why = typeof message === 'string' ? message : 'unknown error';
    console.error(`failed, nothing was copied: ${why}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  process.exitCode = 1;
});
