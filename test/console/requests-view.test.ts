import { describe, expect, it } from 'vitest';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { RecordedAction } from '../../db/repositories/staff-actions-repository.js';
import { slotKey, toInstant, type CalendarContext } from '../../src/calendar/index.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { instantJa } from '../../src/console/views/format.js';
import { parseCancelForm, parseConfirmForm, parseProposeForm } from '../../src/console/pages/requests/booking-forms.js';
import { doneNotice } from '../../src/console/pages/requests/booking-page.js';
import {
  actorJa,
  historyOf,
  staleFormText,
  timeState,
  waitingOf,
} from '../../src/console/pages/requests/request-view.js';

// Tuesday 2026-12-01 09:00 in Japan.
const NOW = '2026-12-01T00:00:00.000Z';
const at = (date: string, minutes: number) => toInstant({ date, minutes });

function booking(patch: Partial<Booking> = {}): Booking {
  return {
    id: 'b1000000-0000-4000-8000-000000000000',
    lineUserId: 'Uperson',
    status: 'requested',
    kind: 'regular',
    app: 'teleoffice',
    name: '青森 花子',
    jobSeekerNumber: '02010-12345678',
    email: 'a@example.jp',
    phone: '09012345678',
    interpreter: false,
    companion: null,
    companionLanguage: null,
    choice1Start: at('2026-12-03', 600),
    choice1End: at('2026-12-03', 640),
    choice1Slot: slotKey('regular', '2026-12-03', 600),
    choice2Start: at('2026-12-03', 630),
    choice2End: at('2026-12-03', 670),
    choice2Slot: slotKey('regular', '2026-12-03', 630),
    confirmedStart: null,
    confirmedEnd: null,
    confirmedSlot: null,
    termsVersion: 't1',
    createdAt: NOW,
    replyDue: '2026-12-02T08:15:00.000Z',
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
    ...patch,
  };
}

function calendar(occupancy: Record<string, number>, closures: string[] = []): CalendarContext {
  return {
    settings: defaultOfficeSettings,
    closures: new Set(closures),
    occupancy: new Map(Object.entries(occupancy)),
    capacityOverrides: new Map(),
  };
}

describe('timeState: whether a time could be confirmed now', () => {
  const b = booking();
  it('does not count the request against its own first choice', () => {
    const cal = calendar({ [b.choice1Slot]: 1 });
    expect(timeState(cal, b, b.choice1Start, NOW)).toEqual({ free: true });
  });
  it('counts another request holding the second choice as full (capacity 1)', () => {
    const cal = calendar({ [b.choice1Slot]: 1, [b.choice2Slot!]: 1 });
    expect(timeState(cal, b, b.choice2Start!, NOW)).toEqual({ free: false, reason: 'slot_full' });
  });
  it('says past, closed day and outside the window as confirmBooking would', () => {
    const cal = calendar({}, ['2026-12-03']);
    expect(timeState(cal, b, b.choice1Start, NOW)).toEqual({ free: false, reason: 'closed_day' });
    expect(timeState(calendar({}), b, at('2026-11-30', 600), NOW)).toEqual({ free: false, reason: 'past' });
    expect(timeState(calendar({}), b, at('2026-12-03', 20 * 60), NOW)).toEqual({
      free: false,
      reason: 'outside_window',
    });
  });
});

