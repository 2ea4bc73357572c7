import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { insertRequest, slotOccupancy, updateBooking } from '../../db/repositories/bookings-repository.js';
import { createOccupancyCache } from '../../src/bookings/occupancy-cache.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('occupancy-cache');

const FROM = '2026-12-01T00:00:00.000Z';
const UNTIL = '2027-02-01T00:00:00.000Z';
const SLOT = 'regular|2026-12-08|630';

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
      FROM,
    ),
  );
}

describe('occupancy cache', () => {
  it('counts as the query does, and keeps the count while no booking changes', async () => {
    const { db } = temp;
    await request(db);
    const cache = createOccupancyCache();
    const first = await cache.occupancy(db, FROM, UNTIL);
    expect([...first]).toEqual([...(await slotOccupancy(db, FROM, UNTIL))]);
    expect(first.get(SLOT)).toBe(1);
    expect(await cache.occupancy(db, FROM, UNTIL)).toBe(first); // the same map: not counted again
  });

  it('counts again after a request is filed or a booking changes', async () => {
    const { db } = temp;
    const cache = createOccupancyCache();
    expect((await cache.occupancy(db, FROM, UNTIL)).get(SLOT)).toBeUndefined();
    await request(db);
    expect((await cache.occupancy(db, FROM, UNTIL)).get(SLOT)).toBe(1);
    await updateBooking(db, `b${n}`, { status: 'cancelled' }, FROM);
    expect((await cache.occupancy(db, FROM, UNTIL)).get(SLOT)).toBeUndefined();
  });

  it('never serves what a rolled-back transaction saw', async () => {
    const { db } = temp;
    const cache = createOccupancyCache();
    await expect(
      db.transaction().execute(async (trx) => {
        await request(trx);
        expect((await cache.occupancy(trx, FROM, UNTIL)).get(SLOT)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await cache.occupancy(db, FROM, UNTIL)).get(SLOT)).toBeUndefined();
  });

  it('counts again for a window it does not cover, and after its maximum age', async () => {
    const { db } = temp;
    const cache = createOccupancyCache(0);
    const first = await cache.occupancy(db, FROM, UNTIL);
    expect(await cache.occupancy(db, FROM, UNTIL)).not.toBe(first);
    const lasting = createOccupancyCache();
    const narrow = await lasting.occupancy(db, FROM, '2026-12-15T00:00:00.000Z');
    expect(await lasting.occupancy(db, FROM, UNTIL)).not.toBe(narrow);
  });
});
