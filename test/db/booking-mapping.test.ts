import { describe, expect, it } from 'vitest';
import {
  getBooking,
  insertRequest,
  listBookings,
  updateBooking,
  type Booking,
  type BookingPatch,
} from '../../db/repositories/bookings-repository.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('booking-mapping');

const NOW = '2026-12-01T00:00:00.000Z';
const LATER = '2026-12-02T00:00:00.000Z';
const FIRST = { start: '2026-12-10T01:00:00.000Z', end: '2026-12-10T01:40:00.000Z', slotKey: 'regular|2026-12-10|600' };
const SECOND = {
  start: '2026-12-11T01:00:00.000Z',
  end: '2026-12-11T01:40:00.000Z',
  slotKey: 'regular|2026-12-11|600',
};

/** Every field a patch may set, each to a value no other field holds, so a crossed column shows. */
const EVERY_FIELD: Required<BookingPatch> = {
  status: 'confirmed',
  kind: 'mothers',
  app: 'teleoffice',
  name: '八戸 太郎',
  jobSeekerNumber: '0201-654321',
  email: 'b@example.jp',
  phone: '08011112222',
  interpreter: false,
  companion: 'interpreter',
  companionLanguage: 'ベトナム語',
  choice1Start: '2026-12-14T01:00:00.000Z',
  choice1End: '2026-12-14T01:40:00.000Z',
  choice1Slot: 'mothers|2026-12-14|600',
  choice2Start: '2026-12-15T01:00:00.000Z',
  choice2End: '2026-12-15T01:40:00.000Z',
  choice2Slot: 'mothers|2026-12-15|600',
  confirmedStart: '2026-12-16T01:00:00.000Z',
  confirmedEnd: '2026-12-16T01:40:00.000Z',
  confirmedSlot: 'mothers|2026-12-16|600',
  termsVersion: 't2',
  replyDue: '2026-12-03T00:00:00.000Z',
  updatedAt: LATER,
  meetingId: '111 2222 3333',
  meetingPasscode: 'own',
  meetingUrl: 'https://zoom.example/j/own',
  replacesBookingId: 'older',
  confirmedBy: 'Ustaff',
  confirmedAt: '2026-12-02T00:01:00.000Z',
  cancelReason: 'why',
  cancelledBy: 'Ucanceller',
  cancelledAt: '2026-12-02T00:02:00.000Z',
  attendedAt: '2026-12-02T00:03:00.000Z',
  proposedStart: '2026-12-17T01:00:00.000Z',
  proposedEnd: '2026-12-17T01:40:00.000Z',
  proposedMeetingId: '444 5555 6666',
  proposedMeetingPasscode: 'proposed',
  proposedMeetingUrl: 'https://zoom.example/j/proposed',
  proposedBy: 'Uproposer',
  personalDataErasedAt: '2026-12-02T00:04:00.000Z',
};

describe('a booking as the repository hands it out', () => {
  it('carries every column of a new request under its camelCase name, the interpreter flag as a boolean', async () => {
    await insertRequest(temp.db, {
      ...sampleRequest('b1', 'U1', [FIRST, SECOND], NOW),
      interpreter: true,
      companion: { who: 'helper' },
    });
    const expected: Booking = {
      id: 'b1',
      lineUserId: 'U1',
      status: 'requested',
      kind: 'regular',
      app: 'zoom',
      name: '青森 花子',
      jobSeekerNumber: '0201-123456',
      email: 'a@example.jp',
      phone: '09012345678',
      interpreter: true,
      companion: 'helper',
      companionLanguage: null,
      choice1Start: FIRST.start,
      choice1End: FIRST.end,
      choice1Slot: FIRST.slotKey,
      choice2Start: SECOND.start,
      choice2End: SECOND.end,
      choice2Slot: SECOND.slotKey,
      confirmedStart: null,
      confirmedEnd: null,
      confirmedSlot: null,
      termsVersion: 't1',
      createdAt: NOW,
      replyDue: NOW,
      updatedAt: NOW,
      meetingId: null,
      meetingPasscode: null,
      meetingUrl: null,
      replacesBookingId: null,
      confirmedBy: null,
      confirmedAt: null,
      cancelReason: null,
      cancelledBy: null,
      cancelledAt: null,
      attendedAt: null,
      proposedStart: null,
      proposedEnd: null,
      proposedMeetingId: null,
      proposedMeetingPasscode: null,
      proposedMeetingUrl: null,
      proposedBy: null,
      personalDataErasedAt: null,
    };
    expect(await getBooking(temp.db, 'b1')).toEqual(expected);
    expect(await listBookings(temp.db)).toEqual([expected]);
  });

  it('writes each field of a patch to its own column, and reads it back under the same name', async () => {
    await insertRequest(temp.db, { ...sampleRequest('b1', 'U1', [FIRST, SECOND], NOW), interpreter: true });
    await updateBooking(temp.db, 'b1', EVERY_FIELD, LATER);
    expect(await getBooking(temp.db, 'b1')).toEqual({ id: 'b1', lineUserId: 'U1', createdAt: NOW, ...EVERY_FIELD });
    const row = await temp.db
      .selectFrom('bookings')
      .select(['interpreter', 'meeting_passcode', 'proposed_meeting_passcode', 'choice2_slot'])
      .where('id', '=', 'b1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      interpreter: 0,
      meeting_passcode: 'own',
      proposed_meeting_passcode: 'proposed',
      choice2_slot: 'mothers|2026-12-15|600',
    });
  });

  it('leaves a field a patch gives as undefined as it was, and refuses a key that is not a booking field', async () => {
    await insertRequest(temp.db, sampleRequest('b1', 'U1', [FIRST, SECOND], NOW));
    await updateBooking(temp.db, 'b1', { status: 'cancelled', cancelReason: undefined }, LATER);
    expect(await getBooking(temp.db, 'b1')).toMatchObject({ status: 'cancelled', cancelReason: null, updatedAt: NOW });
    const smuggled = { status: 'confirmed', ...{ meeting_id: '111' } } as BookingPatch;
    await expect(updateBooking(temp.db, 'b1', smuggled, LATER)).rejects.toThrow('Not a booking field: meeting_id');
    expect(await getBooking(temp.db, 'b1')).toMatchObject({ status: 'cancelled', meetingId: null });
  });
});
