/**
 * `npm run backup -- [--to FILE]`: a consistent copy of the SQLite database (SQLITE_PATH from the
 * environment or `.env`), made with SQLite's online backup while the server keeps running, so it
 * needs no downtime. By default the copy goes to `backups/<name>-<UTC time>.db` in the database's
 * folder. The copy holds personal data: its folder is created readable by the owner only (0700)
 * and the file is 0600. The copy is then opened and checked (PRAGMA integrity_check) and one line
 * says where it is, its size and how many bookings it holds.
 *
 * A PostgreSQL database (DATABASE_URL) is backed up with pg_dump instead; the script says how.
 */
import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { storeLabel } from '../db/store-config.js';
import { loadConfig } from '../src/config.js';

const USAGE = `使い方 / usage: npm run backup -- [--to FILE]
  The server may keep running. Without --to, the copy goes to backups/<name>-<UTC time>.db beside the database.`;

/** A problem to report in one line, with exit code 1 (no stack trace). */
class CliError extends Error {}

/** 20261206T131500Z: sorts by time, and has no characters a file system or shell minds. */
function utcStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function defaultBackupFile(databasePath: string, now: Date): string {
  const dir = path.join(path.dirname(path.resolve(databasePath)), 'backups');
  const name = path.basename(databasePath).replace(/\.(db|sqlite3?)$/, '');
  return path.join(dir, `${name}-${utcStamp(now)}.db`);
}

/** What pg_dump needs, with the URL's password left out (pg_dump asks for it, or reads PGPASSWORD/~/.pgpass). */
function pgDumpAdvice(url: string, now: Date): string {
  const where = storeLabel({ kind: 'postgres', url, poolSize: 1, statementTimeoutMs: 1000 });
  return [
    'DATABASE_URL is set: the data is in PostgreSQL, which this script does not copy.',
    'Back it up with pg_dump (it asks for the password, or reads PGPASSWORD or ~/.pgpass):',
    `  pg_dump --format=custom --file=backup-${utcStamp(now)}.dump '${where}'`,
    `Restore into an empty database with: pg_restore --dbname='<database URL>' backup-${utcStamp(now)}.dump`,
  ].join('\n');
}

function humanSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface BackupResult {
  file: string;
  bytes: number;
  bookings: number;
}

/**
 * Copies `source` to `target` with SQLite's backup API, which reads a consistent state of the
 * database even while the server writes (it starts over when a write lands mid-copy), then makes
 * the copy a single self-contained file and checks it.
 */
async function backup(source: string, target: string): Promise<BackupResult> {
  let from: SQLite.Database;
  try {
    from = new SQLite(source, { readonly: true, fileMustExist: true });
  } catch {
    throw new CliError(`no database at ${source} (SQLITE_PATH): nothing to back up`);
  }
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    // Created empty first, owner-only, so the copy is never readable by others even for a moment;
    // 'wx' refuses to overwrite an earlier backup.
    try {
      fs.closeSync(fs.openSync(target, 'wx', 0o600));
    } catch (e: unknown) {
      if ((e as { code?: string }).code === 'EEXIST')
        throw new CliError(`${target} already exists: choose another --to`);
      throw e;
    }
    from.pragma('busy_timeout = 5000');
    try {
      await from.backup(target);
    } catch (e: unknown) {
      fs.rmSync(target, { force: true });
      throw e;
    }
  } finally {
    from.close();
  }
  const copy = new SQLite(target, { fileMustExist: true });
  let bookings: number;
  try {
    // The source runs in WAL mode; a backup should be one file that opens anywhere, with no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check') as { integrity_check: string }[];
    const verdict = integrity.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok')
      throw new CliError(`the copy at ${target} failed its integrity check (${verdict}): do not rely on it`);
    bookings = (copy.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n;
  } finally {
    copy.close();
  }
  fs.chmodSync(target, 0o600);
  return { file: target, bytes: fs.statSync(target).size, bookings };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(process.env);
  const now = new Date();
  if (config.store.kind === 'postgres') throw new CliError(pgDumpAdvice(config.store.url, now));
  const source = config.store.path;
  if (source === ':memory:') throw new CliError('SQLITE_PATH is :memory:, which keeps nothing to back up');
  const target = path.resolve(values.to ?? defaultBackupFile(source, now));
  const r = await backup(source, target);
  console.log(
    `backup: ${r.file} (${humanSize(r.bytes)}, ${r.bookings} bookings, integrity ok) ` +
      `バックアップしました / backed up`,
  );
}

main().catch((e: unknown) => {
  if (e instanceof CliError) console.error(e.message);
  else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${e.message}\n${USAGE}`);
  } else console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
