import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addClosure } from '../../db/repositories/closures-repository.js';
import { ChatDriver } from '../support/chat-driver.js';
import { answerUntilDates, requestViaChat, startStaffHarness, type StaffHarness } from './staff-support.js';

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

const labels = (u: ChatDriver) => u.lastActions().map((a) => a.label);

describe('staff API: closure days', () => {
  it('should make a closed date unbookable in the chat', async () => {
    const put = await s.api('PUT', '/api/closures/2026-12-03', { note: '庁舎点検', by: '山田' });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({
      closure: {
        date: '2026-12-03',
        note: '庁舎点検',
        createdAt: expect.stringMatching(/^2026-12-01T09:0\d:\d\d\+09:00$/),
      },
      openBookings: [],
    });

    const u = new ChatDriver(s.h, 'U3333333333333333333333333333333c');
    await answerUntilDates(u);
    expect(labels(u)).not.toContain('12月3日(木)');
    // One business day fewer before it: the earliest bookable day moves to Friday.
    expect(labels(u)).toContain('12月4日(金)');
  });

  it('should list, update and remove closure days, and name open bookings on a closed day', async () => {
    const { bookingId } = await requestViaChat(s, 'U4444444444444444444444444444444d');
    expect((await s.api('PUT', '/api/closures/2026-12-10', { by: '山田' })).status).toBe(201);
    const again = await s.api('PUT', '/api/closures/2026-12-03', { note: '停電', by: '山田' });
    expect(again.body.openBookings).toEqual([bookingId]);
    expect((await s.api('PUT', '/api/closures/2026-12-03', { note: '停電（全館）', by: '佐藤' })).status).toBe(200);

    const list = await s.api('GET', '/api/closures');
    expect(list.body.closures).toEqual([
      expect.objectContaining({ date: '2026-12-03', note: '停電（全館）' }),
      expect.objectContaining({ date: '2026-12-10', note: null }),
    ]);
    expect((await s.api('GET', '/api/closures?from=2026-12-04')).body.closures).toHaveLength(1);

    expect(await s.api('DELETE', '/api/closures/2026-12-10', { by: '山田' })).toMatchObject({
      status: 200,
      body: { removed: '2026-12-10' },
    });
    expect((await s.api('DELETE', '/api/closures/2026-12-10?by=%E5%B1%B1%E7%94%B0')).status).toBe(404);
    expect((await s.api('DELETE', '/api/closures/2026-12-03')).body.field).toBe('by');
    for (const date of ['2026-02-30', '9999-12-31'])
      expect(await s.api('PUT', `/api/closures/${date}`, { by: '山田' })).toMatchObject({
        status: 400,
        body: { code: 'invalid_field', field: 'date' },
      });
    expect((await s.api('GET', '/api/closures')).body.closures).toHaveLength(1);
  });
});

describe('staff API: closure days in the past', () => {
  it('refuses a date before today in Japan, even while it is still that date in UTC, and accepts today', async () => {
    await s.close();
    // Tuesday 2026-12-01 01:00 in Japan, still Monday 11-30 in UTC.
    s = await startStaffHarness('2026-11-30T16:00:00Z');
    for (const date of ['2026-11-30', '2025-12-01'])
      expect(await s.api('PUT', `/api/closures/${date}`, { note: '入力ミス', by: '山田' })).toMatchObject({
        status: 400,
        body: { code: 'past_date', field: 'date' },
      });
    expect((await s.api('GET', '/api/closures?from=2025-01-01')).body.closures).toEqual([]);
    expect((await s.api('PUT', '/api/closures/2026-12-01', { note: '臨時休庁', by: '山田' })).status).toBe(201);
  });

  it('still removes a closure day that has passed (one entered by mistake, say)', async () => {
    await addClosure(s.h.app.db, '2026-11-27', null, '2026-11-20T00:00:00Z');
    expect(await s.api('DELETE', '/api/closures/2026-11-27', { by: '山田' })).toMatchObject({
      status: 200,
      body: { removed: '2026-11-27' },
    });
  });
});

describe('staff API: capacity', () => {
  it('should close a slot with capacity 0', async () => {
    const res = await s.api('PUT', '/api/capacity', {
      kind: 'regular',
      date: '2026-12-03',
      start: '10:00',
      capacity: 0,
      by: '山田',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slot: { kind: 'regular', date: '2026-12-03', start: '10:00', capacity: 0 },
      previous: 1,
      taken: 0,
    });

    const u = new ChatDriver(s.h, 'U5555555555555555555555555555555e');
    await answerUntilDates(u);
    await u.tap('12月3日(木)');
    expect(labels(u)).not.toContain('10:00〜10:40');
    expect(labels(u)).toContain('10:30〜11:10');

    const list = await s.api('GET', '/api/capacity');
    expect(list.body).toMatchObject({
      default: 1,
      overrides: [{ kind: 'regular', date: '2026-12-03', start: '10:00', capacity: 0 }],
    });
  });

  it('should refuse a slot that cannot exist, naming the field', async () => {
    const body = { kind: 'regular', date: '2026-12-03', start: '10:00', capacity: 2, by: '山田' };
    expect((await s.api('PUT', '/api/capacity', { ...body, start: '11:21' })).body.field).toBe('start');
    expect((await s.api('PUT', '/api/capacity', { ...body, start: '25:00' })).body.field).toBe('start');
    expect((await s.api('PUT', '/api/capacity', { ...body, kind: 'mothers' })).body.field).toBe('start');
    expect((await s.api('PUT', '/api/capacity', { ...body, capacity: 101 })).body.field).toBe('capacity');
    expect((await s.api('PUT', '/api/capacity', { ...body, capacity: 1.5 })).body.field).toBe('capacity');
    expect((await s.api('PUT', '/api/capacity', { ...body, date: '12/3' })).body.field).toBe('date');
    // Days that never hold the session: a Saturday, a national holiday, a Wednesday for the Mothers' Corner.
    expect((await s.api('PUT', '/api/capacity', { ...body, date: '2026-12-05' })).body.field).toBe('date');
    expect((await s.api('PUT', '/api/capacity', { ...body, date: '2027-01-11' })).body.field).toBe('date');
    expect(
      (await s.api('PUT', '/api/capacity', { ...body, kind: 'mothers', date: '2026-12-02', start: '11:00' })).body
        .field,
    ).toBe('date');
    expect((await s.api('GET', '/api/capacity')).body.overrides).toEqual([]);
  });
});
