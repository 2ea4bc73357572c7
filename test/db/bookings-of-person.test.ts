import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { activeBookingOf, insertRequest, isActiveBooking, recentBookingsOf, updateBooking } from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookings-of-person-'));
  db = await openDatabase({ path: path.join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const USER = 'Uperson';
async function booking(id: string, createdAt: string, status: BookingStatus, choice1: string, choice2: string): Promise<void> {
  await insertRequest(db, {
    id,
    lineUserId: USER,
    kind: 'regular',
    app: 'zoom',
    name: '青森 花子',
    jobSeekerNumber: '0201-123456',
    email: 'a@example.jp',
    phone: '09012345678',
    interpreter: false,
    choices: [
      { start: choice1, end: choice1, slotKey: `regular|${choice1}` },
      { start: choice2, end: choice2, slotKey: `regular|${choice2}` },
    ],
    termsVersion: 't1',
    createdAt,
    replyDue: createdAt,
  });
  if (status !== 'requested') await updateBooking(db, id, { status });
}

describe("a person's bookings, newest first", () => {
  it('finds the same open booking as the database query, at every moment', async () => {
    await booking('old-attended', '2026-10-01T00:00:00.000Z', 'attended', '2026-10-10T01:00:00.000Z', '2026-10-11T01:00:00.000Z');
    await booking('confirmed', '2026-11-01T00:00:00.000Z', 'confirmed', '2026-11-20T01:00:00.000Z', '2026-11-21T01:00:00.000Z');
    await booking('request', '2026-11-10T00:00:00.000Z', 'requested', '2026-12-08T01:00:00.000Z', '2026-12-15T01:00:00.000Z');
    await booking('cancelled', '2026-11-12T00:00:00.000Z', 'cancelled', '2026-12-09T01:00:00.000Z', '2026-12-10T01:00:00.000Z');
    const recent = await recentBookingsOf(db, USER, 10);
    expect(recent.map((b) => b.id)).toEqual(['cancelled', 'request', 'confirmed', 'old-attended']);
    for (const now of ['2026-11-15T00:00:00.000Z', '2026-12-10T00:00:00.000Z', '2026-12-20T00:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
      const expected = (await activeBookingOf(db, USER, now))?.id;
      expect(recent.find((b) => isActiveBooking(b, now))?.id, now).toBe(expected);
    }
    // The request counts until both its times have passed; then the confirmed booking is the open one.
    expect(recent.find((b) => isActiveBooking(b, '2026-12-10T00:00:00.000Z'))?.id).toBe('request');
    expect(recent.find((b) => isActiveBooking(b, '2026-12-20T00:00:00.000Z'))?.id).toBe('confirmed');
  });
});
