import { describe, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { staffPromptOf } from '../../db/repositories/staff-prompts-repository.js';
import { chatStateOf } from '../../db/repositories/users-repository.js';
import { encodeBookingAction, type BookingAction } from '../../machines/booking/postback.js';
import type { Dispatch } from '../../src/bookings/dispatch.js';
import { cancelBooking, proposeTime } from '../../src/bookings/lifecycle.js';
import { toInstant, type LocalDateTime } from '../../src/calendar/index.js';
import { formatSlotJa } from '../../src/messages/format-ja.js';
import { toIncomingEvent, type IncomingEvent } from '../../src/conversation/chat-input.js';
import { handleStaffEvent } from '../../src/conversation/staff-chat.js';
import { handbackUserMessages, handoffUserMessages } from '../../src/messages/handoff-messages.js';
import { STAFF_ERROR_TEXT, STAFF_TEXT } from '../../src/messages/staff-chat-texts.js';
import { seedBooking, STAFF_GROUP, testOffice } from '../support/booking-seeds.js';
import { useTempDatabase } from '../support/temp-db.js';
import { postbackEvent, textEvent } from '../support/line-events.js';
import { audiences, buttonsIn, postbackDataIn } from '../support/message-probe.js';

const temp = useTempDatabase('staff-chat');
const office = testOffice();

const STAFF = 'Ustaff000000000000000000000000001';
const COLLEAGUE = 'Ustaff000000000000000000000000002';
const THU_10: LocalDateTime = { date: '2026-12-10', minutes: 600 };
const THU_1330: LocalDateTime = { date: '2026-12-10', minutes: 810 };
/** Tuesday 1 December 2026, 09:00 in Japan: when the request came in. */
const NOW = '2026-12-01T00:00:00.000Z';
const at = (minutesLater: number, seconds = 0) =>
  new Date(Date.parse(NOW) + minutesLater * 60_000 + seconds * 1000).toISOString();

/** An event from the staff group, read as the webhook reads it. */
function fromGroup(event: Parameters<typeof toIncomingEvent>[0]): IncomingEvent {
  const incoming = toIncomingEvent(event);
  if (!incoming) throw new Error('the webhook would not read this event');
  return incoming;
}

const press = (action: BookingAction | string, now: string, staffId = STAFF) =>
  handleStaffEvent(
    temp.db,
    office,
    fromGroup(
      postbackEvent({
        userId: staffId,
        groupId: STAFF_GROUP,
        data: typeof action === 'string' ? action : encodeBookingAction(action),
      }),
    ),
    staffId,
    now,
  );

const type = (text: string, now: string, staffId = STAFF) =>
  handleStaffEvent(
    temp.db,
    office,
    fromGroup(textEvent({ userId: staffId, groupId: STAFF_GROUP, text })),
    staffId,
    now,
  );

/** What the bot said in the staff group, as plain texts. */
const staffSaid = (dispatches: readonly Dispatch[]) =>
  dispatches
    .filter((d) => d.audience === 'staff')
    .flatMap((d) => d.messages.map((m) => (m.type === 'text' ? m.text : m.altText)));

/** The first slot free at NOW (Thursday 12/3, the earliest day): what prompts show as their example. */
const EXAMPLE_NOW = '12/3 10:00';
const zoomRequest = () => seedBooking(temp.db, { app: 'zoom', choices: [THU_10, THU_1330], createdAt: NOW });

describe('confirming a Zoom request from its card', () => {
  it('should ask for the meeting details, then confirm with the ones typed', async () => {
    const b = await zoomRequest();
    const asked = await press({ action: 'confirm2', bookingId: b.id }, at(1));
    expect(staffSaid(asked)).toEqual([
      STAFF_TEXT.askZoomDetails(b.id.slice(0, 8), formatSlotJa(THU_1330, office.settings.sessionMinutes)),
    ]);
    expect(await staffPromptOf(temp.db, STAFF)).toMatchObject({
      bookingId: b.id,
      action: 'zoom_details',
      start: toInstant(THU_1330),
      bookingStatus: 'requested',
    });
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');

    const answered = await type('123 4567 8901 abc123', at(3));
    expect(audiences(answered)).toEqual([`user:${b.lineUserId}`, `staff:${STAFF_GROUP}`]);
    expect(await getBooking(temp.db, b.id)).toMatchObject({
      status: 'confirmed',
      confirmedStart: toInstant(THU_1330),
      meetingId: '123 4567 8901',
      meetingPasscode: 'abc123',
      confirmedBy: STAFF,
    });
    expect(await staffPromptOf(temp.db, STAFF)).toBeUndefined();
  });

  it('should ask again for details it cannot read, keeping the question open', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    expect(staffSaid(await type('あとで送ります', at(2)))).toEqual([STAFF_TEXT.zoomUnreadable]);
    expect(await staffPromptOf(temp.db, STAFF)).toMatchObject({ bookingId: b.id });
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');
  });

  it('should confirm a TeleOffice request at once, asking nothing', async () => {
    const b = await seedBooking(temp.db, { app: 'teleoffice', choices: [THU_10, THU_1330], createdAt: NOW });
    expect(audiences(await press({ action: 'confirm1', bookingId: b.id }, at(1)))).toEqual([
      `user:${b.lineUserId}`,
      `staff:${STAFF_GROUP}`,
    ]);
    expect(await staffPromptOf(temp.db, STAFF)).toBeUndefined();
    expect((await getBooking(temp.db, b.id))?.confirmedStart).toBe(toInstant(THU_10));
  });

  it('should refuse the button of a request that was confirmed already', async () => {
    const b = await seedBooking(temp.db, { app: 'teleoffice', choices: [THU_10, THU_1330], createdAt: NOW });
    await press({ action: 'confirm1', bookingId: b.id }, at(1), COLLEAGUE);
    expect(staffSaid(await press({ action: 'confirm2', bookingId: b.id }, at(2)))).toEqual([
      STAFF_ERROR_TEXT.already_confirmed,
    ]);
    expect((await getBooking(temp.db, b.id))?.confirmedStart).toBe(toInstant(THU_10));
  });
});

