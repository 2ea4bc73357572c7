import { sql, type Kysely } from 'kysely';
import { onPostgres } from './dialect.js';

/**
 * The second preferred time is optional (docs/office-rules.md §9): a request may hold one choice,
 * so `choice2_start`, `choice2_end` and `choice2_slot` become nullable.
 *
 * SQLite cannot drop NOT NULL from a column, so the table is rebuilt the way SQLite documents
 * (https://www.sqlite.org/lang_altertable.html#otheralter): a copy is created from the table's own
 * stored definition with only those three constraints removed, the rows are copied, the old
 * table is dropped, the copy renamed, and every index of the old table created again from its
 * stored definition. (PostgreSQL simply drops the constraints.) Starting from the stored text keeps every column added by later migrations
 * and every index, whatever they are. All of it runs in one transaction: a failure leaves the
 * table as it was. (No other table refers to bookings, so dropping it breaks no foreign key.)
 */
const SECOND_CHOICE = ['choice2_start', 'choice2_end', 'choice2_slot'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) {
    for (const column of SECOND_CHOICE)
      await db.schema
        .alterTable('bookings')
        .alterColumn(column, (c) => c.dropNotNull())
        .execute();
    return;
  }
  await rebuildBookings(db, (definition) =>
    SECOND_CHOICE.reduce(
      (text, column) => replaceOnce(text, `"${column}" text not null`, `"${column}" text`),
      definition,
    ),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from bookings where choice2_start is null`.execute(db);
  // Going back would have to invent a second time for these requests: refuse instead.
  if (Number(rows[0]?.n ?? 0) > 0) throw new Error('bookings with one preferred time exist: cannot require a second');
  if (onPostgres(db)) {
    for (const column of SECOND_CHOICE)
      await db.schema
        .alterTable('bookings')
        .alterColumn(column, (c) => c.setNotNull())
        .execute();
    return;
  }
  await rebuildBookings(db, (definition) =>
    SECOND_CHOICE.reduce(
      (text, column) => replaceOnce(text, `"${column}" text`, `"${column}" text not null`),
      definition,
    ),
  );
}

/** `text` with `from` replaced; throws unless it occurs exactly once (an unexpected definition). */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(`${from},`);
  if (at < 0 || text.indexOf(`${from},`, at + 1) >= 0)
    throw new Error(`bookings table: expected one column definition ${from}`);
  return `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

async function rebuildBookings(db: Kysely<any>, redefine: (definition: string) => string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = 'bookings'`.execute(trx);
    const definition = table.rows[0]?.sql;
    if (!definition) throw new Error('bookings table not found');
    // Indexes SQLite makes itself (the primary key's) have no stored text and come back with the table.
    const indexes = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'index' and tbl_name = 'bookings' and sql is not null`.execute(trx);
    const copy = redefine(definition).replace(/^create table "bookings"/i, 'create table "bookings_rebuilt"');
    if (copy === redefine(definition)) throw new Error('bookings table: unexpected definition');
    await sql.raw(copy).execute(trx);
    await sql`insert into bookings_rebuilt select * from bookings`.execute(trx);
    await sql`drop table bookings`.execute(trx);
    await sql`alter table bookings_rebuilt rename to bookings`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  });
}
