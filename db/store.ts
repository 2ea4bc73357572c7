import type { Logger } from '../src/infra/logger.js';
import { startCheckpointer } from './checkpointer.js';
import type { Committer } from './committer.js';
import { databaseFile, openDatabase, type Db } from './database.js';
import { createGroupCommitter } from './group-commit.js';
import type { DataKeyConfig } from './data-key-config.js';
import { openDataKey, sealStoredData, valuesUnderOlderKeys, type OpenedDataKey } from './data-key.js';
import { FieldCipherPlugin } from './encrypted-columns.js';
import { openPostgres, type StoreHooks } from './postgres-store.js';
import { storeLabel, storeVariable, type StoreConfig } from './store-config.js';
import { openWalSync, type WalSyncOptions } from './wal-sync.js';

export type { StoreConfig } from './store-config.js';

/**
 * The database the server runs on, opened in this one place; the rest of the code sees a Kysely
 * instance and a committer and never asks which engine is behind them (docs/storage.md).
 */
export interface Store {
  readonly kind: StoreConfig['kind'];
  readonly db: Db;
  /** Every write goes through it (db/committer.ts). */
  readonly committer: Committer;
  /**
   * Other server processes may use this database at the same time (PostgreSQL): whatever leaves
   * the database (a message to LINE) is claimed before it is sent, so only one process sends it.
   * A SQLite file has one server process, which needs no claims.
   */
  readonly shared: boolean;
  /** Where the data is, without secrets (for logs and the demo banner). */
  readonly label: string;
  /** The variable that chose it: SQLITE_PATH or DATABASE_URL. */
  readonly variable: 'SQLITE_PATH' | 'DATABASE_URL';
  /** Finishes the work given, then closes the database. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  logger: Logger;
  /** SQLite: called once if commits can no longer be made durable (the disk failed a sync). */
  onFatal?: (error: unknown) => void;
  /** SQLite: how the write-ahead log is synced (tests make the disk fail). */
  walSync?: WalSyncOptions;
  /**
   * The key personal data is encrypted under (docs/storage.md): checked before the migrations
   * (a missing or wrong key stops start-up, touching nothing), then installed on the Kysely
   * instance, which encrypts and decrypts the personal columns (db/encrypted-columns.ts). Without
   * it (tools that copy rows as they are) values are read and written as stored.
   */
  dataKey?: { config: DataKeyConfig; now: () => string };
  /** Read-only checks that refuse the database for a reason of their own before the key is looked at. */
  beforeKey?: (db: Db) => Promise<void>;
}

/** Finds and checks the key before the migrations; afterwards seals rows from before and installs the cipher. */
function cipherHooks(options: OpenStoreOptions): StoreHooks {
  const dataKey = options.dataKey;
  if (!dataKey) return {};
  let opened: OpenedDataKey | undefined;
  return {
    async beforeMigrations(db) {
      await options.beforeKey?.(db);
      opened = await openDataKey(db, dataKey.config);
    },
    async afterMigrations(db) {
      const key = opened!;
      if (key.generated)
        options.logger.warn(
          { keyFile: key.generated },
          'no DATA_ENCRYPTION_KEY set: personal data is encrypted under a key generated in this file; keep it with the database (without it the data cannot be read)',
        );
      const sealed = await sealStoredData(db, key, dataKey.now());
      if (sealed > 0) options.logger.info({ rows: sealed }, 'encrypted personal data stored before encryption');
      if (key.cipher.keyIds.length > 1) {
        const older = await valuesUnderOlderKeys(db, key.cipher);
        if (older > 0)
          options.logger.warn({ values: older }, 'values remain under an older data key; run `npm run rotate-key`');
      }
      return db.withPlugin(new FieldCipherPlugin(key.cipher));
    },
  };
}

export async function openStore(config: StoreConfig, options: OpenStoreOptions): Promise<Store> {
  const where = { label: storeLabel(config), variable: storeVariable(config) };
  if (config.kind === 'postgres') {
    const { db, committer } = await openPostgres(config, options.logger, cipherHooks(options));
    return {
      kind: 'postgres',
      db,
      committer,
      shared: true,
      ...where,
      async close() {
        await committer.close();
        await db.destroy();
      },
    };
  }
  const hooks = cipherHooks(options);
  const opened = await openDatabase({
    path: config.path,
    ...(hooks.beforeMigrations ? { beforeMigrations: hooks.beforeMigrations } : {}),
  });
  let db: Db;
  try {
    db = hooks.afterMigrations ? await hooks.afterMigrations(opened) : opened;
  } catch (e: unknown) {
    await opened.destroy();
    throw e;
  }
  const inMemory = config.path === ':memory:';
  const checkpointer = inMemory ? null : await startCheckpointer(db, { path: config.path, logger: options.logger });
  const walSync = openWalSync(await databaseFile(db), options.walSync);
  const committer = createGroupCommitter(db, { walSync, ...(options.onFatal ? { onFatal: options.onFatal } : {}) });
  // Only the unexpected case is worth an operator's attention: commits then hold the event loop.
  if (!inMemory)
    options.logger[walSync ? 'debug' : 'warn']({ logSync: walSync ? 'thread pool' : 'on commit' }, 'database open');
  return {
    kind: 'sqlite',
    db,
    committer,
    shared: false,
    ...where,
    async close() {
      await committer.close();
      await checkpointer?.stop();
      await db.destroy();
      await walSync?.close();
    },
  };
}
