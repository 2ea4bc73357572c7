import { describe, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import {
  acceptImmediateRequest,
  immediateRequestStatus,
  insertImmediateRequest,
} from '../../db/repositories/immediate-requests-repository.js';
import { pendingJobsOf, type JobRow } from '../../db/repositories/jobs-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { ensureTermsVersion } from '../../db/repositories/terms-repository.js';
import { getUser, recordConsent } from '../../db/repositories/users-repository.js';
import type { JobKind } from '../../db/schema.js';
import {
  acceptProposal,
  cancelBooking,
  ATTENDANCE_REMINDER_MINUTES,
  confirmBooking,
  markAttendance,
  proposeTime,
  type Actor,
} from '../../src/bookings/lifecycle.js';
import { toInstant, type LocalDateTime } from '../../src/calendar/index.js';
import { USER_CONTACT_ACTION } from '../../src/conversation/session-day-contact.js';
import { runJob } from '../../src/jobs/job-handlers.js';
import {
  changeRequestEndedMessages,
  immediateUnavailableMessages,
  reminderMessages,
  requestExpiredMessages,
} from '../../src/messages/lifecycle-messages.js';
import { termsChangeNoticeMessages } from '../../src/messages/terms-messages.js';
import { bookingViewOf } from '../../src/bookings/booking-view.js';
import { confirmedAt, seedBooking, STAFF_GROUP, testOffice } from '../support/booking-seeds.js';
import { useTempDatabase } from '../support/temp-db.js';
import { audiences, buttonsIn, textOf } from '../support/message-probe.js';

const temp = useTempDatabase('job-handlers');
const office = testOffice();

/** Tuesday 1 December 2026, 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00.000Z';
const STAFF: Actor = { id: 'Ustaff000000000000000000000000001', via: 'line' };
const THU_10: LocalDateTime = { date: '2026-12-10', minutes: 600 };
const THU_1330: LocalDateTime = { date: '2026-12-10', minutes: 810 };
const TUE_14: LocalDateTime = { date: '2026-12-08', minutes: 840 };
const jst = (date: string, hours: number, minutes = 0) => toInstant({ date, minutes: hours * 60 + minutes });

/** A job row as the runner hands it over. */
function job(kind: JobKind, subjectId: string, dueAt: string): JobRow {
  return {
    id: `${kind}:${subjectId}:${dueAt}`,
    kind,
    subject_id: subjectId,
    due_at: dueAt,
    status: 'pending',
    created_at: NOW,
    done_at: null,
    reason: null,
  };
}

/** A request confirmed at Thursday 10:00 by staff, with the jobs the confirmation scheduled. */
async function confirmedSession(): Promise<{ id: string; lineUserId: string; jobs: Map<JobKind, JobRow> }> {
  const b = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
  const result = await confirmBooking(temp.db, office, { bookingId: b.id, at: { choice: 1 }, by: STAFF, now: NOW });
  expect(result.ok).toBe(true);
  const jobs = new Map((await pendingJobsOf(temp.db, b.id)).map((j) => [j.kind, j]));
  return { id: b.id, lineUserId: b.lineUserId, jobs };
}

describe('reminders', () => {
  it('should remind the person the day before, at the time scheduled', async () => {
    const s = await confirmedSession();
    const dayBefore = s.jobs.get('reminder_day_before')!;
    const outcome = await runJob(temp.db, office, dayBefore, dayBefore.due_at);
    const b = (await getBooking(temp.db, s.id))!;
    expect(outcome).toEqual({
      status: 'done',
      dispatches: [
        {
          audience: 'user',
          recipient: s.lineUserId,
          messages: reminderMessages('day_before', THU_10, bookingViewOf(b), office.settings),
        },
      ],
    });
  });

  it('should skip a day-before reminder that would reach the person on the day itself', async () => {
    const s = await confirmedSession();
    const dayBefore = s.jobs.get('reminder_day_before')!;
    // Run late on the morning of the session (the server was down)...
    const onTheDay = {
      status: 'skipped',
      dispatches: [],
      reason: expect.stringContaining('on the day of the session'),
    };
    expect(await runJob(temp.db, office, dayBefore, jst('2026-12-10', 7))).toEqual(onTheDay);
    // ...or at 22:00 the evening before, when quiet hours would hold it until the morning.
    expect(await runJob(temp.db, office, dayBefore, jst('2026-12-09', 22))).toEqual(onTheDay);
    expect((await runJob(temp.db, office, dayBefore, jst('2026-12-09', 20, 59))).status).toBe('done');
  });

  it('should send the morning reminder before the start and skip it after', async () => {
    const s = await confirmedSession();
    const morning = s.jobs.get('reminder_morning')!;
    expect((await runJob(temp.db, office, morning, morning.due_at)).status).toBe('done');
    expect((await runJob(temp.db, office, morning, jst('2026-12-10', 10))).status).toBe('skipped');
  });

  it('should skip the reminders of the old time when the session was moved earlier', async () => {
    const s = await confirmedSession();
    await proposeTime(temp.db, office, { bookingId: s.id, start: TUE_14, by: STAFF, now: NOW });
    expect((await acceptProposal(temp.db, office, s.id, s.lineUserId, NOW)).ok).toBe(true);
    for (const kind of ['reminder_day_before', 'reminder_morning'] as const) {
      const old = s.jobs.get(kind)!;
      expect(await runJob(temp.db, office, old, jst('2026-12-08', 8)), kind).toEqual({
        status: 'skipped',
        dispatches: [],
      });
    }
  });

  it('should skip the reminders of a cancelled session', async () => {
    const s = await confirmedSession();
    await cancelBooking(temp.db, office, { bookingId: s.id, by: STAFF, byUser: false, reason: null, now: NOW });
    const dayBefore = s.jobs.get('reminder_day_before')!;
    expect(await runJob(temp.db, office, dayBefore, dayBefore.due_at)).toEqual({ status: 'skipped', dispatches: [] });
  });
});

describe('the reply deadline', () => {
  it('should tell staff and the person when a request is still unanswered', async () => {
    const b = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    const outcome = await runJob(temp.db, office, job('reply_due', b.id, NOW), NOW);
    expect(outcome.status).toBe('done');
    expect(audiences(outcome.dispatches)).toEqual([`staff:${STAFF_GROUP}`, `user:${b.lineUserId}`]);
  });

  it('should skip it when it runs late, after every preferred time has passed (the request is no longer standing)', async () => {
    const b = await seedBooking(temp.db, { choices: [THU_1330, THU_10], createdAt: NOW });
    // Between the two choices (the second is the earlier one): the later still stands.
    const between = toInstant({ date: THU_1330.date, minutes: 12 * 60 });
    expect((await runJob(temp.db, office, job('reply_due', b.id, NOW), between)).status).toBe('done');
    const after = toInstant({ date: THU_1330.date, minutes: 14 * 60 });
    expect(await runJob(temp.db, office, job('reply_due', b.id, NOW), after)).toEqual({
      status: 'skipped',
      dispatches: [],
      reason: 'ran late: every preferred time has passed',
    });
  });

  it('should skip it once staff proposed a time, or confirmed', async () => {
    // Its first choice holds Thursday 13:30, leaving 10:00 for the confirmed session below.
    const proposed = await seedBooking(temp.db, { choices: [THU_1330, THU_1330], createdAt: NOW });
    await proposeTime(temp.db, office, { bookingId: proposed.id, start: TUE_14, by: STAFF, now: NOW });
    expect(await runJob(temp.db, office, job('reply_due', proposed.id, NOW), NOW)).toEqual({
      status: 'skipped',
      dispatches: [],
    });
    const s = await confirmedSession();
    expect(await runJob(temp.db, office, job('reply_due', s.id, NOW), NOW)).toEqual({
      status: 'skipped',
      dispatches: [],
    });
  });
});

describe('the no-show check', () => {
  it('should ask staff whether the person connected, recording nothing and telling the person nothing, when nothing was recorded and nobody wrote', async () => {
    const s = await confirmedSession();
    const check = s.jobs.get('no_show')!;
    const outcome = await runJob(temp.db, office, check, check.due_at);
    expect(outcome.status).toBe('done');
    // Only the counsellor knows whether the person is in the session (terms 6(4)): staff decide.
    expect(audiences(outcome.dispatches)).toEqual([`staff:${STAFF_GROUP}`]);
    expect(buttonsIn(outcome.dispatches[0]!.messages)).toEqual([
      { action: 'attended', bookingId: s.id },
      { action: 'noshow', bookingId: s.id },
    ]);
    expect((await getBooking(temp.db, s.id))?.status).toBe('confirmed');
    expect((await getUser(temp.db, s.lineUserId))?.noShowCount).toBe(0);
    // Asked once more if nobody answers.
    const reminder = (await pendingJobsOf(temp.db, s.id)).find((j) => j.kind === 'attendance_reminder');
    expect(reminder?.due_at).toBe(
      new Date(Date.parse(check.due_at) + ATTENDANCE_REMINDER_MINUTES * 60_000).toISOString(),
    );
  });

  it('should ask staff once more while the question is open, and not once they answered', async () => {
    const s = await confirmedSession();
    const check = s.jobs.get('no_show')!;
    await runJob(temp.db, office, check, check.due_at);
    const reminder = (await pendingJobsOf(temp.db, s.id)).find((j) => j.kind === 'attendance_reminder')!;
    const again = await runJob(temp.db, office, reminder, reminder.due_at);
    expect(again.status).toBe('done');
    expect(audiences(again.dispatches)).toEqual([`staff:${STAFF_GROUP}`]);
    expect(textOf(again.dispatches[0])).toContain('再送');
    // Only one reminder is scheduled, however often it runs.
    expect((await pendingJobsOf(temp.db, s.id)).filter((j) => j.kind === 'attendance_reminder')).toHaveLength(1);
    expect(
      (await markAttendance(temp.db, office, { bookingId: s.id, attended: true, by: STAFF, now: reminder.due_at })).ok,
    ).toBe(true);
    expect(await runJob(temp.db, office, reminder, reminder.due_at)).toEqual({ status: 'skipped', dispatches: [] });
  });

  it('should close after contact, telling only staff and counting nothing, when the person wrote that day', async () => {
    const s = await confirmedSession();
    await recordStaffAction(temp.db, {
      subjectId: s.id,
      action: USER_CONTACT_ACTION,
      staffId: s.lineUserId,
      via: 'line',
      at: jst('2026-12-10', 9, 58),
    });
    const check = s.jobs.get('no_show')!;
    const outcome = await runJob(temp.db, office, check, check.due_at);
    expect(outcome.status).toBe('done');
    expect(audiences(outcome.dispatches)).toEqual([`staff:${STAFF_GROUP}`]);
    expect(await getBooking(temp.db, s.id)).toMatchObject({ status: 'cancelled', cancelReason: 'contacted_on_day' });
    expect((await getUser(temp.db, s.lineUserId))?.noShowCount).toBe(0);
  });

  it('should not count a message of the day before as contact on the day', async () => {
    const s = await confirmedSession();
    await recordStaffAction(temp.db, {
      subjectId: s.id,
      action: USER_CONTACT_ACTION,
      staffId: s.lineUserId,
      via: 'line',
      at: jst('2026-12-09', 23, 59),
    });
    const check = s.jobs.get('no_show')!;
    const outcome = await runJob(temp.db, office, check, check.due_at);
    // Not closed as contact: staff are asked, as for a session nobody wrote about.
    expect(textOf(outcome.dispatches[0])).toContain('【出席の確認】');
    expect((await getBooking(temp.db, s.id))?.status).toBe('confirmed');
  });

  it('should skip a check of another time, one run early, and one for a session already recorded', async () => {
    const s = await confirmedSession();
    const check = s.jobs.get('no_show')!;
    expect(
      (await runJob(temp.db, office, job('no_show', s.id, jst('2026-12-08', 14, 10)), jst('2026-12-10', 11))).status,
    ).toBe('skipped');
    expect((await runJob(temp.db, office, check, jst('2026-12-10', 10, 9))).status).toBe('skipped');
    expect((await getBooking(temp.db, s.id))?.status).toBe('confirmed');
    expect(
      (await markAttendance(temp.db, office, { bookingId: s.id, attended: true, by: STAFF, now: check.due_at })).ok,
    ).toBe(true);
    expect(await runJob(temp.db, office, check, check.due_at)).toEqual({ status: 'skipped', dispatches: [] });
  });
});

describe('new terms', () => {
  it('should tell each person with an open booking once, however many bookings they have, and nobody twice', async () => {
    // Terms art. 13: the notice is due when the version is registered, days before it applies.
    const t2 = {
      id: 't2',
      effectiveFrom: '2026-12-05',
      url: 'https://example.invalid/t2',
      summary: 'キャンセルの連絡先にメールを加えます。',
      consentSummary: '・新しい要約',
    };
    await ensureTermsVersion(temp.db, t2, NOW);
    const twice = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    await seedBooking(temp.db, { lineUserId: twice.lineUserId, choices: [TUE_14, TUE_14], createdAt: NOW });
    const once = await seedBooking(temp.db, {
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: confirmedAt(THU_10),
    });
    const agreed = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    await recordConsent(temp.db, agreed.lineUserId, 't2', NOW);
    await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW, patch: { status: 'cancelled' } });
    const notice = job('terms_notice', 't2', NOW);
    const first = await runJob(temp.db, office, notice, NOW);
    expect(first.status).toBe('done');
    expect(audiences(first.dispatches).sort()).toEqual([`user:${once.lineUserId}`, `user:${twice.lineUserId}`].sort());
    expect(first.dispatches[0]!.messages).toEqual(termsChangeNoticeMessages(t2, '2026-12-01'));
    const said = JSON.stringify(first.dispatches[0]!.messages);
    for (const part of ['2026年12月5日(土)から改定します', t2.summary, t2.url]) expect(said).toContain(part);
    expect(await runJob(temp.db, office, notice, NOW)).toEqual({ status: 'done', dispatches: [] });
    expect(await runJob(temp.db, office, job('terms_notice', 't9', NOW), NOW)).toEqual({
      status: 'skipped',
      dispatches: [],
    });
  });
});

