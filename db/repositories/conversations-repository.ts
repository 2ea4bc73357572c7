import type { Db } from '../database.js';

export interface StoredConversation {
  machineVersion: number;
  snapshot: unknown;
  updatedAt: string;
}

export async function loadConversation(db: Db, lineUserId: string): Promise<StoredConversation | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select(['machine_version', 'snapshot', 'updated_at'])
    .where('line_user_id', '=', lineUserId)
    .executeTakeFirst();
  if (!row) return undefined;
  let snapshot: unknown = null;
  try {
    snapshot = JSON.parse(row.snapshot) as unknown;
  } catch {
    // An unreadable snapshot is restored as a fresh conversation (the user is told), not an error.
  }
  return { machineVersion: row.machine_version, snapshot, updatedAt: row.updated_at };
}

export async function saveConversation(
  db: Db,
  lineUserId: string,
  machineVersion: number,
  snapshot: unknown,
  now: string,
): Promise<void> {
  const text = JSON.stringify(snapshot);
  await db
    .insertInto('conversations')
    .values({ line_user_id: lineUserId, machine_version: machineVersion, snapshot: text, updated_at: now })
    // `excluded`: the inserted row's values, so the draft is encrypted once (db/encrypted-columns.ts).
    .onConflict((oc) =>
      oc.column('line_user_id').doUpdateSet((eb) => ({
        machine_version: eb.ref('excluded.machine_version'),
        snapshot: eb.ref('excluded.snapshot'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
