import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dataKeyVariable, type DataKeyConfig } from './data-key-config.js';
import {
  BLIND_INDEXES,
  ENCRYPTED_COLUMNS,
  jobSeekerNumberKey,
  PLAIN_VALUES,
  staysPlain,
  type EncryptedTable,
} from './encrypted-columns.js';
import { createFieldCipher, DATA_KEY_BYTES, isEncryptedValue, parseDataKey, type FieldCipher } from './field-cipher.js';
import type { Db } from './database.js';
import { officeStateValue, putOfficeState } from './repositories/office-state-repository.js';

/** Start-up stops: the key is missing, unreadable or not the one the data is under. One line, naming the variable. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

/** The office_state row that proves a key: a known text encrypted under the key every value is under. */
const CHECK_KEY = 'data_key_check';
const CHECK_TEXT = 'personal data key check';

/**
 * The office_state row naming the columns whose stored values were last brought under encryption:
 * a version that encrypts one more column seals the values it finds there on its first start.
 */
const SEALED_KEY = 'encrypted_columns';
const SEALED_COLUMNS = Object.entries(ENCRYPTED_COLUMNS)
  .flatMap(([table, columns]) => columns.map((c) => `${table}.${c}`))
  .sort()
  .join(',');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads before the migrations (the schema as found) and walks the encrypted tables by name
type AnyDb = Kysely<any>;

/** The store's own types for office_state, which every version of the schema has had. */
const typed = (db: AnyDb): Db => db as Db;

export interface OpenedDataKey {
  cipher: FieldCipher;
  /** The key file created on this start (nothing was configured), to be said so. */
  generated: string | null;
  /** The key id every stored value was last brought under (null: nothing stored yet). */
  checkedKeyId: string | null;
}

function readKeyFile(file: string, variable: string): Buffer[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    throw new DataKeyError(
      `${variable}: cannot read the key file ${file} (${typeof code === 'string' ? code : 'error'})`,
    );
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const keys = lines.map(parseDataKey);
  if (keys.length === 0 || keys.some((k) => k === null))
    throw new DataKeyError(
      `${variable}: ${file} must hold one key a line, each ${DATA_KEY_BYTES} bytes in base64 or hex (e.g. \`openssl rand -base64 32\`)`,
    );
  return keys as Buffer[];
}

/** Creates a key file readable by its owner only; another process starting at once may win the race. */
function createKeyFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const key = randomBytes(DATA_KEY_BYTES);
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e: unknown) {
    if ((e as { code?: unknown }).code === 'EEXIST') return readKeyFile(file, file)[0]!;
    throw e;
  }
  fs.chmodSync(file, 0o600); // whatever the umask
  return key;
}

async function tableExists(db: AnyDb, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}

async function storedCheck(db: AnyDb): Promise<string | null> {
  if (!(await tableExists(db, 'office_state'))) return null;
  return (await officeStateValue(typed(db), CHECK_KEY)) ?? null;
}

/**
 * Finds the data key before anything is written: reads the configured keys, or the generated
 * key file (created when the database holds no encrypted data yet), and checks them against the
 * database's check value. Refuses, touching nothing, when the key is missing or is not the one
 * the data is under. `db` is the store without the cipher, before its migrations.
 */
export async function openDataKey(db: AnyDb, config: DataKeyConfig): Promise<OpenedDataKey> {
  const variable = dataKeyVariable(config);
  const check = await storedCheck(db);
  const checkId = check === null ? null : (/^v1:([0-9a-f]{8}):/.exec(check)?.[1] ?? 'unknown');
  let keys: readonly Buffer[];
  let generated: string | null = null;
  if (config.kind === 'keys') keys = config.keys;
  else if (config.kind === 'file') keys = readKeyFile(config.path, variable);
  else if (config.path !== null && fs.existsSync(config.path)) keys = readKeyFile(config.path, config.path);
  else if (checkId !== null)
    throw new DataKeyError(
      `${variable} is not set and ${config.path ?? 'no key file'} is missing, but the database holds personal data encrypted under key ${checkId}: set ${variable} to that key`,
    );
  else {
    keys = [config.path === null ? randomBytes(DATA_KEY_BYTES) : createKeyFile(config.path)];
    generated = config.path;
  }
  const cipher = createFieldCipher(keys);
  if (check !== null && checkId !== null) {
    if (!cipher.keyIds.includes(checkId))
      throw new DataKeyError(
        `${variable}: not the key this database's personal data is encrypted under (key ${checkId}; configured: ${cipher.keyIds.join(', ')}); set that key, or keep it in DATA_ENCRYPTION_OLD_KEYS until \`npm run rotate-key\` has run`,
      );
    let opened = '';
    try {
      opened = cipher.decrypt(check);
    } catch {
      // Reported below, as any other mismatch.
    }
    if (opened !== CHECK_TEXT)
      throw new DataKeyError(`${variable}: the key with id ${checkId} does not open this database's data`);
  }
  return { cipher, generated, checkedKeyId: checkId };
}