describe('waitingOf and historyOf', () => {
  it('marks a request overdue only once its deadline passed, and a proposal as awaiting the person', () => {
    expect(waitingOf(booking(), NOW)).toEqual({ on: 'staff', overdue: false, dueToday: false });
    expect(waitingOf(booking(), '2026-12-02T01:00:00.000Z')).toEqual({ on: 'staff', overdue: false, dueToday: true });
    expect(waitingOf(booking(), '2026-12-02T08:16:00.000Z')).toMatchObject({ overdue: true });
    const proposed = booking({ proposedStart: at('2026-12-08', 840) });
    expect(waitingOf(proposed, '2026-12-05T00:00:00.000Z')).toEqual({
      on: 'person',
      proposedStart: at('2026-12-08', 840),
    });
  });
  it('counts only the same person’s earlier bookings, with the office’s counts and block', () => {
    const b = booking({ createdAt: '2026-12-01T00:00:00.000Z' });
    const stubs = [
      {
        id: 'old1',
        lineUserId: 'Uperson',
        status: 'attended' as const,
        cancelReason: null,
        createdAt: '2026-10-01T00:00:00.000Z',
      },
      {
        id: 'old2',
        lineUserId: 'Uperson',
        status: 'no_show' as const,
        cancelReason: 'no_show',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
      { id: b.id, lineUserId: 'Uperson', status: 'requested' as const, cancelReason: null, createdAt: b.createdAt },
      {
        id: 'later',
        lineUserId: 'Uperson',
        status: 'requested' as const,
        cancelReason: null,
        createdAt: '2026-12-02T00:00:00.000Z',
      },
      // The request the person replaced by changing its times: the same consultation.
      {
        id: 'old3',
        lineUserId: 'Uperson',
        status: 'cancelled' as const,
        cancelReason: 'changed',
        createdAt: '2026-11-30T00:00:00.000Z',
      },
      {
        id: 'else',
        lineUserId: 'Uother',
        status: 'attended' as const,
        cancelReason: null,
        createdAt: '2026-09-01T00:00:00.000Z',
      },
    ];
    const standing = {
      lineUserId: 'Uperson',
      cancelCount: 1,
      noShowCount: 1,
      blockedAt: '2026-11-02T00:00:00Z',
      flaggedAt: null,
    };
    expect(historyOf(b, stubs, standing)).toEqual({
      earlierBookings: 2,
      attended: 1,
      cancelCount: 1,
      noShowCount: 1,
      blocked: true,
      flagged: false,
    });
  });
});

describe('staleFormText and actorJa', () => {
  const names = new Map([['yamada', '山田 太郎']]);
  const action = (a: Partial<RecordedAction>): RecordedAction => ({
    id: 1,
    subjectId: 'b1',
    action: 'confirm',
    staffId: 'console:yamada',
    via: 'console',
    detail: null,
    at: '2026-12-01T00:05:00.000Z',
    ...a,
  });
  const confirmed = booking({ status: 'confirmed', confirmedStart: at('2026-12-08', 630) });

  it('says who confirmed since the page was opened, and when the session is', () => {
    expect(staleFormText(confirmed, [action({})], NOW, names, instantJa)).toMatch(
      /^この申込みは、画面を開いたあとに山田 太郎さんが確定しました（12月8日\(火\) 10:30）。/,
    );
  });
  it('tells a proposal the person accepted, and a cancellation by the person', () => {
    const accepted = action({ detail: JSON.stringify({ start: confirmed.confirmedStart, acceptedByPerson: true }) });
    expect(staleFormText(confirmed, [accepted], NOW, names, instantJa)).toContain(
      '山田 太郎さんが提案した日時をご本人が承諾し、確定しました（12月8日(火) 10:30）',
    );
    const cancelled = booking({ status: 'cancelled' });
    expect(
      staleFormText(cancelled, [action({ action: 'cancel', staffId: 'Uperson', via: 'line' })], NOW, names, instantJa),
    ).toContain('ご本人がキャンセルしました');
  });
  it('ignores actions from before the page was opened, and falls back to the status', () => {
    const old = action({ at: '2026-11-30T00:00:00.000Z' });
    expect(staleFormText(confirmed, [old], NOW, names, instantJa)).toContain('変更がありました（今の状況: 確定）');
  });
  it('names every kind of actor', () => {
    expect(actorJa('console:yamada', 'Uperson', names)).toBe('山田 太郎（管理画面）');
    expect(actorJa('console:gone', 'Uperson', names)).toBe('gone（管理画面）');
    expect(actorJa('api:suzuki', 'Uperson', names)).toBe('suzuki（API）');
    expect(actorJa('Ustaff', 'Uperson', names)).toBe('スタッフグループ（LINE）');
    expect(actorJa('Uperson', 'Uperson', names)).toBe('ご本人');
    expect(actorJa('system', 'Uperson', names)).toBe('自動処理');
  });
});

describe('the booking page forms', () => {
  const seen = { updated_at: NOW };
  it('reads a choice, or another start in Japan time, with a Zoom meeting as a pair', () => {
    expect(parseConfirmForm({ ...seen, choice: '2' })).toEqual({ ok: true, value: { seen: NOW, at: { choice: 2 } } });
    expect(
      parseConfirmForm({
        ...seen,
        choice: 'other',
        date: '2026-12-08',
        time: '09:45',
        meeting_id: ' 1 ',
        passcode: 'p',
      }),
    ).toEqual({
      ok: true,
      value: {
        seen: NOW,
        at: { start: { date: '2026-12-08', minutes: 585 } },
        meeting: { meetingId: '1', passcode: 'p' },
      },
    });
    expect(parseConfirmForm({ ...seen })).toMatchObject({ ok: false, problem: { field: 'choice' } });
    // A time typed under 「ほかの日時」 with a preferred time still chosen: which was meant is asked,
    // rather than the preferred one confirmed to the person.
    for (const typed of [{ date: '2026-12-10', time: '14:00' }, { date: '2026-12-10' }, { time: '14:00' }])
      expect(parseConfirmForm({ ...seen, choice: '1', ...typed })).toMatchObject({
        ok: false,
        problem: { field: 'choice', message: expect.stringContaining('「ほかの日時」を選んでください') },
      });
    expect(parseConfirmForm({ ...seen, choice: '1', date: ' ', time: '' })).toMatchObject({ ok: true });
    expect(parseConfirmForm({ ...seen, choice: 'other', date: '2026-02-30', time: '10:00' })).toMatchObject({
      ok: false,
      problem: { field: 'date' },
    });
    expect(parseConfirmForm({ ...seen, choice: 'other', date: '2026-12-08', time: '25:00' })).toMatchObject({
      ok: false,
      problem: { field: 'time' },
    });
    expect(parseConfirmForm({ ...seen, choice: '1', passcode: 'p' })).toMatchObject({
      ok: false,
      problem: { field: 'meeting_id' },
    });
    expect(parseConfirmForm({ ...seen, choice: '1', meeting_id: 'x'.repeat(41), passcode: 'p' })).toMatchObject({
      ok: false,
      problem: { field: 'meeting_id' },
    });
  });
  it('refuses a form without the booking version it was opened on', () => {
    expect(parseConfirmForm({ choice: '1' })).toMatchObject({ ok: false, problem: { field: 'updated_at' } });
    expect(parseProposeForm({ updated_at: 'yesterday', date: '2026-12-08', time: '10:00' })).toMatchObject({
      ok: false,
      problem: { field: 'updated_at' },
    });
  });
  it('needs a cancellation reason of at most 200 characters, keeping its line breaks', () => {
    expect(parseCancelForm({ ...seen, reason: '担当者の都合\r\nのため' })).toEqual({
      ok: true,
      value: { seen: NOW, reason: '担当者の都合\nのため' },
    });
    expect(parseCancelForm({ ...seen, reason: '' })).toMatchObject({ ok: false, problem: { field: 'reason' } });
    expect(parseCancelForm({ ...seen, reason: 'あ'.repeat(200) })).toMatchObject({ ok: true });
    expect(parseCancelForm({ ...seen, reason: 'あ'.repeat(201) })).toMatchObject({
      ok: false,
      problem: { field: 'reason' },
    });
    expect(parseCancelForm({ ...seen, reason: 'a\u0007b' })).toMatchObject({ ok: false, problem: { field: 'reason' } });
  });
});

describe('doneNotice', () => {
  it('words the known outcomes with the time they were for, and nothing else, not even inherited names', () => {
    const confirmed = booking({ status: 'confirmed', confirmedStart: toInstant({ date: '2026-12-09', minutes: 660 }) });
    expect(doneNotice('confirmed', confirmed)).toBe(
      '12月9日(水) 11:00 で確定しました。ご本人にLINEでお知らせしました。',
    );
    const proposed = booking({ proposedStart: toInstant({ date: '2026-12-10', minutes: 840 }) });
    expect(doneNotice('proposed', proposed)).toBe(
      '12月10日(木) 14:00 を提案しました。ご本人にLINEでお知らせしました。',
    );
    expect(doneNotice('cancelled', confirmed)).toBe('キャンセルしました。ご本人にLINEでお知らせしました。');
    expect(doneNotice('constructor', confirmed)).toBeNull();
    expect(doneNotice(['confirmed'], confirmed)).toBeNull();
    expect(doneNotice(undefined, confirmed)).toBeNull();
  });
});
