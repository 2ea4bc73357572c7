import { describe, expect, it } from 'vitest';
import type { BookingView } from '../../src/bookings/booking-view.js';
import { confirmationCard, noShowRecordedMessages } from '../../src/messages/lifecycle-messages.js';
import { renderQuestion } from '../../src/messages/questions.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { textOf } from '../support/chat-driver.js';
import { makeFacts, NOW } from '../machines/fixtures.js';

const s = defaultOfficeSettings;
const at = { date: '2026-12-08', minutes: 630 };
const booking: BookingView = {
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '090-1234-5678',
  interpreter: false,
  choices: [at, { date: '2026-12-09', minutes: 600 }],
};
const read = (messages: readonly object[]) => messages.map((m) => textOf(m as Record<string, unknown>)).join('\n');

const summary = read(
  renderQuestion({
    question: 'terms',
    context: { turn: 0, greeted: false, editing: false, purpose: 'new', draft: {} },
    facts: makeFacts(),
    now: NOW,
  }),
);
const card = read(confirmationCard(booking, at, { meetingId: '123 4567 8901', passcode: 'abc123' }, s));
const noShow = read(noShowRecordedMessages(at, s));

// Terms 6(4): a session not cancelled by 10 minutes after its start counts as cancelled, and a
// cancellation without contact, even one, may lead the office to refuse further online use.
describe('the no-show rule, said the same way wherever the person reads it', () => {
  it.each([
    ['the terms summary before consent', summary],
    ['the confirmation card', card],
    ['the message when a no-show is recorded', noShow],
  ])('%s says a session missed without contact counts as cancelled and may end online use', (_where, text) => {
    expect(text).toContain(
      'ご連絡のないまま開始から10分が過ぎるとキャンセルとみなされ、その場合は以後のオンライン相談をお断りすることがあります。',
    );
    // Not "if it happens again": the terms do not wait for a second time.
    expect(text).not.toMatch(/続く場合|繰り返/);
  });

  it('the confirmation card says the office may move the session (terms 6(5))', () => {
    expect(card).toContain('ハローワークの都合により、ご予約の日時の変更をお願いする場合があります。');
  });
});
