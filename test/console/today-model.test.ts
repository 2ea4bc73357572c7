import { describe, expect, it } from 'vitest';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { toInstant } from '../../src/calendar/index.js';
import { todayRows } from '../../src/console/pages/today/today-model.js';

const day = '2026-12-03';
function session(id: string, minutes: number, patch: Partial<Booking> = {}): Booking {
  return {
    id,
    lineUserId: `U${id}`,
    name: `名前 ${id}`,
    status: 'confirmed',
    kind: 'regular',
    app: 'zoom',
    email: `${id}@example.jp`,
    meetingId: '123 4567 8901',
    meetingPasscode: 'abc123',
    cancelReason: null,
    confirmedStart: toInstant({ date: day, minutes }),
    confirmedEnd: toInstant({ date: day, minutes: minutes + 40 }),
    ...patch,
  } as Booking;
}

describe("today's rows", () => {
  const now = toInstant({ date: day, minutes: 11 * 60 + 5 });
  const rows = todayRows(
    [
      session('late', 840, { app: 'teleoffice' }),
      session('missed', 600, { status: 'no_show' }),
      session('contact', 660, { status: 'cancelled', cancelReason: 'contacted_on_day', meetingId: null }),
      session('gone', 630, { status: 'cancelled', cancelReason: 'user' }),
      session('came', 690, { status: 'attended' }),
    ],
    new Map([['late', [toInstant({ date: day, minutes: 545 }), toInstant({ date: day, minutes: 550 })]]]),
    now,
  );

  it('are in time order with what may be recorded for each', () => {
    expect(rows.map((r) => [r.bookingId, r.attendance])).toEqual([
      ['missed', 'correct_to_attended'],
      ['gone', 'none'],
      ['contact', 'correct_to_attended'],
      ['came', 'none'],
      ['late', 'mark'],
    ]);
  });

  it('say whether the session has begun, how to join, and when the person wrote', () => {
    const late = rows.at(-1)!;
    expect(late).toMatchObject({
      started: false,
      status: { label: '予定' },
      meeting: { app: 'teleoffice', email: 'late@example.jp' },
      contacts: [545, 550],
    });
    expect(rows[0]).toMatchObject({ meeting: { app: 'zoom', meetingId: '123 4567 8901', passcode: 'abc123' } });
    expect(rows[2]).toMatchObject({
      meeting: { app: 'zoom', missing: true },
      status: { label: '当日連絡あり・未接続' },
    });
  });
});