describe('an answer to an old question', () => {
  it('should be refused when a colleague ended the booking meanwhile', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    await cancelBooking(temp.db, office, {
      bookingId: b.id,
      by: { id: COLLEAGUE, via: 'line' },
      byUser: false,
      reason: null,
      now: at(2),
    });
    const said = staffSaid(await type('123 4567 8901 abc123', at(3)));
    expect(said).toEqual([STAFF_TEXT.changedMeanwhile(b.id.slice(0, 8), STAFF_TEXT.statusChanged('cancelled'))]);
    expect((await getBooking(temp.db, b.id))?.status).toBe('cancelled');
    expect(await staffPromptOf(temp.db, STAFF)).toBeUndefined();
  });

  it('should be refused when a colleague changed the booking in the same status meanwhile', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    await proposeTime(temp.db, office, {
      bookingId: b.id,
      start: { date: '2026-12-08', minutes: 840 },
      meeting: { meetingId: '999 9999 9999', passcode: 'x' },
      by: { id: COLLEAGUE, via: 'line' },
      now: at(2),
    });
    expect(staffSaid(await type('123 4567 8901 abc123', at(3)))).toEqual([
      STAFF_TEXT.changedMeanwhile(b.id.slice(0, 8), STAFF_TEXT.otherChange),
    ]);
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');
  });

  it('should be ignored, and the question forgotten, once more than ten minutes passed', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    expect(await type('123 4567 8901 abc123', at(11, 1))).toEqual([]);
    expect(await staffPromptOf(temp.db, STAFF)).toBeUndefined();
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');
  });

  it('should still be taken at exactly ten minutes', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    await type('123 4567 8901 abc123', at(11));
    expect((await getBooking(temp.db, b.id))?.status).toBe('confirmed');
  });

  it('should be dropped when the staff member says to cancel it', async () => {
    const b = await zoomRequest();
    await press({ action: 'confirm1', bookingId: b.id }, at(1));
    expect(staffSaid(await type('取消', at(2)))).toEqual([STAFF_TEXT.promptCancelled]);
    expect(await type('123 4567 8901 abc123', at(3))).toEqual([]);
    expect((await getBooking(temp.db, b.id))?.status).toBe('requested');
  });

  it('should leave ordinary talk among staff unanswered', async () => {
    expect(await type('12/10 14:00 の件、了解です', at(1))).toEqual([]);
  });
});

