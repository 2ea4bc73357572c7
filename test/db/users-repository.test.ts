import { describe, expect, it } from 'vitest';
import { insertRequest, updateBooking } from '../../db/repositories/bookings-repository.js';
import {
  countCancel,
  countNoShow,
  getUser,
  markTermsNotified,
  recordConsent,
  setBlocked,
  setFlagged,
  touchUser,
  uncountNoShow,
  usersToTellOfTerms,
} from '../../db/repositories/users-repository.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('users-repository');

const NOW = '2026-12-01T00:00:00.000Z';

describe('a LINE account', () => {
  it('is read whole, in camelCase', async () => {
    await touchUser(temp.db, 'Uone', NOW);
    await recordConsent(temp.db, 'Uone', 't1', NOW);
    await setBlocked(temp.db, 'Uone', '2026-12-02T00:00:00.000Z');
    await countCancel(temp.db, 'Uone');
    expect(await getUser(temp.db, 'Uone')).toEqual({
      lineUserId: 'Uone',
      createdAt: NOW,
      lastSeenAt: NOW,
      termsVersion: 't1',
      termsAgreedAt: NOW,
      termsNotifiedVersion: null,
      bookingCount: 0,
      cancelCount: 1,
      noShowCount: 0,
      handoffAt: null,
      blockedAt: '2026-12-02T00:00:00.000Z',
      flaggedAt: null,
    });
    await setBlocked(temp.db, 'Uone', null);
    expect((await getUser(temp.db, 'Uone'))?.blockedAt).toBeNull();
    expect(await getUser(temp.db, 'Unobody')).toBeUndefined();
  });

  it('counts no-shows up and, when corrected, down but never below zero', async () => {
    await touchUser(temp.db, 'Uone', NOW);
    expect(await countNoShow(temp.db, 'Uone')).toEqual({ noShowCount: 1, flaggedAt: null });
    await setFlagged(temp.db, 'Uone', NOW);
    expect(await countNoShow(temp.db, 'Uone')).toEqual({ noShowCount: 2, flaggedAt: NOW });
    expect(await uncountNoShow(temp.db, 'Uone')).toBe(1);
    expect(await uncountNoShow(temp.db, 'Uone')).toBe(0);
    expect(await uncountNoShow(temp.db, 'Uone')).toBe(0);
    await setFlagged(temp.db, 'Uone', null);
    expect((await getUser(temp.db, 'Uone'))?.flaggedAt).toBeNull();
    expect(await countNoShow(temp.db, 'Unobody')).toBeUndefined();
    expect(await uncountNoShow(temp.db, 'Unobody')).toBeUndefined();
  });
});

describe('who is told of new terms', () => {
  const EFFECTIVE = '2026-12-05T15:00:00.000Z';
  const ahead = {
    start: '2026-12-10T01:00:00.000Z',
    end: '2026-12-10T01:40:00.000Z',
    slotKey: 'regular|2026-12-10|600',
  };
  const past = {
    start: '2026-12-03T01:00:00.000Z',
    end: '2026-12-03T01:40:00.000Z',
    slotKey: 'regular|2026-12-03|600',
  };

  async function person(
    id: string,
    choices: readonly [typeof ahead, typeof ahead],
    status: 'requested' | 'cancelled' = 'requested',
  ) {
    await touchUser(temp.db, id, NOW);
    await insertRequest(temp.db, sampleRequest(`b-${id}`, id, choices, NOW));
    if (status !== 'requested') await updateBooking(temp.db, `b-${id}`, { status }, NOW);
  }

  it('tells people with a booking still open once, unless they agreed to that version already', async () => {
    await person('Uahead', [ahead, ahead]);
    await person('Utwice', [ahead, ahead]);
    await insertRequest(temp.db, sampleRequest('b-Utwice-2', 'Utwice', [ahead, ahead], NOW));
    await person('Upast', [past, past]);
    await person('Ucancelled', [ahead, ahead], 'cancelled');
    await person('Uagreed', [ahead, ahead]);
    await recordConsent(temp.db, 'Uagreed', 't2', NOW);
    expect((await usersToTellOfTerms(temp.db, 't2', EFFECTIVE)).sort()).toEqual(['Uahead', 'Utwice']);
    await markTermsNotified(temp.db, ['Uahead'], 't2');
    expect(await usersToTellOfTerms(temp.db, 't2', EFFECTIVE)).toEqual(['Utwice']);
    expect((await getUser(temp.db, 'Uahead'))?.termsNotifiedVersion).toBe('t2');
    // Told of t2 is not told of a later t3.
    expect((await usersToTellOfTerms(temp.db, 't3', EFFECTIVE)).sort()).toEqual(['Uagreed', 'Uahead', 'Utwice']);
    await markTermsNotified(temp.db, [], 't3'); // nobody: nothing to write
    expect((await getUser(temp.db, 'Utwice'))?.termsNotifiedVersion).toBeNull();
  });
});