describe('an immediate-session request nobody took', () => {
  const PERSON = 'U2222222222222222222222222222222b';

  it('should decline it once, telling the person and staff', async () => {
    await insertImmediateRequest(temp.db, {
      id: 'imm-1',
      lineUserId: PERSON,
      name: '青森 太郎',
      jobSeekerNumber: '',
      interpreter: false,
      companion: null,
      companionLanguage: null,
      createdAt: NOW,
    });
    const timeout = job('immediate_timeout', 'imm-1', NOW);
    const outcome = await runJob(temp.db, office, timeout, NOW);
    expect(outcome.status).toBe('done');
    expect(audiences(outcome.dispatches)).toEqual([`user:${PERSON}`, `staff:${STAFF_GROUP}`]);
    expect(outcome.dispatches[0]!.messages).toEqual(immediateUnavailableMessages(office.settings));
    expect(await immediateRequestStatus(temp.db, 'imm-1')).toBe('declined');
    expect(await runJob(temp.db, office, timeout, NOW)).toEqual({ status: 'skipped', dispatches: [] });
  });

  it('should leave alone a request a staff member took meanwhile', async () => {
    await insertImmediateRequest(temp.db, {
      id: 'imm-2',
      lineUserId: PERSON,
      name: '',
      jobSeekerNumber: '',
      interpreter: false,
      companion: null,
      companionLanguage: null,
      createdAt: NOW,
    });
    await acceptImmediateRequest(temp.db, 'imm-2', STAFF.id, NOW);
    expect((await runJob(temp.db, office, job('immediate_timeout', 'imm-2', NOW), NOW)).status).toBe('skipped');
    expect(await immediateRequestStatus(temp.db, 'imm-2')).toBe('accepted');
  });
});

