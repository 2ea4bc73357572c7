/**
 * A person writes on the day of their confirmed session (「5分ほど遅れます」「Zoomに入れません」).
 * The bot cannot act on it, but the office must hear of it: the terms count a session missed
 * without any contact as a cancellation without notice, and this is contact, in the office's own
 * chat. Staff are told what was written, every line: a later one may change what an earlier one
 * said (「参加できません」, then 「やはり参加できます。10分遅れます」), and the person is told each
 * time that it was passed on. The contact is recorded so the no-show check does not count the
 * session as missed without contact, and the person gets the number to call and the meeting to join.
 */
import type { Db } from '../../db/database.js';
import { sessionStartOf, type Booking } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { bookingRef, staffSessionDayContactMessages } from '../messages/staff-messages.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { meetingOf } from '../bookings/booking-view.js';
import { toLocal } from '../calendar/index.js';
import { formatSlotJa } from '../messages/format-ja.js';
import type { LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { sessionDayContactMessages } from '../messages/lifecycle-messages.js';

/** The action recorded when a person wrote about their session on its day (read by the no-show check). */
export const USER_CONTACT_ACTION = 'user_contact';

export interface SessionDayContact {
  /** For the person (nothing when the caller already answered, e.g. with the phone-only rule). */
  say: LineMessage[];
  others: Dispatch[];
}

export async function recordSessionDayContact(
  db: Db,
  settings: OfficeSettings,
  staffGroupId: string,
  booking: Booking,
  message: string | undefined,
  now: string,
  answered: boolean,
): Promise<SessionDayContact> {
  await recordStaffAction(db, {
    subjectId: booking.id,
    action: USER_CONTACT_ACTION,
    staffId: booking.lineUserId,
    via: 'line',
    at: now,
  });
  const at = toLocal(sessionStartOf(booking));
  const when = formatSlotJa(at, settings.sessionMinutes);
  const meeting = booking.app === 'zoom' ? meetingOf(booking) : null;
  return {
    say: answered ? [] : sessionDayContactMessages(when, meeting, settings),
    others: [
      {
        audience: 'staff',
        recipient: staffGroupId,
        messages: staffSessionDayContactMessages(
          bookingRef({ bookingId: booking.id, name: booking.name }),
          when,
          message,
        ),
      },
    ],
  };
}
