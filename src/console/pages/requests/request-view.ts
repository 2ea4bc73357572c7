import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import type { BookingStub, PersonStanding } from '../../../../db/repositories/console-requests-repository.js';
import type { RecordedAction } from '../../../../db/repositories/staff-actions-repository.js';
import { staffTimeProblem, type StaffTimeProblem } from '../../../bookings/slot-rules.js';
import { capacityOf, slotKey, toLocal, type CalendarContext, type Instant } from '../../../calendar/index.js';

/** How the console names the kinds of session (short, for tables). */
export const KIND_SHORT = { regular: '一般', mothers: 'マザーズコーナー' } as const;
export const APP_NAME = { zoom: 'Zoom', teleoffice: 'TeleOffice' } as const;
export const STATUS_JA = {
  requested: '日程調整中',
  confirmed: '確定',
  cancelled: 'キャンセル',
  no_show: '欠席',
  attended: '相談済み',
} as const;

/** Whether a time can still be confirmed right now, by the rules confirmBooking applies. */
export type TimeState = { free: true } | { free: false; reason: StaffTimeProblem | 'slot_full' };

export const TIME_STATE_JA: Record<StaffTimeProblem | 'slot_full', string> = {
  slot_full: '満席',
  past: '過ぎています',
  closed_day: '相談のない日',
  outside_window: '時間外',
};

/**
 * The answer confirmBooking would give for `start` now, from the calendar as loaded at `now`
 * (src/bookings/calendar-facts.ts): the same day, window and past checks, and the same capacity
 * count, in which the booking's own place (its first choice while it awaits staff, or its
 * confirmed slot) does not count against it (docs/office-rules.md §5).
 */
export function timeState(calendar: CalendarContext, booking: Booking, start: Instant, now: Instant): TimeState {
  const at = toLocal(start);
  const problem = staffTimeProblem(calendar, booking.kind, at, now);
  if (problem) return { free: false, reason: problem };
  const slot = slotKey(booking.kind, at.date, at.minutes);
  const ownPlace =
    (booking.status === 'requested' && booking.choice1Slot === slot) ||
    (booking.status === 'confirmed' && booking.confirmedSlot === slot);
  const taken = (calendar.occupancy.get(slot) ?? 0) - (ownPlace ? 1 : 0);
  return taken >= capacityOf(calendar, slot) ? { free: false, reason: 'slot_full' } : { free: true };
}

/** Where a listed booking stands: staff must answer (maybe late), or the person must answer a proposal. */
export type Waiting = { on: 'staff'; overdue: boolean; dueToday: boolean } | { on: 'person'; proposedStart: Instant };

export function waitingOf(booking: Booking, now: Instant): Waiting {
  if (booking.proposedStart !== null) return { on: 'person', proposedStart: booking.proposedStart };
  return {
    on: 'staff',
    overdue: booking.replyDue < now,
    dueToday: booking.replyDue >= now && toLocal(booking.replyDue).date === toLocal(now).date,
  };
}

/** A person's record as staff weigh a request: earlier bookings, their own cancellations, no-shows, block. */
export interface PersonHistory {
  earlierBookings: number;
  attended: number;
  cancelCount: number;
  noShowCount: number;
  blocked: boolean;
  flagged: boolean;
}

/**
 * Bookings that ended because a later one replaced them (the person changed their request, or a
 * change of a confirmed session was confirmed): the same consultation, not an earlier one.
 */
const REPLACED: ReadonlySet<string> = new Set(['changed', 'rescheduled']);

export function historyOf(
  booking: Pick<Booking, 'id' | 'lineUserId' | 'createdAt'>,
  stubs: readonly BookingStub[],
  standing: PersonStanding | undefined,
): PersonHistory {
  const earlier = stubs.filter(
    (s) =>
      s.lineUserId === booking.lineUserId &&
      s.id !== booking.id &&
      s.createdAt < booking.createdAt &&
      !REPLACED.has(s.cancelReason ?? ''),
  );
  return {
    earlierBookings: earlier.length,
    attended: earlier.filter((s) => s.status === 'attended').length,
    cancelCount: standing?.cancelCount ?? 0,
    noShowCount: standing?.noShowCount ?? 0,
    blocked: standing?.blockedAt != null,
    flagged: standing?.flaggedAt != null,
  };
}

/** Who did a recorded action, as staff read it. `names`: console login id -> the account's name. */
export function actorJa(staffId: string, personId: string, names: ReadonlyMap<string, string>): string {
  if (staffId === 'system') return '自動処理';
  if (staffId === personId) return 'ご本人';
  if (staffId.startsWith('console:')) {
    const login = staffId.slice('console:'.length);
    return `${names.get(login) ?? login}（管理画面）`;
  }
  if (staffId.startsWith('api:')) return `${staffId.slice('api:'.length)}（API）`;
  return 'スタッフグループ（LINE）';
}

