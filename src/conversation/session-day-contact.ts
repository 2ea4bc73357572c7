/**
 * A person writes on the day of their confirmed session (「5分ほど遅れます」「Zoomに入れません」).
 * The bot cannot act on it, but the office must hear of it: the terms count a session missed
 * without any contact as a cancellation without notice, and this is contact, in the office's own
 * chat. Staff are told (what was written, at most once every few minutes per booking, so a burst
 * of lines is one note), the contact is recorded so the no-show check leaves the decision to
 * staff, and the person gets the number to call and the meeting to join.
 */
import type { Db } from '../../db/database.js';
import type { BookingRow } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { bookingRef } from '../bookings/lifecycle.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { formatSlotJa, toLocal } from '../calendar/index.js';
import type { LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { sessionDayContactMessages } from './messages/lifecycle-messages.js';
import { text } from './messages/building-blocks.js';

/** The action recorded when a person wrote about their session on its day (read by the no-show check). */
export const USER_CONTACT_ACTION = 'user_contact';

/** Staff hear of the first line at once; lines within this time after a note are in the chat already. */
const NOTE_INTERVAL_MS = 5 * 60_000;

/** What a staff note quotes of the message: enough to act on, never a wall of text. */
const QUOTE_LIMIT = 200;

export interface SessionDayContact {
  /** For the person (nothing when the caller already answered, e.g. with the phone-only rule). */
  say: LineMessage[];
  others: Dispatch[];
}

export async function recordSessionDayContact(
  db: Db,
  settings: OfficeSettings,
  staffGroupId: string,
  booking: BookingRow,
  message: string | undefined,
  now: string,
  answered: boolean,
): Promise<SessionDayContact> {
  const last = await db
    .selectFrom('staff_actions')
    .select('at')
    .where('subject_id', '=', booking.id)
    .where('action', '=', USER_CONTACT_ACTION)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  await recordStaffAction(db, { subjectId: booking.id, action: USER_CONTACT_ACTION, staffId: booking.line_user_id, via: 'line', at: now });
  const at = toLocal(booking.confirmed_start ?? booking.choice1_start);
  const when = formatSlotJa(at, settings.sessionMinutes);
  const noteDue = !last || Date.parse(now) - Date.parse(last.at) >= NOTE_INTERVAL_MS;
  const quoted = message === undefined ? '当日の変更・キャンセルを希望されています（お電話をご案内しました）。' : `「${message.length > QUOTE_LIMIT ? `${message.slice(0, QUOTE_LIMIT)}…` : message}」`;
  const note = `【当日のご連絡】${bookingRef(booking)}（${when}）から、本日メッセージがありました。\n${quoted}\nLINE 公式アカウントのチャットでご確認ください。ご本人から連絡があったため、欠席（連絡なし）の自動記録はしません。出席・欠席は職員が記録してください。`;
  const meeting = booking.app === 'zoom' && booking.meeting_id && booking.meeting_passcode ? { meetingId: booking.meeting_id, passcode: booking.meeting_passcode } : null;
  return {
    say: answered ? [] : sessionDayContactMessages(when, meeting, settings),
    others: noteDue ? [{ audience: 'staff', recipient: staffGroupId, messages: [text(note)] }] : [],
  };
}
