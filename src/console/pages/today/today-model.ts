import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import { meetingOf } from '../../../bookings/booking-view.js';
import { ERASED_NAME } from '../calendar/week-model.js';
import { toLocal, type Instant, type SessionKind } from '../../../calendar/index.js';

/** What staff may record for a session now (the rules of markAttendance, src/bookings/lifecycle.ts). */
export type AttendanceChoice =
  /** A confirmed session: 出席 or 欠席（接続なし）; refused before it starts, as the API does. */
  | 'mark'
  /** Recorded as missed (or closed after the person wrote that day): may be corrected to 出席. */
  | 'correct_to_attended'
  /** Attended, or cancelled: nothing to record. */
  | 'none';

export interface TodayRow {
  bookingId: string;
  lineUserId: string;
  start: number;
  end: number;
  kind: SessionKind;
  app: 'zoom' | 'teleoffice';
  name: string;
  /** Zoom: the meeting; TeleOffice: where its invitation went. */
  meeting:
    | { app: 'zoom'; meetingId?: string; passcode?: string; joinUrl?: string }
    | { app: 'zoom'; missing: true }
    | {
        app: 'teleoffice';
        email: string;
      };
  status: { label: string; tone: 'ok' | 'warn' | 'bad' | 'plain' };
  started: boolean;
  attendance: AttendanceChoice;
  /** When the person wrote to the bot about this session today (Japan minutes), oldest first. */
  contacts: number[];
}

function statusOf(b: Booking, started: boolean): TodayRow['status'] {
  switch (b.status) {
    case 'attended':
      return { label: '出席', tone: 'ok' };
    case 'no_show':
      return { label: '欠席（接続なし）', tone: 'bad' };
    case 'cancelled':
      return b.cancelReason === 'contacted_on_day'
        ? { label: '当日連絡あり・未接続', tone: 'warn' }
        : { label: 'キャンセル', tone: 'plain' };
    default:
      return started ? { label: '出欠未記録', tone: 'warn' } : { label: '予定', tone: 'plain' };
  }
}

function attendanceOf(b: Booking): AttendanceChoice {
  if (b.status === 'confirmed') return 'mark';
  if (b.status === 'no_show' || (b.status === 'cancelled' && b.cancelReason === 'contacted_on_day'))
    return 'correct_to_attended';
  return 'none';
}

/**
 * Today's sessions in time order, each with what the counsellor needs at the start: the meeting,
 * the status, who wrote to the bot today, and what may be recorded. `sessions`: bookings with a
 * confirmed time today; `contacts`: booking id -> instants the person wrote about it today.
 */
export function todayRows(
  sessions: readonly Booking[],
  contacts: ReadonlyMap<string, readonly Instant[]>,
  now: Instant,
): TodayRow[] {
  return sessions
    .filter((b) => b.confirmedStart !== null && b.confirmedEnd !== null)
    .map((b): TodayRow => {
      const started = b.confirmedStart! <= now;
      const meeting = meetingOf(b);
      return {
        bookingId: b.id,
        lineUserId: b.lineUserId,
        start: toLocal(b.confirmedStart!).minutes,
        end: toLocal(b.confirmedEnd!).minutes,
        kind: b.kind,
        app: b.app,
        name: b.name || ERASED_NAME,
        meeting:
          b.app === 'teleoffice'
            ? { app: 'teleoffice', email: b.email }
            : meeting
              ? { app: 'zoom', ...meeting }
              : { app: 'zoom', missing: true },
        status: statusOf(b, started),
        started,
        attendance: attendanceOf(b),
        contacts: (contacts.get(b.id) ?? []).map((at) => toLocal(at).minutes),
      };
    })
    .sort((a, b) => a.start - b.start || a.name.localeCompare(b.name, 'ja'));
}