/** The same, as the subject of a sentence: 「山田 太郎さんが」. */
function actorSubjectJa(staffId: string, personId: string, names: ReadonlyMap<string, string>): string {
  if (staffId === 'system') return '自動処理で';
  if (staffId === personId) return 'ご本人が';
  if (staffId.startsWith('console:')) {
    const login = staffId.slice('console:'.length);
    return `${names.get(login) ?? login}さんが`;
  }
  if (staffId.startsWith('api:')) return `${staffId.slice('api:'.length)}さんが（API で）`;
  return 'スタッフグループ（LINE）で';
}

export const ACTION_JA: Record<string, string> = {
  confirm: '確定',
  propose: '別の日時を提案',
  cancel: 'キャンセル',
  attended: '出席を記録',
  no_show: '欠席を記録',
  attendance_corrected: '出席に訂正',
  attendance_asked: '出席の確認を依頼',
  attendance_reminded: '出席の確認を再依頼',
  closed_after_contact: '当日の連絡ありで終了',
};

/** A recorded action's detail (JSON as recordStaffAction wrote it); empty when absent or unreadable. */
function detailOf(a: Pick<RecordedAction, 'detail'>): Record<string, unknown> {
  if (!a.detail) return {};
  try {
    const d: unknown = JSON.parse(a.detail);
    return d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : {};
  } catch (e: unknown) {
    // A detail edited by hand outside the program: show nothing rather than fail the page.
    void e;
    return {};
  }
}

/** What a recorded action's detail adds for staff: the time it set, a reason. */
export function actionDetailJa(a: Pick<RecordedAction, 'detail'>, instantJa: (at: Instant) => string): string {
  const d = detailOf(a);
  const parts: string[] = [];
  if (typeof d.start === 'string') parts.push(instantJa(d.start));
  if (d.acceptedByPerson === true) parts.push('ご本人が提案を承諾');
  if (d.forPerson === true) parts.push('職員が代理で予約');
  if (d.insideLeadTime === true) parts.push('通常の受付期限（前々開庁日）を過ぎた予約');
  if (typeof d.reason === 'string') parts.push(`理由: ${cancelReasonJa(d.reason)}`);
  if (d.byUser === true) parts.push('ご本人の操作');
  return parts.join('・');
}

/** Cancel reasons the program writes itself, in words; a staff member's own reason as typed. */
export function cancelReasonJa(reason: string): string {
  const fixed: Record<string, string> = {
    rescheduled: '変更後の日時で確定したため',
    changed: 'ご本人が希望日時を変更したため',
    no_show: '欠席',
    contacted_on_day: '当日ご本人から連絡あり',
    expired: '回答のないまま希望日時が過ぎたため',
  };
  return fixed[reason] ?? reason;
}

/**
 * What to tell a staff member whose form was opened before the booking last changed: who did
 * what since (from the booking's history), e.g. 「この申込みは、画面を開いたあとに山田 太郎さんが
 * 確定しました（12月8日(火) 10:30）。」 Nothing on the booking was changed by their form.
 */
export function staleFormText(
  booking: Booking,
  actions: readonly RecordedAction[],
  seenUpdatedAt: string,
  names: ReadonlyMap<string, string>,
  instantJa: (at: Instant) => string,
): string {
  const last = [...actions].reverse().find((a) => a.at > seenUpdatedAt && a.action in ACTION_JA);
  const head = 'この申込みは、画面を開いたあとに';
  const tail = '画面は最新の状態にしました。内容を確かめて、必要ならもう一度操作してください。';
  if (last) {
    // An accepted proposal is recorded in the proposer's name: 「山田さんが提案した日時をご本人が承諾し…」.
    const who = actorSubjectJa(last.staffId, booking.lineUserId, names);
    let did: string;
    if (last.action === 'confirm' && booking.status === 'confirmed' && booking.confirmedStart) {
      const accepted = detailOf(last).acceptedByPerson === true;
      did = accepted
        ? `提案した日時をご本人が承諾し、確定しました（${instantJa(booking.confirmedStart)}）`
        : `確定しました（${instantJa(booking.confirmedStart)}）`;
    } else if (last.action === 'propose' && booking.proposedStart) {
      did = `別の日時（${instantJa(booking.proposedStart)}）を提案しました`;
    } else if (last.action === 'cancel') {
      did = 'キャンセルしました';
    } else {
      did = `${ACTION_JA[last.action]}をしました`;
    }
    return `${head}${who}${did}。${tail}`;
  }
  return `${head}変更がありました（今の状況: ${STATUS_JA[booking.status]}）。${tail}`;
}
