/**
 * Reads and small writes only the staff API needs, over the shared schema. The repositories
 * under db/ stay the place for what the conversation and the jobs use too.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import { ACTIVE_STATUSES } from '../../db/repositories/bookings-repository.js';
import type { ClosuresTable, TermsVersionsTable, UsersTable } from '../../db/schema.js';
import { addDays, parseSlotKey, toInstant, type IsoDate, type SessionKind } from '../calendar/index.js';

export type ClosureRow = Selectable<ClosuresTable>;
export type UserRow = Selectable<UsersTable>;
export type TermsRow = Selectable<TermsVersionsTable>;

export async function listClosures(db: Db, from: IsoDate): Promise<ClosureRow[]> {
  return db.selectFrom('closures').selectAll().where('date', '>=', from).orderBy('date').execute();
}

export async function getClosure(db: Db, date: IsoDate): Promise<ClosureRow | undefined> {
  return db.selectFrom('closures').selectAll().where('date', '=', date).executeTakeFirst();
}

/** True when there was such a closure day. */
export async function removeClosure(db: Db, date: IsoDate): Promise<boolean> {
  const r = await db.deleteFrom('closures').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Open bookings a closure of `date` touches: confirmed sessions that day, and requests with
 * either choice that day. Closing a day does not cancel them; staff see them and decide.
 */
export async function openBookingIdsOn(db: Db, date: IsoDate): Promise<string[]> {
  const from = toInstant({ date, minutes: 0 });
  const to = toInstant({ date: addDays(date, 1), minutes: 0 });
  const rows = await db
    .selectFrom('bookings')
    .select('id')
    .where('status', 'in', ACTIVE_STATUSES)
    .where((eb) => {
      const inDay = (c: 'confirmed_start' | 'choice1_start' | 'choice2_start') => eb.and([eb(c, '>=', from), eb(c, '<', to)]);
      return eb.or([
        eb.and([eb('status', '=', 'confirmed'), inDay('confirmed_start')]),
        eb.and([eb('status', '=', 'requested'), eb.or([inDay('choice1_start'), inDay('choice2_start')])]),
      ]);
    })
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
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

export async function getUser(db: Db, lineUserId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('line_user_id', '=', lineUserId).executeTakeFirst();
}

export async function setBlocked(db: Db, lineUserId: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ blocked_at: at }).where('line_user_id', '=', lineUserId).execute();
}

export async function listTerms(db: Db): Promise<TermsRow[]> {
  return db.selectFrom('terms_versions').selectAll().orderBy('effective_from').orderBy('created_at').execute();
}

export async function getTerms(db: Db, id: string): Promise<TermsRow | undefined> {
  return db.selectFrom('terms_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A switch's stored row (getSwitch gives only its value): when it was last flipped. */
export async function switchRow(db: Db, key: string): Promise<{ on: boolean; updatedAt: string | null }> {
  const row = await db.selectFrom('office_state').select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return { on: row?.value === 'on', updatedAt: row?.updated_at ?? null };
}
