import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { insertRequest, slotOccupancy, updateBooking } from '../../db/repositories/bookings-repository.js';
import { addClosure, removeClosure } from '../../db/repositories/closures-repository.js';
import { IMMEDIATE_SWITCH, setCapacity, setSwitch } from '../../db/repositories/office-state-repository.js';
import { ensureTermsVersion } from '../../db/repositories/terms-repository.js';
import { loadCalendar } from '../../src/bookings/calendar-facts.js';
import { createOfficeFactsCache } from '../../src/bookings/office-facts-cache.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('office-facts-cache');

/** 10:00 in Japan on Tuesday 1 December 2026. */
const NOW = '2026-12-01T01:00:00.000Z';
const FROM = '2026-11-30T15:00:00.000Z';
const UNTIL = '2027-02-01T00:00:00.000Z';
const SLOT = 'regular|2026-12-08|630';
const settings = defaultOfficeSettings;

let n = 0;
function request(db: Db, slot = SLOT) {
  n += 1;
  return insertRequest(
    db,
    sampleRequest(
      `b${n}`,
      `U${n}`,
      [
        { start: '2026-12-08T01:30:00.000Z', end: '2026-12-08T02:10:00.000Z', slotKey: slot },
        { start: '2026-12-09T01:30:00.000Z', end: '2026-12-09T02:10:00.000Z', slotKey: 'regular|2026-12-09|630' },
      ],
      NOW,
    ),
  );
}

const terms = (id: string, effectiveFrom: string) => ({
  id,
  effectiveFrom,
  url: `https://example.jp/terms/${id}`,
  summary: null,
  consentSummary: `${id}の要点`,
});

describe('office facts cache', () => {
  it('reads what a fresh read does, and keeps it while nothing changes', async () => {
    const { db } = temp;
    await request(db);
    await addClosure(db, '2026-12-10', null, NOW);
    await setCapacity(db, 'regular|2026-12-11|600', 3, NOW);
    await ensureTermsVersion(db, terms('v1', '2026-11-01'), NOW);
    await ensureTermsVersion(db, terms('v2', '2027-01-01'), NOW);
    const cache = createOfficeFactsCache();
    const first = await cache.read(db, settings, NOW);
    const fresh = await loadCalendar(db, settings, NOW);
    expect(first.calendar.closures).toEqual(fresh.closures);
    expect(first.calendar.capacityOverrides).toEqual(fresh.capacityOverrides);
    expect([...first.calendar.occupancy]).toEqual([...(await slotOccupancy(db, FROM, UNTIL))]);
    expect(first.calendar.occupancy.get(SLOT)).toBe(1);
    // The version in force today, not the newest registered.
    expect(first.terms?.id).toBe('v1');
    expect(first.immediateOn).toBe(false);
    const again = await cache.read(db, settings, NOW);
    // The same objects: nothing was read again.
    expect(again.calendar.occupancy).toBe(first.calendar.occupancy);
    expect(again.calendar.closures).toBe(first.calendar.closures);
    // The terms in force follow the date even while nothing is read again.
    expect((await cache.read(db, settings, '2027-01-01T00:00:00.000Z')).terms?.id).toBe('v2');
  });

  it('counts again after a request is filed or a booking changes', async () => {
    const { db } = temp;
    const cache = createOfficeFactsCache();
    expect((await cache.read(db, settings, NOW)).calendar.occupancy.get(SLOT)).toBeUndefined();
    await request(db);
    expect((await cache.read(db, settings, NOW)).calendar.occupancy.get(SLOT)).toBe(1);
    await updateBooking(db, `b${n}`, { status: 'cancelled' }, NOW);
    expect((await cache.read(db, settings, NOW)).calendar.occupancy.get(SLOT)).toBeUndefined();
  });

  it('reads closure days, capacity and terms again after staff change any of them', async () => {
    const { db } = temp;
    const cache = createOfficeFactsCache();
    const closures = async () => [...(await cache.read(db, settings, NOW)).calendar.closures];
    expect(await closures()).toEqual([]);
    await addClosure(db, '2026-12-10', '研修', NOW);
    expect(await closures()).toEqual(['2026-12-10']);
    await removeClosure(db, '2026-12-10', NOW);
    expect(await closures()).toEqual([]);
    await setCapacity(db, 'regular|2026-12-11|600', 0, NOW);
    expect((await cache.read(db, settings, NOW)).calendar.capacityOverrides?.get('regular|2026-12-11|600')).toBe(0);
    expect((await cache.read(db, settings, NOW)).terms).toBeUndefined();
    await ensureTermsVersion(db, terms('v1', '2026-11-01'), NOW);
    expect((await cache.read(db, settings, NOW)).terms?.id).toBe('v1');
  });

  it('reads the immediate-session switch on every read', async () => {
    const { db } = temp;
    const cache = createOfficeFactsCache();
    expect((await cache.read(db, settings, NOW)).immediateOn).toBe(false);
    await setSwitch(db, IMMEDIATE_SWITCH, true, NOW);
    expect((await cache.read(db, settings, NOW)).immediateOn).toBe(true);
  });

  it('never serves what a rolled-back transaction saw', async () => {
    const { db } = temp;
    const cache = createOfficeFactsCache();
    await expect(
      db.transaction().execute(async (trx) => {
        await request(trx);
        await addClosure(trx, '2026-12-10', null, NOW);
        const seen = await cache.read(trx, settings, NOW);
        expect(seen.calendar.occupancy.get(SLOT)).toBe(1);
        expect([...seen.calendar.closures]).toEqual(['2026-12-10']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await cache.read(db, settings, NOW);
    expect(after.calendar.occupancy.get(SLOT)).toBeUndefined();
    expect([...after.calendar.closures]).toEqual([]);
  });

  it('reads again on a new day, and after its maximum age', async () => {
    const { db } = temp;
    await addClosure(db, '2026-12-01', null, NOW);
    const lasting = createOfficeFactsCache();
    expect([...(await lasting.read(db, settings, NOW)).calendar.closures]).toEqual(['2026-12-01']);
    // A hand edit of the database bypasses the change token...
    await db.deleteFrom('closures').execute();
    expect([...(await lasting.read(db, settings, NOW)).calendar.closures]).toEqual(['2026-12-01']);
    // ...and is seen on the next day (closure days are read from today on)...
    expect([...(await lasting.read(db, settings, '2026-12-01T15:00:00.000Z')).calendar.closures]).toEqual([]);
    // ...or once the maximum age has passed.
    const brief = createOfficeFactsCache(0);
    const first = await brief.read(db, settings, NOW);
    expect((await brief.read(db, settings, NOW)).calendar.occupancy).not.toBe(first.calendar.occupancy);
  });
});
