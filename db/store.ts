import type { Logger } from '../src/infra/logger.js';
import { startCheckpointer } from './checkpointer.js';
import type { Committer } from './committer.js';
import { databaseFile, openDatabase, type Db } from './database.js';
import { createGroupCommitter } from './group-commit.js';
import { openPostgres } from './postgres-store.js';
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
}

export async function openStore(config: StoreConfig, options: OpenStoreOptions): Promise<Store> {
  const where = { label: storeLabel(config), variable: storeVariable(config) };
  if (config.kind === 'postgres') {
    const { db, committer } = await openPostgres(config, options.logger);
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
  const db = await openDatabase({ path: config.path });
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
