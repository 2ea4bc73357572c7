import { describe, expect, it } from 'vitest';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { acknowledgement, notAcknowledged, openBookingsOf } from '../../src/console/pages/people/open-bookings.js';
import { personCounts } from '../../src/console/pages/people/person-summary.js';
import { peopleSearchOf } from '../../src/console/pages/people/search-query.js';

describe('peopleSearchOf', () => {
  it('is null for an empty query, so nobody is listed', () => {
    expect(peopleSearchOf('')).toBeNull();
    expect(peopleSearchOf(' \u3000 ')).toBeNull();
  });

  it('searches a name with its spaces removed, and only the name for words', () => {
    expect(peopleSearchOf(' 青森\u3000花子 ')).toEqual({
      namePart: '青森花子',
      numberDigits: null,
      bookingIdPrefix: null,
    });
  });

  it('reads digits and hyphens as a job-seeker number (full-width too), from 3 digits on', () => {
    expect(peopleSearchOf('０２０１０－１２３４')?.numberDigits).toBe('020101234');
    expect(peopleSearchOf('02010-1234')?.numberDigits).toBe('020101234');
    expect(peopleSearchOf('12')?.numberDigits).toBeNull();
  });

  it('reads 4 or more hexadecimal characters as the start of a booking id (a receipt number is 8)', () => {
    expect(peopleSearchOf('3F2A9C1D')?.bookingIdPrefix).toBe('3f2a9c1d');
    expect(peopleSearchOf('3f2a9c1d-0000-4000-8000-000000000000')?.bookingIdPrefix).toBe(
      '3f2a9c1d-0000-4000-8000-000000000000',
    );
    expect(peopleSearchOf('abc')?.bookingIdPrefix).toBeNull();
    expect(peopleSearchOf('青森')?.bookingIdPrefix).toBeNull();
    // Eight digits are both a number and a receipt number.
    expect(peopleSearchOf('12345678')).toMatchObject({ numberDigits: '12345678', bookingIdPrefix: '12345678' });
  });
});

describe('personCounts', () => {
  const USER = 'Uperson';
  const booking = (over: Partial<Booking>) =>
    ({ lineUserId: USER, status: 'requested', cancelReason: null, cancelledBy: null, ...over }) as Booking;

  it('counts as 実績 does: a replaced booking is not a booking, the person’s own cancel and a day-of contact are theirs', () => {
    expect(
      personCounts([
        booking({ status: 'attended' }),
        booking({ status: 'no_show', cancelReason: 'no_show', cancelledBy: 'console:yamada' }),
        booking({ status: 'cancelled', cancelledBy: USER }),
        booking({ status: 'cancelled', cancelReason: 'contacted_on_day', cancelledBy: 'system' }),
        booking({ status: 'cancelled', cancelledBy: 'api:所長', cancelReason: '事務所の都合' }),
        booking({ status: 'cancelled', cancelReason: 'changed', cancelledBy: USER }),
      ]),
    ).toEqual({ bookings: 5, attended: 1, cancelledByPerson: 2, noShows: 1 });
  });
});

describe('openBookingsOf (what stopping the bot leaves open)', () => {
  const NOW = '2026-12-01T00:00:00.000Z';
  const AHEAD = '2026-12-03T01:00:00.000Z';
  const LATER = '2026-12-08T04:30:00.000Z';
  const PAST = '2026-11-30T01:00:00.000Z';
  const booking = (id: string, over: Partial<Booking>) =>
    ({
      id,
      status: 'requested',
      choice1Start: AHEAD,
      choice2Start: null,
      proposedStart: null,
      confirmedStart: null,
      personalDataErasedAt: null,
      ...over,
    }) as Booking;

  it('tells a request awaiting staff, one awaiting the person, a session, a session being moved, and nothing over', () => {
    const open = openBookingsOf(
      [
        booking('request', {}),
        booking('proposal', { proposedStart: LATER }),
        booking('stale-proposal', { proposedStart: PAST }),
        booking('session', { status: 'confirmed', confirmedStart: AHEAD }),
        booking('move', { status: 'confirmed', confirmedStart: AHEAD, proposedStart: LATER }),
        booking('under-way', { status: 'confirmed', confirmedStart: PAST }),
        booking('lapsed', { choice1Start: PAST }),
        booking('done', { status: 'attended', confirmedStart: PAST }),
        booking('cancelled', { status: 'cancelled' }),
      ],
      NOW,
    );
    expect(open.map((o) => [o.booking.id, o.kind])).toEqual([
      ['request', 'awaiting_staff'],
      ['proposal', 'awaiting_person'],
      ['stale-proposal', 'awaiting_staff'],
      ['session', 'session'],
      ['move', 'move_proposed'],
    ]);
  });

  it('names the open bookings in the confirmation, and finds those it did not name', () => {
    const open = openBookingsOf([booking('b', {}), booking('a', {})], NOW);
    expect(acknowledgement(open)).toBe('a b');
    expect(notAcknowledged(open, 'a b')).toEqual([]);
    expect(notAcknowledged(open, 'b').map((o) => o.booking.id)).toEqual(['a']);
    expect(notAcknowledged(open, '')).toHaveLength(2);
  });
});
