import { describe, expect, it } from 'vitest';
import {
  activeBookingOf,
  insertRequest,
  isActiveBooking,
  recentBookingsOf,
  updateBooking,
} from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('bookings-of-person');

const USER = 'Uperson';
async function booking(
  id: string,
  createdAt: string,
  status: BookingStatus,
  choice1: string,
  choice2: string,
): Promise<void> {
  const choices = [
    { start: choice1, end: choice1, slotKey: `regular|${choice1}` },
    { start: choice2, end: choice2, slotKey: `regular|${choice2}` },
  ] as const;
  await insertRequest(temp.db, sampleRequest(id, USER, choices, createdAt));
  if (status !== 'requested') await updateBooking(temp.db, id, { status }, createdAt);
}

describe("a person's bookings, newest first", () => {
  it('finds the same open booking as the database query, at every moment', async () => {
    await booking(
      'old-attended',
      '2026-10-01T00:00:00.000Z',
      'attended',
      '2026-10-10T01:00:00.000Z',
      '2026-10-11T01:00:00.000Z',
    );
    await booking(
      'confirmed',
      '2026-11-01T00:00:00.000Z',
      'confirmed',
      '2026-11-20T01:00:00.000Z',
      '2026-11-21T01:00:00.000Z',
    );
    await booking(
      'request',
      '2026-11-10T00:00:00.000Z',
      'requested',
      '2026-12-08T01:00:00.000Z',
      '2026-12-15T01:00:00.000Z',
    );
    await booking(
      'cancelled',
      '2026-11-12T00:00:00.000Z',
      'cancelled',
      '2026-12-09T01:00:00.000Z',
      '2026-12-10T01:00:00.000Z',
    );
    const recent = await recentBookingsOf(temp.db, USER, 10);
    expect(recent.map((b) => b.id)).toEqual(['cancelled', 'request', 'confirmed', 'old-attended']);
    for (const now of [
      '2026-11-15T00:00:00.000Z',
      '2026-12-10T00:00:00.000Z',
      '2026-12-20T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]) {
      const expected = (await activeBookingOf(temp.db, USER, now))?.id;
      expect(recent.find((b) => isActiveBooking(b, now))?.id, now).toBe(expected);
    }
    // The request counts until both its times have passed; then the confirmed booking is the open one.
    expect(recent.find((b) => isActiveBooking(b, '2026-12-10T00:00:00.000Z'))?.id).toBe('request');
    expect(recent.find((b) => isActiveBooking(b, '2026-12-20T00:00:00.000Z'))?.id).toBe('confirmed');
  });

  it('counts a request whose own times passed as open while a time the office proposed is still ahead, in the rule and the query alike', async () => {
    await booking(
      'proposed',
      '2026-11-10T00:00:00.000Z',
      'requested',
      '2026-12-03T01:00:00.000Z',
      '2026-12-03T01:30:00.000Z',
    );
    await updateBooking(
      temp.db,
      'proposed',
      { proposedStart: '2026-12-10T05:00:00.000Z', proposedEnd: '2026-12-10T05:40:00.000Z' },
      '2026-11-11T00:00:00.000Z',
    );
    const recent = await recentBookingsOf(temp.db, USER, 10);
    for (const [now, open] of [
      ['2026-12-05T00:00:00.000Z', true],
      ['2026-12-10T06:00:00.000Z', false],
    ] as const) {
      expect(
        recent.some((b) => isActiveBooking(b, now)),
        now,
      ).toBe(open);
      expect((await activeBookingOf(temp.db, USER, now))?.id, now).toBe(open ? 'proposed' : undefined);
    }
  });
});
