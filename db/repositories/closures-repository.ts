import type { Db } from '../database.js';
import { markOfficeChanged } from './office-state-repository.js';

/** An office closure day (閉庁日) as staff entered it. */
export interface Closure {
  /** YYYY-MM-DD (a Japan date). */
  date: string;
  note: string | null;
  createdAt: string;
}

/** Office closure days from `from` on (inclusive), as YYYY-MM-DD. */
export async function closureDates(db: Db, from: string): Promise<Set<string>> {
  const rows = await db.selectFrom('closures').select('date').where('date', '>=', from).execute();
  return new Set(rows.map((r) => r.date));
}

export async function addClosure(db: Db, date: string, note: string | null, now: string): Promise<void> {
  await markOfficeChanged(db, now);
  await db
    .insertInto('closures')
    .values({ date, note, created_at: now })
    .onConflict((oc) => oc.column('date').doUpdateSet({ note }))
    .execute();
}

/** Closure days from `from` on (inclusive), in date order. */
export async function listClosures(db: Db, from: string): Promise<Closure[]> {
  const rows = await db.selectFrom('closures').selectAll().where('date', '>=', from).orderBy('date').execute();
  return rows.map(closureOf);
}

export async function getClosure(db: Db, date: string): Promise<Closure | undefined> {
  const row = await db.selectFrom('closures').selectAll().where('date', '=', date).executeTakeFirst();
  return row ? closureOf(row) : undefined;
}

/** True when there was such a closure day. */
export async function removeClosure(db: Db, date: string, now: string): Promise<boolean> {
  const r = await db.deleteFrom('closures').where('date', '=', date).executeTakeFirst();
  const removed = Number(r.numDeletedRows) > 0;
  if (removed) await markOfficeChanged(db, now);
  return removed;
}

function closureOf(row: { date: string; note: string | null; created_at: string }): Closure {
  return { date: row.date, note: row.note, createdAt: row.created_at };
}
