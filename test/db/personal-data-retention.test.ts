import { describe, expect, it } from 'vitest';
import { getBooking, insertRequest, updateBooking } from '../../db/repositories/bookings-repository.js';
import { erasePersonalData } from '../../db/repositories/retention-repository.js';
import { recordStaffAction, staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const t = useTempDatabase('retention');
const CUTOFF = '2026-06-01T00:00:00.000Z';
const NOW = '2026-12-01T00:00:00.000Z';

const choice = (start: string) => ({ start, end: start.replace(':00:00', ':40:00'), slotKey: `r:${start}` });

/** A request made on `createdAt` for two times, then changed as `patch` says (status, times...). */
async function booking(
  id: string,
  createdAt: string,
  times: [string, string],
  patch: Parameters<typeof updateBooking>[2] = {},
) {
  await insertRequest(t.db, sampleRequest(id, `U${id}`, [choice(times[0]), choice(times[1])], createdAt));
  await updateBooking(t.db, id, { updatedAt: createdAt, ...patch }, createdAt);
}

describe('erasing personal details after the retention period', () => {
  it('erases bookings over before the cutoff, whatever their status, and keeps the rest', async () => {
    const old = ['2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z'] as [string, string];
    await booking('cancelled', '2026-03-01T00:00:00.000Z', old, {
      status: 'cancelled',
      cancelReason: '体調不良のため（本人より電話）',
      updatedAt: '2026-03-01T05:00:00.000Z',
    });
    await booking('unmarked', '2026-03-01T00:00:00.000Z', old, {
      status: 'confirmed',
      confirmedStart: old[0],
      confirmedEnd: old[0].replace(':00:00', ':40:00'),
      meetingId: '123 456 789',
      meetingPasscode: 'x1',
      interpreter: true,
      companion: 'interpreter',
      companionLanguage: 'ベトナム語',
      meetingUrl: 'https://zoom.example/j/123456789',
    });
    await booking('unanswered', '2026-03-01T00:00:00.000Z', old);
    // Changed after the cutoff: a late attendance mark, say.
    await booking('recentlyChanged', '2026-03-01T00:00:00.000Z', old, {
      status: 'attended',
      updatedAt: '2026-07-01T00:00:00.000Z',
    });
    // Requested long ago, but its confirmed session is after the cutoff.
    await booking('heldLater', '2026-03-01T00:00:00.000Z', old, {
      status: 'confirmed',
      confirmedStart: '2026-06-10T01:00:00.000Z',
      confirmedEnd: '2026-06-10T01:40:00.000Z',
    });
    // A proposal after the cutoff keeps it too, and so does either choice after it.
    await booking('proposedLater', '2026-03-01T00:00:00.000Z', old, {
      proposedStart: '2026-06-10T01:00:00.000Z',
      proposedEnd: '2026-06-10T01:40:00.000Z',
    });
    await booking('firstLater', '2026-03-01T00:00:00.000Z', ['2026-06-10T01:00:00.000Z', old[1]], {
      status: 'cancelled',
      cancelReason: 'expired',
    });
    await booking('secondLater', '2026-03-01T00:00:00.000Z', [old[0], '2026-06-10T01:00:00.000Z'], {
      status: 'cancelled',
      cancelReason: 'expired',
    });
    // The system's own reason codes are kept for counting.
    await booking('expired', '2026-03-01T00:00:00.000Z', old, { status: 'cancelled', cancelReason: 'expired' });
    await recordStaffAction(t.db, {
      subjectId: 'cancelled',
      action: 'cancel',
      staffId: 'api:山田',
      via: 'api',
      detail: { reason: '体調不良のため（本人より電話）', byUser: false },
      at: '2026-03-01T05:00:00.000Z',
    });
    await recordStaffAction(t.db, {
      subjectId: 'unmarked',
      action: 'confirm',
      staffId: 'api:山田',
      via: 'api',
      detail: { start: old[0] },
      at: '2026-03-01T04:00:00.000Z',
    });

    expect(await erasePersonalData(t.db, CUTOFF, NOW)).toEqual({ bookings: 4, immediateRequests: 0 });

    for (const id of ['cancelled', 'unmarked', 'unanswered']) {
      const row = (await getBooking(t.db, id))!;
      expect(row).toMatchObject({
        name: '',
        jobSeekerNumber: '',
        email: '',
        phone: '',
        meetingId: null,
        meetingPasscode: null,
        meetingUrl: null,
        cancelReason: null,
        personalDataErasedAt: NOW,
      });
    }
    // The interpreter's language may say where the person comes from; that someone attended stays.
    expect(await getBooking(t.db, 'unmarked')).toMatchObject({
      interpreter: true,
      companion: 'interpreter',
      companionLanguage: null,
    });
    // What the office counts stays.
    expect(await getBooking(t.db, 'cancelled')).toMatchObject({
      status: 'cancelled',
      kind: 'regular',
      choice1Start: old[0],
    });
    expect(await getBooking(t.db, 'unmarked')).toMatchObject({ status: 'confirmed', confirmedStart: old[0] });
    expect(await getBooking(t.db, 'expired')).toMatchObject({ name: '', cancelReason: 'expired' });
    for (const id of ['recentlyChanged', 'heldLater', 'proposedLater', 'firstLater', 'secondLater']) {
      expect(await getBooking(t.db, id)).toMatchObject({
        name: '青森 花子',
        email: 'a@example.jp',
        personalDataErasedAt: null,
      });
    }
    // The cancel reason is gone from the history too; other entries keep their detail.
    expect((await staffActionsOf(t.db, 'cancelled'))[0]).toMatchObject({ action: 'cancel', detail: null });
    expect((await staffActionsOf(t.db, 'unmarked'))[0]?.detail).toContain(old[0]);
  });

  it('works in rounds of at most `limit`, never counting a booking twice', async () => {
    const old = ['2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z'] as [string, string];
    for (const id of ['a', 'b', 'c']) await booking(id, '2026-03-01T00:00:00.000Z', old, { status: 'cancelled' });
    expect((await erasePersonalData(t.db, CUTOFF, NOW, 2)).bookings).toBe(2);
    expect((await erasePersonalData(t.db, CUTOFF, NOW, 2)).bookings).toBe(1);
    expect((await erasePersonalData(t.db, CUTOFF, '2026-12-02T00:00:00.000Z', 2)).bookings).toBe(0);
    expect((await getBooking(t.db, 'a'))?.personalDataErasedAt).toBe(NOW);
  });

  it('blanks the name, number and interpreter language of quick-session requests made before the cutoff', async () => {
    const add = (id: string, created: string) =>
      t.db
        .insertInto('immediate_requests')
        .values({
          id,
          line_user_id: `U${id}`,
          name: '八戸 太郎',
          job_seeker_number: '0201-654321',
          companion: 'interpreter',
          companion_language: 'ネパール語',
          status: 'declined',
          created_at: created,
        })
        .execute();
    await add('old', '2026-05-01T00:00:00.000Z');
    await add('new', '2026-11-30T00:00:00.000Z');
    expect((await erasePersonalData(t.db, CUTOFF, NOW)).immediateRequests).toBe(1);
    expect((await erasePersonalData(t.db, CUTOFF, NOW)).immediateRequests).toBe(0);
    const rows = await t.db
      .selectFrom('immediate_requests')
      .select(['id', 'name', 'job_seeker_number', 'companion', 'companion_language'])
      .orderBy('id')
      .execute();
    // Who attended stays for counting; the language may say where the person comes from.
    expect(rows).toEqual([
      {
        id: 'new',
        name: '八戸 太郎',
        job_seeker_number: '0201-654321',
        companion: 'interpreter',
        companion_language: 'ネパール語',
      },
      { id: 'old', name: '', job_seeker_number: '', companion: 'interpreter', companion_language: null },
    ]);
  });
});

describe('erasing a request filed with one preferred time (docs/office-rules.md §9)', () => {
  it('erases it once its one choice is before the cutoff, and keeps it while the choice is after', async () => {
    const one = async (id: string, start: string) => {
      await insertRequest(t.db, sampleRequest(id, `U${id}`, [choice(start)], '2026-03-01T00:00:00.000Z'));
      await updateBooking(t.db, id, { updatedAt: '2026-03-01T00:00:00.000Z' }, '2026-03-01T00:00:00.000Z');
    };
    await one('oneOld', '2026-03-02T01:00:00.000Z');
    await one('oneLater', '2026-06-10T01:00:00.000Z');
    expect(await erasePersonalData(t.db, CUTOFF, NOW)).toEqual({ bookings: 1, immediateRequests: 0 });
    expect(await getBooking(t.db, 'oneOld')).toMatchObject({ name: '', choice2Start: null, personalDataErasedAt: NOW });
    expect(await getBooking(t.db, 'oneLater')).toMatchObject({ name: '青森 花子', personalDataErasedAt: null });
  });
});
