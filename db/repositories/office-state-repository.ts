import { randomUUID } from 'node:crypto';
import { parseSlotKey, type IsoDate, type SessionKind } from '../../src/calendar/index.js';
import type { Db } from '../database.js';

/** The switch the conversation reads before offering an immediate session. */
export const IMMEDIATE_SWITCH = 'immediate';

/**
 * Replaced, in the same transaction, by every write to what the office has set and the
 * conversation reads on each event (closure days, capacity, terms versions).
 */
export const OFFICE_VERSION_KEY = 'office_version';

/**
 * Gives a change token a new value, in the writer's transaction: a reader holding the value it saw
 * before knows nothing the token covers changed since (src/bookings/office-facts-cache.ts). Random,
 * not a counter, so a rolled-back write can never be mistaken for a later one.
 */
export async function replaceChangeToken(db: Db, key: string, now: string): Promise<void> {
  await putOfficeState(db, key, randomUUID(), now);
}

/** Sets one office_state value, written or replaced. */
export async function putOfficeState(db: Db, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('office_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** One office_state value, or undefined for a key never written. */
export async function officeStateValue(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('office_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export const markOfficeChanged = (db: Db, now: string): Promise<void> =>
  replaceChangeToken(db, OFFICE_VERSION_KEY, now);

/** Several office_state values in one read, by key (a key never written is absent). */
export async function officeStateValues(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('office_state')
    .select(['key', 'value'])
    .where('key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Switches staff flip at run time (e.g. immediate sessions on or off), kept across restarts. */
export async function setSwitch(db: Db, key: string, on: boolean, now: string): Promise<void> {
  await putOfficeState(db, key, on ? 'on' : 'off', now);
}

export async function capacityOverrides(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('capacity_overrides').select(['slot_key', 'capacity']).execute();
  return new Map(rows.map((r) => [r.slot_key, r.capacity]));
}

export async function setCapacity(db: Db, slotKey: string, capacity: number, now: string): Promise<void> {
  await markOfficeChanged(db, now);
  await db
    .insertInto('capacity_overrides')
    .values({ slot_key: slotKey, capacity, updated_at: now })
    .onConflict((oc) => oc.column('slot_key').doUpdateSet({ capacity, updated_at: now }))
    .execute();
}

/** A switch's stored row (getSwitch gives only its value): when it was last flipped. */
export async function switchRow(db: Db, key: string): Promise<{ on: boolean; updatedAt: string | null }> {
  const row = await db
    .selectFrom('office_state')
    .select(['value', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  return { on: row?.value === 'on', updatedAt: row?.updated_at ?? null };
}

export interface CapacityOverride {
  kind: SessionKind;
  date: IsoDate;
  start: number;
  capacity: number;
  updatedAt: string;
}

/** Capacity set by staff for slots on or after `from`, in date and time order. */
export async function capacityOverridesFrom(db: Db, from: IsoDate): Promise<CapacityOverride[]> {
  const rows = await db.selectFrom('capacity_overrides').selectAll().execute();
  return rows
    .flatMap((r) => {
      const slot = parseSlotKey(r.slot_key);
      return slot && slot.date >= from ? [{ ...slot, capacity: r.capacity, updatedAt: r.updated_at }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.start - b.start || a.kind.localeCompare(b.kind));
}