describe('a request whose times all passed', () => {
  const LATER = jst('2026-12-10', 14, 30);

  it('should close it as expired and tell the person and staff', async () => {
    const b = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    const outcome = await runJob(temp.db, office, job('request_expiry', b.id, LATER), LATER);
    expect(outcome.status).toBe('done');
    expect(audiences(outcome.dispatches)).toEqual([`user:${b.lineUserId}`, `staff:${STAFF_GROUP}`]);
    expect(outcome.dispatches[0]!.messages).toEqual(requestExpiredMessages(office.settings));
    expect(await getBooking(temp.db, b.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'expired',
      cancelledBy: 'system',
    });
  });

  it('should look again once a pending proposal has passed, rather than close it', async () => {
    const b = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    const laterProposal: LocalDateTime = { date: '2026-12-15', minutes: 600 };
    await proposeTime(temp.db, office, { bookingId: b.id, start: laterProposal, by: STAFF, now: NOW });
    expect(await runJob(temp.db, office, job('request_expiry', b.id, LATER), LATER)).toEqual({
      status: 'skipped',
      dispatches: [],
    });
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');
    expect((await pendingJobsOf(temp.db, b.id)).map((j) => [j.kind, j.due_at])).toEqual([
      ['request_expiry', toInstant(laterProposal)],
    ]);
  });

  it('should tell the person a lapsed change request leaves their session in place', async () => {
    const kept = await seedBooking(temp.db, {
      choices: [TUE_14, TUE_14],
      createdAt: NOW,
      patch: confirmedAt({ date: '2026-12-17', minutes: 600 }),
    });
    const change = await seedBooking(temp.db, {
      lineUserId: kept.lineUserId,
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { replacesBookingId: kept.id },
    });
    const outcome = await runJob(temp.db, office, job('request_expiry', change.id, LATER), LATER);
    expect(outcome.dispatches[0]!.messages).toEqual(
      changeRequestEndedMessages({ date: '2026-12-17', minutes: 600 }, 'expired', null, office.settings),
    );
    expect((await getBooking(temp.db, kept.id))?.status).toBe('confirmed');
  });

  it('should skip a request that was confirmed meanwhile', async () => {
    const s = await confirmedSession();
    expect(await runJob(temp.db, office, job('request_expiry', s.id, LATER), LATER)).toEqual({
      status: 'skipped',
      dispatches: [],
    });
    expect((await getBooking(temp.db, s.id))?.status).toBe('confirmed');
  });
});

