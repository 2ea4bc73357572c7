import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import {
  acceptImmediateRequest,
  declineImmediateRequest,
  immediateRequestStatus,
  insertImmediateRequest,
  openImmediateRequestOf,
  withdrawImmediateRequest,
} from '../../db/repositories/immediate-requests-repository.js';
import { personRecordOf } from '../../db/repositories/person-record-repository.js';
import { touchUser } from '../../db/repositories/users-repository.js';
import { useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('immediate-requests');

const NOW = '2026-12-07T01:00:00.000Z';
const LATER = '2026-12-07T01:05:00.000Z';

async function request(id: string, lineUserId: string, name = '青森 花子') {
  await insertImmediateRequest(temp.db, {
    id,
    lineUserId,
    name,
    jobSeekerNumber: '0201-123456',
    interpreter: true,
    companion: 'interpreter',
    companionLanguage: '英語',
    createdAt: NOW,
  });
}

describe('immediate-session requests', () => {
  it("stores a request as waiting, and finds it as the person's open one only while it waits", async () => {
    await request('r1', 'Uone');
    const row = await temp.db
      .selectFrom('immediate_requests')
      .selectAll()
      .where('id', '=', 'r1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      id: 'r1',
      line_user_id: 'Uone',
      name: '青森 花子',
      job_seeker_number: '0201-123456',
      status: 'requested',
      created_at: NOW,
      interpreter: 1,
      companion: 'interpreter',
      companion_language: '英語',
      accepted_by: null,
      accepted_at: null,
    });
    expect(await openImmediateRequestOf(temp.db, 'Uone')).toEqual({ id: 'r1', createdAt: NOW });
    expect(await openImmediateRequestOf(temp.db, 'Utwo')).toBeUndefined();
    await acceptImmediateRequest(temp.db, 'r1', 'Ustaff', LATER);
    expect(await openImmediateRequestOf(temp.db, 'Uone')).toBeUndefined();
  });

  it('lets the person withdraw a request only while it waits, so staff taking it find it gone', async () => {
    await request('r1', 'Uone');
    expect(await withdrawImmediateRequest(temp.db, 'Uone')).toEqual({ id: 'r1', name: '青森 花子' });
    expect(await immediateRequestStatus(temp.db, 'r1')).toBe('withdrawn');
    expect(await openImmediateRequestOf(temp.db, 'Uone')).toBeUndefined();
    expect(await acceptImmediateRequest(temp.db, 'r1', 'Ustaff', LATER)).toBeUndefined();
    expect(await withdrawImmediateRequest(temp.db, 'Uone')).toBeUndefined();
    await request('r2', 'Uone');
    await acceptImmediateRequest(temp.db, 'r2', 'Ustaff', LATER);
    expect(await withdrawImmediateRequest(temp.db, 'Uone')).toBeUndefined();
    expect(await immediateRequestStatus(temp.db, 'r2')).toBe('accepted');
  });

  it('gives a waiting request to the first staff member who takes it, and to nobody after', async () => {
    await request('r1', 'Uone');
    expect(await acceptImmediateRequest(temp.db, 'r1', 'Ustaff1', LATER)).toEqual({ lineUserId: 'Uone' });
    expect(await acceptImmediateRequest(temp.db, 'r1', 'Ustaff2', LATER)).toBeUndefined();
    const row = await temp.db
      .selectFrom('immediate_requests')
      .select(['status', 'accepted_by', 'accepted_at'])
      .where('id', '=', 'r1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', accepted_by: 'Ustaff1', accepted_at: LATER });
    expect(await immediateRequestStatus(temp.db, 'r1')).toBe('accepted');
  });

  it('lets only one of two connections to the same file take a request', async () => {
    await request('r1', 'Uone');
    const other = await openDatabase({ path: temp.file });
    try {
      const results = await Promise.all([
        acceptImmediateRequest(temp.db, 'r1', 'Ustaff1', LATER),
        acceptImmediateRequest(other, 'r1', 'Ustaff2', LATER),
      ]);
      expect(results.filter((r) => r !== undefined)).toEqual([{ lineUserId: 'Uone' }]);
    } finally {
      await other.destroy();
    }
  });

  it('closes a request nobody took, but not one a staff member took meanwhile', async () => {
    await request('waiting', 'Uone', '八戸 太郎');
    await request('taken', 'Utwo');
    await acceptImmediateRequest(temp.db, 'taken', 'Ustaff', LATER);
    expect(await declineImmediateRequest(temp.db, 'waiting')).toEqual({ lineUserId: 'Uone', name: '八戸 太郎' });
    expect(await declineImmediateRequest(temp.db, 'waiting')).toBeUndefined();
    expect(await declineImmediateRequest(temp.db, 'taken')).toBeUndefined();
    expect(await immediateRequestStatus(temp.db, 'waiting')).toBe('declined');
    expect(await immediateRequestStatus(temp.db, 'taken')).toBe('accepted');
    // A declined request can no longer be taken either.
    expect(await acceptImmediateRequest(temp.db, 'waiting', 'Ustaff', LATER)).toBeUndefined();
  });

  it('knows no status for an unknown request', async () => {
    expect(await immediateRequestStatus(temp.db, 'nope')).toBeUndefined();
    expect(await acceptImmediateRequest(temp.db, 'nope', 'Ustaff', LATER)).toBeUndefined();
    expect(await declineImmediateRequest(temp.db, 'nope')).toBeUndefined();
  });

  it("is disclosed to the person whole, with who attends and the interpreter's language", async () => {
    await touchUser(temp.db, 'Uone', NOW);
    await request('r1', 'Uone');
    const record = await personRecordOf(temp.db, 'Uone');
    expect(record?.immediateRequests).toEqual([
      expect.objectContaining({ id: 'r1', interpreter: true, companion: 'interpreter', companionLanguage: '英語' }),
    ]);
  });
});
