import { describe, expect, it } from 'vitest';
import {
  BOOKINGS_VERSION_KEY,
  insertRequest,
  openBookingIdsOn,
  updateBooking,
} from '../../db/repositories/bookings-repository.js';
import { addClosure, getClosure, listClosures, removeClosure } from '../../db/repositories/closures-repository.js';
import { pendingJobsOf, scheduleJob, skipPendingJobsOf } from '../../db/repositories/jobs-repository.js';
import {
  capacityOverridesFrom,
  officeStateValues,
  setCapacity,
  setSwitch,
  switchRow,
} from '../../db/repositories/office-state-repository.js';
import { hasActionSince, recordStaffAction, staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { ensureTermsVersion, getTerms, listTerms } from '../../db/repositories/terms-repository.js';
import { sampleRequest, useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('repositories');

const NOW = '2026-12-01T00:00:00.000Z';

describe('closure days', () => {
  it('are listed from a date on, read one by one and removed, in camelCase', async () => {
    await addClosure(temp.db, '2026-12-24', '研修', NOW);
    await addClosure(temp.db, '2026-12-10', null, NOW);
    await addClosure(temp.db, '2026-11-30', null, NOW);
    expect(await listClosures(temp.db, '2026-12-01')).toEqual([
      { date: '2026-12-10', note: null, createdAt: NOW },
      { date: '2026-12-24', note: '研修', createdAt: NOW },
    ]);
    expect(await getClosure(temp.db, '2026-12-24')).toEqual({ date: '2026-12-24', note: '研修', createdAt: NOW });
    expect(await removeClosure(temp.db, '2026-12-24', NOW)).toBe(true);
    expect(await removeClosure(temp.db, '2026-12-24', NOW)).toBe(false);
    expect(await getClosure(temp.db, '2026-12-24')).toBeUndefined();
  });
});

describe('terms versions', () => {
  const SUMMARIES = { summary: 'メールでのキャンセルを加えます。', consentSummary: '・要点' };

  it('are listed by effective date, with when they were registered', async () => {
    await ensureTermsVersion(
      temp.db,
      { ...SUMMARIES, id: 't2', effectiveFrom: '2026-12-01', url: 'https://example.jp/t2' },
      '2026-11-20T00:00:00.000Z',
    );
    await ensureTermsVersion(
      temp.db,
      { ...SUMMARIES, id: 't1', effectiveFrom: '2024-06-06', url: 'https://example.jp/t1' },
      NOW,
    );
    expect(await listTerms(temp.db)).toEqual([
      { ...SUMMARIES, id: 't1', effectiveFrom: '2024-06-06', url: 'https://example.jp/t1', createdAt: NOW },
      {
        ...SUMMARIES,
        id: 't2',
        effectiveFrom: '2026-12-01',
        url: 'https://example.jp/t2',
        createdAt: '2026-11-20T00:00:00.000Z',
      },
    ]);
    expect(await getTerms(temp.db, 't2')).toEqual({
      ...SUMMARIES,
      id: 't2',
      effectiveFrom: '2026-12-01',
      url: 'https://example.jp/t2',
      createdAt: '2026-11-20T00:00:00.000Z',
    });
    expect(await getTerms(temp.db, 't9')).toBeUndefined();
  });
});

describe('office state', () => {
  it('gives a switch with when it was flipped, and capacity overrides from a date on in time order', async () => {
    expect(await switchRow(temp.db, 'immediate')).toEqual({ on: false, updatedAt: null });
    await setSwitch(temp.db, 'immediate', true, NOW);
    expect(await switchRow(temp.db, 'immediate')).toEqual({ on: true, updatedAt: NOW });
    await setCapacity(temp.db, 'regular|2026-12-10|810', 2, NOW);
    await setCapacity(temp.db, 'regular|2026-12-10|600', 0, NOW);
    await setCapacity(temp.db, 'mothers|2026-12-08|660', 3, NOW);
    await setCapacity(temp.db, 'regular|2026-11-30|600', 2, NOW);
    expect(await capacityOverridesFrom(temp.db, '2026-12-01')).toEqual([
      { kind: 'mothers', date: '2026-12-08', start: 660, capacity: 3, updatedAt: NOW },
      { kind: 'regular', date: '2026-12-10', start: 600, capacity: 0, updatedAt: NOW },
      { kind: 'regular', date: '2026-12-10', start: 810, capacity: 2, updatedAt: NOW },
    ]);
  });
});

describe('bookings a closure touches', () => {
  const at = (date: string, hhmm: string) => {
    const start = `${date}T${hhmm}:00.000Z`;
    return { start, end: start, slotKey: `regular|${date}|0` };
  };

  it('are confirmed sessions that day and requests with either choice that day, oldest first', async () => {
    // 2026-12-10 in Japan is 2026-12-09T15:00Z to 2026-12-10T15:00Z.
    await insertRequest(
      temp.db,
      sampleRequest(
        'second-choice',
        'U1',
        [at('2026-12-11', '01:00'), at('2026-12-10', '01:00')],
        '2026-12-01T00:00:01.000Z',
      ),
    );
    await insertRequest(
      temp.db,
      sampleRequest(
        'first-choice',
        'U2',
        [at('2026-12-09', '15:00'), at('2026-12-11', '01:00')],
        '2026-12-01T00:00:00.000Z',
      ),
    );
    await insertRequest(
      temp.db,
      sampleRequest('other-day', 'U3', [at('2026-12-10', '15:00'), at('2026-12-09', '14:59')], NOW),
    );
    await insertRequest(
      temp.db,
      sampleRequest(
        'confirmed-elsewhere',
        'U4',
        [at('2026-12-10', '01:00'), at('2026-12-10', '02:00')],
        '2026-12-01T00:00:02.000Z',
      ),
    );
    await updateBooking(
      temp.db,
      'confirmed-elsewhere',
      { status: 'confirmed', confirmedStart: '2026-12-11T01:00:00.000Z' },
      NOW,
    );
    await insertRequest(
      temp.db,
      sampleRequest(
        'confirmed-there',
        'U5',
        [at('2026-12-11', '01:00'), at('2026-12-11', '02:00')],
        '2026-12-01T00:00:03.000Z',
      ),
    );
    await updateBooking(
      temp.db,
      'confirmed-there',
      { status: 'confirmed', confirmedStart: '2026-12-10T02:00:00.000Z' },
      NOW,
    );
    await insertRequest(
      temp.db,
      sampleRequest('cancelled', 'U6', [at('2026-12-10', '01:00'), at('2026-12-10', '02:00')], NOW),
    );
    await updateBooking(temp.db, 'cancelled', { status: 'cancelled' }, NOW);
    expect(await openBookingIdsOn(temp.db, '2026-12-10')).toEqual(['first-choice', 'second-choice', 'confirmed-there']);
  });
});

const bookingsVersion = async (db: typeof temp.db) =>
  (await officeStateValues(db, [BOOKINGS_VERSION_KEY])).get(BOOKINGS_VERSION_KEY) ?? '';

describe('the bookings change token', () => {
  const at = (date: string, hhmm: string) => {
    const start = `${date}T${hhmm}:00.000Z`;
    return { start, end: start, slotKey: `regular|${date}|0` };
  };

  it('is replaced by each change to bookings, stored with the time the caller gave', async () => {
    expect(await bookingsVersion(temp.db)).toBe('');
    await insertRequest(
      temp.db,
      sampleRequest('b1', 'U1', [at('2026-12-10', '01:00'), at('2026-12-10', '02:00')], '2026-12-01T09:00:00.000Z'),
    );
    const first = await bookingsVersion(temp.db);
    expect(first).not.toBe('');
    const row = await temp.db
      .selectFrom('office_state')
      .select('updated_at')
      .where('key', '=', 'bookings_version')
      .executeTakeFirstOrThrow();
    expect(row.updated_at).toBe('2026-12-01T09:00:00.000Z');
    await updateBooking(temp.db, 'b1', { status: 'cancelled' }, '2026-12-02T09:00:00.000Z');
    expect(await bookingsVersion(temp.db)).not.toBe(first);
  });
});

describe('timed jobs of a subject', () => {
  it('are skipped together when its session moves, and only the pending ones', async () => {
    await scheduleJob(temp.db, 'reminder_day_before', 'b1', '2026-12-09T03:00:00.000Z', NOW);
    await scheduleJob(temp.db, 'no_show', 'b1', '2026-12-10T01:10:00.000Z', NOW);
    await scheduleJob(temp.db, 'no_show', 'b2', '2026-12-10T01:10:00.000Z', NOW);
    await temp.db
      .updateTable('scheduled_jobs')
      .set({ status: 'done', done_at: NOW })
      .where('kind', '=', 'reminder_day_before')
      .execute();
    await skipPendingJobsOf(temp.db, 'b1', '2026-12-05T00:00:00.000Z');
    const rows = await temp.db
      .selectFrom('scheduled_jobs')
      .select(['subject_id', 'kind', 'status', 'done_at'])
      .orderBy('subject_id')
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { subject_id: 'b1', kind: 'no_show', status: 'skipped', done_at: '2026-12-05T00:00:00.000Z' },
      { subject_id: 'b1', kind: 'reminder_day_before', status: 'done', done_at: NOW },
      { subject_id: 'b2', kind: 'no_show', status: 'pending', done_at: null },
    ]);
    expect(await pendingJobsOf(temp.db, 'b1')).toEqual([]);
  });
});

