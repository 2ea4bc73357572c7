import type { Db } from '../database.js';

/** Switches staff flip at run time (e.g. immediate sessions on or off), kept across restarts. */
export async function getSwitch(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('office_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value === 'on';
}

export async function setSwitch(db: Db, key: string, on: boolean, now: string): Promise<void> {
  const value = on ? 'on' : 'off';
  await db
    .insertInto('office_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

export async function capacityOverrides(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('capacity_overrides').select(['slot_key', 'capacity']).execute();
  return new Map(rows.map((r) => [r.slot_key, r.capacity]));
}

export async function setCapacity(db: Db, slotKey: string, capacity: number, now: string): Promise<void> {
  await db
    .insertInto('capacity_overrides')
    .values({ slot_key: slotKey, capacity, updated_at: now })
    .onConflict((oc) => oc.column('slot_key').doUpdateSet({ capacity, updated_at: now }))
    .execute();
}
