import { describe, expect, it } from 'vitest';
import type { Booking } from '../../db/repositories/bookings-repository.js';
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