describe('jobs run long after they were due (the server was down)', () => {
  /** Three months after Thursday 10 December. */
  const MONTHS_LATER = jst('2027-03-10', 10);

  it('should record the attendance question and its reminder, not ask staff about a session long past', async () => {
    const s = await confirmedSession();
    const check = s.jobs.get('no_show')!;
    const outcome = await runJob(temp.db, office, check, MONTHS_LATER);
    expect(outcome).toEqual({ status: 'skipped', dispatches: [], reason: expect.stringContaining('after it was due') });
    // Nothing is decided for staff: the session stays as it was, for them to record in the console.
    expect((await getBooking(temp.db, s.id))?.status).toBe('confirmed');
    const reminder = job('attendance_reminder', s.id, jst('2026-12-10', 10, 40));
    expect((await runJob(temp.db, office, reminder, MONTHS_LATER)).dispatches).toEqual([]);
    // The same day, both still ask.
    expect((await runJob(temp.db, office, check, jst('2026-12-10', 18))).status).toBe('done');
  });

  it('should close an expired request and an untaken immediate request without telling anyone', async () => {
    const b = await seedBooking(temp.db, { choices: [THU_10, THU_1330], createdAt: NOW });
    const expiry = await runJob(temp.db, office, job('request_expiry', b.id, jst('2026-12-10', 14)), MONTHS_LATER);
    expect(expiry).toEqual({ status: 'done', dispatches: [], reason: expect.stringContaining('after it was due') });
    expect((await getBooking(temp.db, b.id))?.status).toBe('cancelled');
    await insertImmediateRequest(temp.db, {
      id: 'imm-late',
      lineUserId: 'U3333333333333333333333333333333c',
      name: '',
      jobSeekerNumber: '',
      interpreter: false,
      companion: null,
      companionLanguage: null,
      createdAt: NOW,
    });
    const timeout = await runJob(temp.db, office, job('immediate_timeout', 'imm-late', NOW), MONTHS_LATER);
    expect(timeout).toMatchObject({ status: 'done', dispatches: [] });
    expect(await immediateRequestStatus(temp.db, 'imm-late')).toBe('declined');
  });
});
