import type { Db } from '../database.js';

/** Office closure days from `from` on (inclusive), as YYYY-MM-DD. */
export async function closureDates(db: Db, from: string): Promise<Set<string>> {
  const rows = await db.selectFrom('closures').select('date').where('date', '>=', from).execute();
  return new Set(rows.map((r) => r.date));
}

export async function addClosure(db: Db, date: string, note: string | null, now: string): Promise<void> {
  await db.insertInto('closures').values({ date, note, created_at: now }).onConflict((oc) => oc.column('date').doUpdateSet({ note })).execute();
}
