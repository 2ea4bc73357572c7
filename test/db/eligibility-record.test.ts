/**
 * When a person last answered the eligibility questions (docs/office-rules.md §14): recorded as
 * consent is, and, for people who booked before it was recorded, taken by migration 0012 from
 * their newest new request (never from a change of times, which asks no eligibility).
 */
import { describe, expect, it } from 'vitest';
import * as m0012 from '../../db/migrations/0012-immediate-eligibility.js';
import { cancellation, insertRequest, updateBooking } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { recordEligibility, touchUser } from '../../db/repositories/users-repository.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('eligibility-record');

const OCT = '2026-10-01T01:00:00.000Z';
const NOV = '2026-11-02T01:00:00.000Z';
const DEC = '2026-12-01T01:00:00.000Z';
const choice = {
  start: '2026-12-10T01:00:00.000Z',
  end: '2026-12-10T01:40:00.000Z',
  slotKey: 'regular|2026-12-10|600',
};

const answeredAt = async (id: string) =>
  (
    await temp.db
      .selectFrom('users')
      .select('eligibility_answered_at')
      .where('line_user_id', '=', id)
      .executeTakeFirstOrThrow()
  ).eligibility_answered_at;

describe('the eligibility answers on record', () => {
  it('is none for a new person, and the time given once recorded; a later answer replaces it', async () => {
    const user = await touchUser(temp.db, 'Uone', OCT);
    expect(user.eligibilityAnsweredAt).toBeNull();
    await recordEligibility(temp.db, 'Uone', NOV);
    expect((await touchUser(temp.db, 'Uone', DEC)).eligibilityAnsweredAt).toBe(NOV);
    await recordEligibility(temp.db, 'Uone', DEC);
    expect(await answeredAt('Uone')).toBe(DEC);
  });

  it('is filled in by the migration from the newest new request, leaving out changes of times', async () => {
    // Two new requests: the newer counts.
    await touchUser(temp.db, 'Utwo', OCT);
    await insertRequest(temp.db, sampleRequest('b-two-1', 'Utwo', [choice, choice], OCT));
    await insertRequest(temp.db, sampleRequest('b-two-2', 'Utwo', [choice, choice], NOV));
    // A request, then a change of it filed later (the old one cancelled as 'changed' at that moment).
    await touchUser(temp.db, 'Uchanged', OCT);
    await insertRequest(temp.db, sampleRequest('b-ch-1', 'Uchanged', [choice, choice], OCT));
    await insertRequest(temp.db, sampleRequest('b-ch-2', 'Uchanged', [choice, choice], NOV));
    await updateBooking(temp.db, 'b-ch-1', cancellation('changed', 'Uchanged', NOV), NOV);
    // A change of a confirmed session (it points at the booking it replaces).
    await touchUser(temp.db, 'Uconfirmed', OCT);
    await insertRequest(temp.db, sampleRequest('b-co-1', 'Uconfirmed', [choice, choice], OCT));
    await insertRequest(temp.db, sampleRequest('b-co-2', 'Uconfirmed', [choice, choice], DEC));
    await updateBooking(temp.db, 'b-co-2', { replacesBookingId: 'b-co-1' }, DEC);
    // A session staff booked for the person (no eligibility asked), after their own request.
    await touchUser(temp.db, 'Ustaff', OCT);
    await insertRequest(temp.db, sampleRequest('b-st-1', 'Ustaff', [choice, choice], OCT));
    await insertRequest(temp.db, sampleRequest('b-st-2', 'Ustaff', [choice, choice], DEC));
    await recordStaffAction(temp.db, {
      subjectId: 'b-st-2',
      action: 'confirm',
      staffId: 'console:yamada',
      via: 'console',
      detail: { start: choice.start, forPerson: true },
      at: DEC,
    });
    // Never booked.
    await touchUser(temp.db, 'Unever', OCT);

    await m0012.down(temp.db);
    await m0012.up(temp.db);

    expect(await answeredAt('Utwo')).toBe(NOV);
    expect(await answeredAt('Uchanged')).toBe(OCT);
    expect(await answeredAt('Uconfirmed')).toBe(OCT);
    expect(await answeredAt('Ustaff')).toBe(OCT);
    expect(await answeredAt('Unever')).toBeNull();
  });
});
