/**
 * Which database the server keeps its data in, read once from the configuration (src/config.ts).
 * SQLite, a file beside the server, is the default for one office; PostgreSQL lets several server
 * processes share one database (docs/storage.md).
 */
export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;

export interface SqliteStoreConfig {
  kind: 'sqlite';
  /** A file path, or ':memory:' for throwaway databases. */
  path: string;
}

export interface PostgresStoreConfig {
  kind: 'postgres';
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  url: string;
  /** Connections this process keeps open at most (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** A statement running longer is cancelled, so a stuck query cannot hold a connection (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
}

/** The variable that chose the store: refusals and start-up messages name it. */
export function storeVariable(config: StoreConfig): 'SQLITE_PATH' | 'DATABASE_URL' {
  return config.kind === 'sqlite' ? 'SQLITE_PATH' : 'DATABASE_URL';
}

/** Where the data is, fit for a log line or a banner: a PostgreSQL URL loses its password. */
export function storeLabel(config: StoreConfig): string {
  if (config.kind === 'sqlite') return config.path;
  try {
    const url = new URL(config.url);
    url.password = '';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
