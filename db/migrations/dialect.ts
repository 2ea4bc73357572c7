import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The few places where the two stores' SQL must differ are decided here, from the database the
 * migration runs on, so every migration stays one file for both (docs/storage.md).
 */
export function onPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A whole-number key the database numbers itself: SQLite's `integer primary key autoincrement`,
 * PostgreSQL's identity column (which has no `autoincrement` keyword).
 */
export function generatedId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return onPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}