describe('taking a chat over and handing it back', () => {
  it('should silence the bot for the person, tell them why, and give staff the handback button', async () => {
    const b = await zoomRequest();
    const taken = await press({ action: 'takeover', bookingId: b.id }, at(1));
    expect(audiences(taken)).toEqual([`user:${b.lineUserId}`, `staff:${STAFF_GROUP}`]);
    expect(taken[0]!.messages).toEqual(handoffUserMessages(null));
    expect(buttonsIn(taken[1]!.messages)).toEqual([{ action: 'handback', lineUserId: b.lineUserId }]);
    expect((await chatStateOf(temp.db, b.lineUserId))?.handoffAt).toBe(at(1));
    expect((await staffActionsOf(temp.db, b.id)).map((a) => [a.action, a.staffId])).toEqual([['takeover', STAFF]]);
    expect(staffSaid(await press({ action: 'takeover', bookingId: b.id }, at(2), COLLEAGUE))).toEqual([
      STAFF_TEXT.alreadyTakenOver(b.id.slice(0, 8)),
    ]);
  });

  it('should hand the chat back from the note button, telling the person, and only once', async () => {
    const b = await zoomRequest();
    const taken = await press({ action: 'takeover', bookingId: b.id }, at(1));
    const [data] = postbackDataIn(taken[1]!.messages);
    const back = await press(data!, at(5));
    expect(audiences(back)).toEqual([`user:${b.lineUserId}`, `staff:${STAFF_GROUP}`]);
    // Nothing was being filled in: the person is told how to start again.
    expect(back[0]!.messages).toEqual(handbackUserMessages(false));
    expect(staffSaid(back)).toEqual([STAFF_TEXT.handedBack]);
    expect((await chatStateOf(temp.db, b.lineUserId))?.handoffAt).toBeNull();
    expect(staffSaid(await press(data!, at(6)))).toEqual([STAFF_TEXT.notInHandoff]);
  });

  it('should refuse to take over the chat of a booking that ended', async () => {
    const b = await seedBooking(temp.db, {
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { status: 'cancelled' },
    });
    expect(staffSaid(await press({ action: 'takeover', bookingId: b.id }, at(1)))).toEqual([
      STAFF_TEXT.takeoverClosed(b.id.slice(0, 8)),
    ]);
    expect((await chatStateOf(temp.db, b.lineUserId))?.handoffAt).toBeNull();
  });
});

describe('proposing another time from the request card', () => {
  it('should ask for a time, and propose the one typed with its meeting details', async () => {
    const b = await zoomRequest();
    expect(staffSaid(await press({ action: 'propose', bookingId: b.id }, at(1)))).toEqual([
      // The example is a slot free now (the request holds its first choice), never a fixed date.
      STAFF_TEXT.askProposal(b.id.slice(0, 8), true, EXAMPLE_NOW),
    ]);
    const proposed = await type('12/8 14:00 987 6543 2100 pass9', at(2));
    expect(audiences(proposed)).toEqual([`user:${b.lineUserId}`, `staff:${STAFF_GROUP}`]);
    expect(await getBooking(temp.db, b.id)).toMatchObject({
      status: 'requested',
      proposedStart: toInstant({ date: '2026-12-08', minutes: 840 }),
      proposedMeetingId: '987 6543 2100',
      proposedBy: STAFF,
    });
    expect(await staffPromptOf(temp.db, STAFF)).toBeUndefined();
  });

  it('should keep the question open when a Zoom time comes without meeting details', async () => {
    const b = await zoomRequest();
    await press({ action: 'propose', bookingId: b.id }, at(1));
    expect(staffSaid(await type('12/8 14:00', at(2)))).toEqual([STAFF_ERROR_TEXT.meeting_required]);
    expect(await staffPromptOf(temp.db, STAFF)).toMatchObject({ bookingId: b.id, action: 'propose_time' });
    expect((await getBooking(temp.db, b.id))?.proposedStart).toBeNull();
  });
});

describe('staff on LINE for PC, whom LINE does not name', () => {
  it("should not let one of them replace another's open question about a different booking", async () => {
    const first = await zoomRequest();
    const second = await seedBooking(temp.db, { app: 'zoom', choices: [THU_1330, THU_10], createdAt: NOW });
    const member = `${STAFF_GROUP}:member`;
    const anonymous = (action: BookingAction, now: string) => {
      const event = fromGroup(
        postbackEvent({ userId: STAFF, groupId: STAFF_GROUP, data: encodeBookingAction(action) }),
      );
      return handleStaffEvent(temp.db, office, { ...event, userId: null }, member, now);
    };
    await anonymous({ action: 'confirm1', bookingId: first.id }, at(1));
    expect(staffSaid(await anonymous({ action: 'confirm1', bookingId: second.id }, at(2)))).toEqual([
      STAFF_TEXT.promptHeld(first.id.slice(0, 8)),
    ]);
    expect(await staffPromptOf(temp.db, member)).toMatchObject({ bookingId: first.id });
  });
});
