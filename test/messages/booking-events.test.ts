import { describe, expect, it } from 'vitest';
import type { BookingEvent, BookingSubject } from '../../src/bookings/booking-outcome.js';
import type { BookingView } from '../../src/bookings/booking-view.js';
import type { LocalDateTime } from '../../src/calendar/index.js';
import {
  bookingEventDispatches,
  bookingEventsDispatches,
  type RenderContext,
} from '../../src/messages/booking-events.js';
import {
  attendanceCorrectedMessages,
  cancelledByOfficeMessages,
  cancelledByUserMessages,
  changeRequestEndedMessages,
  confirmationCard,
  noShowRecordedMessages,
  requestWithdrawnMessages,
} from '../../src/messages/lifecycle-messages.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { STAFF_GROUP } from '../support/booking-seeds.js';
import { audiences, buttonsIn, textOf } from '../support/message-probe.js';

const ctx: RenderContext = { settings: defaultOfficeSettings, staffGroupId: STAFF_GROUP };
const s = defaultOfficeSettings;

const PERSON = 'U1111111111111111111111111111111a';
const subject: BookingSubject = {
  bookingId: '0b6d1f3e-5c2a-4e8f-9a7b-1c2d3e4f5a6b',
  lineUserId: PERSON,
  name: '青森 花子',
};
const other: BookingSubject = {
  bookingId: '7f7f7f7f-1111-4222-8333-444455556666',
  lineUserId: PERSON,
  name: '青森 花子',
};
const AT: LocalDateTime = { date: '2026-12-10', minutes: 600 };
const EARLIER: LocalDateTime = { date: '2026-12-08', minutes: 840 };
const view: BookingView = {
  id: subject.bookingId,
  status: 'confirmed',
  kind: 'regular',
  app: 'zoom',
  name: subject.name,
  jobSeekerNumber: '0201-123456',
  email: 'a@example.jp',
  phone: '09012345678',
  interpreter: false,
  choices: [AT, EARLIER],
  confirmed: AT,
};
const MEETING = { meetingId: '123 4567 8901', passcode: 'abc123' };

const toPerson = `user:${PERSON}`;
const toStaff = `staff:${STAFF_GROUP}`;

const cancelled = (over: Partial<Extract<BookingEvent, { type: 'cancelled' }>>): BookingEvent => ({
  type: 'cancelled',
  subject,
  at: AT,
  byPerson: false,
  reason: null,
  request: null,
  keptSession: null,
  endedChange: null,
  ...over,
});

describe('a confirmation', () => {
  const confirmed = (replaced: LocalDateTime | null): BookingEvent => ({
    type: 'confirmed',
    subject,
    booking: view,
    at: AT,
    meeting: MEETING,
    replaced,
  });

  it('should send the person the card with the meeting, and staff a note with the attendance and move buttons', () => {
    const [person, staff, ...rest] = bookingEventDispatches(confirmed(null), ctx);
    expect(rest).toEqual([]);
    expect(audiences([person!, staff!])).toEqual([toPerson, toStaff]);
    expect(person!.messages).toEqual(confirmationCard(view, AT, MEETING, s));
    expect(buttonsIn(person!.messages)).toEqual([]);
    expect(buttonsIn(staff!.messages)).toEqual([
      { action: 'attended', bookingId: subject.bookingId },
      { action: 'move', bookingId: subject.bookingId },
    ]);
  });

  it('should tell both sides that the session a change replaced is gone', () => {
    const [person, staff] = bookingEventDispatches(confirmed(EARLIER), ctx);
    // The card, then one line about the earlier session.
    expect(person!.messages.slice(0, -1)).toEqual(confirmationCard(view, AT, MEETING, s));
    expect(textOf({ ...person!, messages: person!.messages.slice(-1) })).toContain('12月8日(火) 14:00');
    expect(textOf(staff)).toContain('12月8日(火) 14:00');
  });

  it('should send the card again when the person accepts a move, with a plain note to staff', () => {
    const dispatches = bookingEventDispatches(
      { type: 'moveAccepted', subject, booking: view, at: AT, meeting: null },
      ctx,
    );
    expect(audiences(dispatches)).toEqual([toPerson, toStaff]);
    expect(dispatches[0]!.messages).toEqual(confirmationCard(view, AT, null, s));
    expect(buttonsIn(dispatches[1]!.messages)).toEqual([]);
  });
});