async function writeCheck(db: AnyDb, cipher: FieldCipher, now: string): Promise<void> {
  await putOfficeState(typed(db), CHECK_KEY, cipher.encrypt(CHECK_TEXT), now);
}

/** Each table's key column, to write back exactly the row that was read. */
const PRIMARY_KEY: Record<EncryptedTable, string> = {
  bookings: 'id',
  immediate_requests: 'id',
  conversations: 'line_user_id',
  outbox: 'id',
  inbox: 'webhook_event_id',
  idempotency_keys: 'key',
  staff_actions: 'id',
  audit_log: 'id',
};

const BATCH = 200;

/**
 * Brings every stored personal value under the current key: plain values from before encryption
 * are encrypted, values under an older key re-encrypted, and blind indexes written anew. Each row
 * is written back only if it still holds what was read, so a value changed or erased meanwhile (a
 * server running on the same database) is never brought back. Then the check value moves to the
 * current key, after which older keys may be dropped. Returns how many rows were rewritten.
 */
export async function reencryptAll(
  db: AnyDb,
  cipher: FieldCipher,
  now: string,
  options: { plainOnly?: boolean } = {},
): Promise<number> {
  const raw = db.withoutPlugins();
  // Values not yet under the current key; with plainOnly, values not encrypted at all.
  const done = options.plainOnly ? 'v1:%' : `v1:${cipher.currentKeyId}:%`;
  let rewritten = 0;
  for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS) as [EncryptedTable, readonly string[]][]) {
    const pk = PRIMARY_KEY[table];
    const indexes: Record<string, string> = (BLIND_INDEXES as Record<string, Record<string, string>>)[table] ?? {};
    const plain: Record<string, readonly string[]> = PLAIN_VALUES[table] ?? {};
    let after: string | number | null = null;
    for (;;) {
      let q = raw
        .selectFrom(table)
        .select([pk, ...columns])
        .where((eb) =>
          eb.or(
            columns.map((c) =>
              eb.and([
                eb(c, 'is not', null),
                eb(c, '!=', ''),
                eb(c, 'not like', done),
                ...(plain[c] ? [eb(c, 'not in', [...plain[c]])] : []),
              ]),
            ),
          ),
        )
        .orderBy(pk)
        .limit(BATCH);
      if (after !== null) q = q.where(pk, '>', after);
      const rows = (await q.execute()) as Record<string, string | number | null>[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const set: Record<string, string | null> = {};
        for (const c of columns) {
          const v = row[c];
          if (typeof v !== 'string' || v === '' || staysPlain(table, c, v)) continue;
          if (options.plainOnly && isEncryptedValue(v)) continue;
          const opened = cipher.decrypt(v);
          set[c] = cipher.encrypt(opened);
          if (indexes[c]) set[indexes[c]] = cipher.blindIndex(jobSeekerNumberKey(opened));
        }
        if (Object.keys(set).length === 0) continue;
        let u = raw.updateTable(table).set(set).where(pk, '=', row[pk]!);
        for (const c of columns) u = row[c] === null ? u.where(c, 'is', null) : u.where(c, '=', row[c]!);
        const r = await u.executeTakeFirst();
        rewritten += Number(r.numUpdatedRows);
      }
      after = rows[rows.length - 1]![pk]!;
    }
  }
  if (!options.plainOnly) await writeCheck(raw, cipher, now);
  await putOfficeState(typed(raw), SEALED_KEY, SEALED_COLUMNS, now);
  return rewritten;
}

/**
 * After the migrations: the first start with encryption (no check value yet) encrypts what was
 * stored before, and so does the first start of a version that encrypts another column (its
 * values from before); other starts do nothing here. Returns the rows encrypted.
 */
export async function sealStoredData(db: AnyDb, opened: OpenedDataKey, now: string): Promise<number> {
  if (opened.checkedKeyId === null) return reencryptAll(db, opened.cipher, now);
  if ((await officeStateValue(typed(db), SEALED_KEY)) === SEALED_COLUMNS) return 0;
  return reencryptAll(db, opened.cipher, now, { plainOnly: true });
}

/** How many stored values are still under an older key (after a rotation, before rotate-key). */
export async function valuesUnderOlderKeys(db: AnyDb, cipher: FieldCipher): Promise<number> {
  const raw = db.withoutPlugins();
  let n = 0;
  for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
    for (const c of columns) {
      const row = (await raw
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where(c, 'like', 'v1:%')
        .where(c, 'not like', `v1:${cipher.currentKeyId}:%`)
        .executeTakeFirst()) as { n: number | string } | undefined;
      n += Number(row?.n ?? 0);
    }
  }
  return n;
}
