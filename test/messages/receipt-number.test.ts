import { describe, expect, it } from 'vitest';
import type { BookingView } from '../../src/bookings/booking-view.js';
import { activeBookingMessages, submittedMessages } from '../../src/messages/booking-cards.js';
import { confirmationCard } from '../../src/messages/lifecycle-messages.js';
import { bookingRef, staffRequestMessages } from '../../src/messages/staff-messages.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { textOf } from '../support/chat-driver.js';

const s = defaultOfficeSettings;
const at = { date: '2026-12-08', minutes: 630 };
const booking: BookingView = {
  id: '5bf44d0a-681c-4a7e-9d7e-3f0c2b1a9e11',
  status: 'confirmed',
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '090-1234-5678',
  interpreter: false,
  choices: [at, { date: '2026-12-09', minutes: 600 }],
  confirmed: at,
  replyDue: '2026-12-02T08:15:00.000Z',
};
const read = (messages: readonly object[]) => messages.map((m) => textOf(m as Record<string, unknown>)).join('\n');

describe('the receipt number (受付番号) the person can quote and staff recognise', () => {
  it.each([
    ['the acknowledgement of the request', read(submittedMessages(booking, s))],
    [
      'the confirmation card',
      read(confirmationCard(booking, at, { meetingId: '123 4567 8901', passcode: 'abc123' }, s)),
    ],
    ['予約確認', read(activeBookingMessages([booking], s, true))],
  ])('appears in %s, the same as in the staff group', (_where, text) => {
    expect(text).toContain('5bf44d0a');
    expect(bookingRef({ bookingId: booking.id!, name: booking.name })).toContain('5bf44d0a');
    expect(read(staffRequestMessages(booking, s, false, [true, true]))).toContain('5bf44d0a');
  });

  it('is left out while a booking has no id yet, rather than printing an empty number', () => {
    const { id: _id, ...unsaved } = booking;
    expect(read(submittedMessages(unsaved, s))).not.toContain('受付番号');
  });
});