describe('a cancellation', () => {
  it('should tell the person who withdrew a request which wishes were withdrawn', () => {
    const dispatches = bookingEventDispatches(
      cancelled({ byPerson: true, request: { choices: [AT, EARLIER], change: true } }),
      ctx,
    );
    expect(audiences(dispatches)).toEqual([toPerson, toStaff]);
    expect(dispatches[0]!.messages).toEqual(requestWithdrawnMessages([AT, EARLIER], true, s));
  });

  it('should confirm the person their own cancellation of a session', () => {
    expect(bookingEventDispatches(cancelled({ byPerson: true }), ctx)[0]!.messages).toEqual(
      cancelledByUserMessages(AT, s),
    );
  });

  it('should give the person the office reason, and staff the change request that ended with it', () => {
    const [person, staff] = bookingEventDispatches(cancelled({ reason: '講師の急病', endedChange: other }), ctx);
    expect(person!.messages).toEqual(cancelledByOfficeMessages(AT, '講師の急病', s, true));
    expect(textOf(staff)).toContain(other.bookingId.slice(0, 8));
  });

  it('should tell the person their session still holds when the office withdraws a change request', () => {
    const [person] = bookingEventDispatches(
      cancelled({ request: { choices: [AT, AT], change: true }, keptSession: EARLIER, reason: '満席' }),
      ctx,
    );
    expect(person!.messages).toEqual(changeRequestEndedMessages(EARLIER, 'office', '満席', s));
  });
});

describe('a proposal', () => {
  it('should give the person accept and decline buttons tied to the proposed time, and staff a note without buttons', () => {
    const proposedStart = '2026-12-08T05:00:00.000Z';
    const dispatches = bookingEventDispatches(
      { type: 'proposed', subject, at: EARLIER, proposedStart, moving: true },
      ctx,
    );
    expect(audiences(dispatches)).toEqual([toPerson, toStaff]);
    expect(buttonsIn(dispatches[0]!.messages)).toEqual([
      { action: 'accept', bookingId: subject.bookingId, proposed: proposedStart },
      { action: 'decline', bookingId: subject.bookingId, proposed: proposedStart },
    ]);
    expect(buttonsIn(dispatches[1]!.messages)).toEqual([]);
  });

  it('should tell only staff when the person declines it', () => {
    expect(audiences(bookingEventDispatches({ type: 'proposalDeclined', subject }, ctx))).toEqual([toStaff]);
  });
});

describe('attendance', () => {
  it('should tell only staff of a session closed after contact, with a button to correct it to attended', () => {
    const dispatches = bookingEventDispatches({ type: 'closedAfterContact', subject, at: AT }, ctx);
    expect(audiences(dispatches)).toEqual([toStaff]);
    expect(buttonsIn(dispatches[0]!.messages)).toEqual([{ action: 'attended', bookingId: subject.bookingId }]);
  });

  it('should tell the person of a correction only when they had been told it counted as missed', () => {
    const told = bookingEventDispatches({ type: 'attendanceCorrected', subject, at: AT, personWasTold: true }, ctx);
    expect(audiences(told)).toEqual([toStaff, toPerson]);
    expect(told[1]!.messages).toEqual(attendanceCorrectedMessages(AT, s));
    expect(
      audiences(bookingEventDispatches({ type: 'attendanceCorrected', subject, at: AT, personWasTold: false }, ctx)),
    ).toEqual([toStaff]);
  });

  it('should tell the person of a no-show and staff with a correction button, adding a flag note only at the threshold', () => {
    const plain = bookingEventDispatches({ type: 'noShowRecorded', subject, at: AT, flaggedAfter: null }, ctx);
    expect(audiences(plain)).toEqual([toPerson, toStaff]);
    expect(plain[0]!.messages).toEqual(noShowRecordedMessages(AT, s));
    expect(buttonsIn(plain[1]!.messages)).toEqual([{ action: 'attended', bookingId: subject.bookingId }]);
    const flagged = bookingEventDispatches({ type: 'noShowRecorded', subject, at: AT, flaggedAfter: 2 }, ctx);
    expect(audiences(flagged)).toEqual([toPerson, toStaff, toStaff]);
    expect(textOf(flagged[2])).toContain('2回');
  });
});

describe('without a staff group', () => {
  it("should still word staff notes, addressed to '' for whoever queues them to leave out", () => {
    // The filtering is the caller's (src/staff/mutation.ts drops '' recipients); here they stay.
    const dispatches = bookingEventDispatches(
      { type: 'noShowRecorded', subject, at: AT, flaggedAfter: 2 },
      { ...ctx, staffGroupId: '' },
    );
    expect(audiences(dispatches)).toEqual([toPerson, 'staff:', 'staff:']);
  });
});

describe('several events', () => {
  it('should word each in order, the person first within each', () => {
    const events: BookingEvent[] = [cancelled({ subject: other }), { type: 'proposalDeclined', subject }];
    expect(bookingEventsDispatches(events, ctx)).toEqual([
      ...bookingEventDispatches(events[0]!, ctx),
      ...bookingEventDispatches(events[1]!, ctx),
    ]);
    expect(audiences(bookingEventsDispatches(events, ctx))).toEqual([toPerson, toStaff, toStaff]);
  });
});