describe('what was recorded about a subject', () => {
  it('finds an action since a time, and all in the order recorded', async () => {
    const contact = (at: string, noted: boolean) =>
      recordStaffAction(temp.db, {
        subjectId: 'b1',
        action: 'user_contact',
        staffId: 'U1',
        via: 'line',
        ...(noted ? { detail: { noted: true } } : {}),
        at,
      });
    await contact('2026-12-10T00:10:00.000Z', true);
    await contact('2026-12-10T00:20:00.000Z', false);
    await contact('2026-12-10T00:15:00.000Z', true);
    await recordStaffAction(temp.db, {
      subjectId: 'b2',
      action: 'user_contact',
      staffId: 'U2',
      via: 'line',
      detail: { noted: true },
      at: '2026-12-10T00:30:00.000Z',
    });
    expect(await hasActionSince(temp.db, 'b1', 'user_contact', '2026-12-10T00:20:00.000Z')).toBe(true);
    expect(await hasActionSince(temp.db, 'b1', 'user_contact', '2026-12-10T00:20:00.001Z')).toBe(false);
    expect(await hasActionSince(temp.db, 'b1', 'cancel', '2026-12-01T00:00:00.000Z')).toBe(false);
    expect(await staffActionsOf(temp.db, 'b2')).toEqual([
      {
        id: 4,
        subjectId: 'b2',
        action: 'user_contact',
        staffId: 'U2',
        via: 'line',
        detail: '{"noted":true}',
        at: '2026-12-10T00:30:00.000Z',
      },
    ]);
    expect((await staffActionsOf(temp.db, 'b1')).map((a) => a.at)).toEqual([
      '2026-12-10T00:10:00.000Z',
      '2026-12-10T00:20:00.000Z',
      '2026-12-10T00:15:00.000Z',
    ]);
  });
});
