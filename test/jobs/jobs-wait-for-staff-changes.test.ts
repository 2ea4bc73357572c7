/**
 * A timed job that fires while staff change the same booking waits for their change and decides
 * on what it left, rather than overwriting it (docs/storage.md, rule 2). Only PostgreSQL runs two
 * transactions at once (SQLite has one writer), so these run on the suite's PostgreSQL pass.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { confirmBooking, markAttendance, type LifecycleResult } from '../../src/bookings/lifecycle.js';
import { toInstant } from '../../src/calendar/index.js';
import { USER_CONTACT_ACTION } from '../../src/conversation/session-day-contact.js';
import { confirmedAt, seedBooking, testOffice } from '../support/booking-seeds.js';
import { startHarness, type Harness } from '../support/harness.js';
import { onPostgres } from '../support/test-store.js';

let h: Harness;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // Thursday 12/3, 10:10 in Japan: the no-show check of the 10:00 session is due.
  h = await startHarness({ now: '2026-12-03T01:10:00Z', app: { jobTimer: false } });
});
afterAll(async () => h.close());

/**
 * Staff's change runs and stays uncommitted while the due jobs run. It commits once the jobs are
 * seen waiting for a lock, or have finished without waiting (the overwrite this guards against),
 * so the outcome depends on the locks alone, not on how fast the machine is.
 */
async function jobsDuringStaffChange(change: (trx: Db) => Promise<LifecycleResult>): Promise<LifecycleResult> {
  let changed!: () => void;
  const changeMade = new Promise<void>((resolve) => (changed = resolve));
  let commit!: () => void;
  const mayCommit = new Promise<void>((resolve) => (commit = resolve));
  const staff = h.app.store.committer.run(async (trx) => {
    const result = await change(trx);
    changed();
    await mayCommit;
    return result;
  });
  await changeMade;
  let jobsFinished = false;
  const jobs = h.app.jobs.runDue().finally(() => (jobsFinished = true));
  const waiting = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted`.execute(h.app.db)).rows[0]!.n >
    0;
  while (!jobsFinished && !(await waiting())) await sleep(10);
  commit();
  const [result] = await Promise.all([staff, jobs]);
  return result;
}

describe.runIf(onPostgres)('a timed job running while staff change the booking', () => {
  it('keeps the attendance staff record as the no-show check fires', async () => {
    const now = h.clock.now().toISOString();
    const b = await seedBooking(h.app.db, {
      choices: [{ date: '2026-12-03', minutes: 600 }],
      createdAt: '2026-11-30T00:00:00Z',
      patch: confirmedAt({ date: '2026-12-03', minutes: 600 }),
    });
    // The person wrote this morning (「少し遅れます」), and the no-show check is due now: alone,
    // it would close the session as missed with contact.
    await recordStaffAction(h.app.db, {
      subjectId: b.id,
      action: USER_CONTACT_ACTION,
      staffId: b.lineUserId,
      via: 'line',
      at: toInstant({ date: '2026-12-03', minutes: 590 }),
    });
    await scheduleJob(h.app.db, 'no_show', b.id, toInstant({ date: '2026-12-03', minutes: 610 }), now);

    // Staff press 出席 (console or API).
    const marked = await jobsDuringStaffChange((trx) =>
      markAttendance(trx, testOffice(), {
        bookingId: b.id,
        attended: true,
        by: { id: 'console:sato', via: 'console' },
        now,
      }),
    );
    expect(marked.ok).toBe(true);
    const after = await getBooking(h.app.db, b.id);
    expect({ status: after?.status, cancelReason: after?.cancelReason }).toEqual({
      status: 'attended',
      cancelReason: null,
    });
  });

  it('keeps the time staff confirm as the request expires', async () => {
    // A request whose only choice (today 10:00) has just passed: its expiry is due now (10:10).
    const now = h.clock.now().toISOString();
    const b = await seedBooking(h.app.db, {
      choices: [{ date: '2026-12-03', minutes: 600 }],
      createdAt: '2026-11-30T00:00:00Z',
    });
    await scheduleJob(h.app.db, 'request_expiry', b.id, toInstant({ date: '2026-12-03', minutes: 600 }), now);
    // Staff agreed another time with the person on the phone and confirm it (API: {"start": ...}).
    const confirmed = await jobsDuringStaffChange((trx) =>
      confirmBooking(trx, testOffice(), {
        bookingId: b.id,
        at: { start: { date: '2026-12-08', minutes: 600 } },
        by: { id: 'api:sato', via: 'api' },
        now,
      }),
    );
    expect(confirmed.ok).toBe(true);
    const after = await getBooking(h.app.db, b.id);
    expect({ status: after?.status, cancelReason: after?.cancelReason }).toEqual({
      status: 'confirmed',
      cancelReason: null,
    });
  });
});
