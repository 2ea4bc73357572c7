/**
 * 今すぐ相談 and the terms' articles 2 and 6-2(1) (docs/office-rules.md §14): an immediate session
 * is for people whose consent to the terms in force is on record from before the request and who
 * answered the eligibility questions within the office's validity (6 months by default). Everyone
 * else is told why and offered a regular booking, which asks the terms and eligibility again.
 */
import { describe, expect, it } from 'vitest';
import { eligibilityCurrent, eligibilityValidThrough } from '../../machines/booking/immediate-eligibility.js';
import { bookingMachine } from '../../machines/booking/booking-machine.js';
import { officeSettingsFrom } from '../../src/office/settings.js';
import { Chat, ELIGIBILITY_ANSWERED_AT, NOW, agreedFacts, makeCalendar, makeFacts, onRecordFacts } from './fixtures.js';

const IDENTITY = { name: '青森 花子', jobSeekerNumber: '02010-12345678' };
const OPEN = { immediate: { open: true } } as const;

describe('who may ask for an immediate session', () => {
  it('refuses a first-time user, says why, and offers a regular booking that starts with the terms', () => {
    const chat = new Chat(makeFacts(OPEN)).say('今すぐ相談');
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'noConsent' } }]);
    expect(chat.effects).toEqual([]);
    // The offered booking (the 「予約する」 button sends START) asks for consent first.
    chat.send('START');
    expect(chat.state).toBe('terms');
  });

  it('refuses someone who agreed to the terms but never answered the eligibility questions', () => {
    const chat = new Chat(agreedFacts({ ...OPEN, identity: IDENTITY })).say('今すぐ相談');
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'noEligibility' } }]);
    // The booking offered instead goes through the eligibility questions.
    chat.send('START');
    expect(chat.state).toBe('registered');
  });

  it('refuses consent to an older version of the terms: consent to the ones in force is not on record', () => {
    const chat = new Chat(onRecordFacts({ ...OPEN, identity: IDENTITY, agreedTermsVersion: '2020-01-01' }));
    chat.say('今すぐ相談');
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'noConsent' } }]);
  });

  it('accepts a person with consent from before and eligibility answered within 6 months, asking about an interpreter first', () => {
    const chat = new Chat(onRecordFacts({ ...OPEN, identity: IDENTITY })).say('今すぐ相談');
    expect(chat.state).toBe('interpreter');
    // What a 今すぐ相談 is, before its first question.
    expect(chat.noticeKeys).toEqual(['immediateIntro']);
    expect(chat.draft).toEqual(IDENTITY);
    // 「同席します」: who attends is asked before the final yes.
    chat.tap('yes').tap('c_helper');
    expect(chat.state).toBe('immediateConfirm');
    chat.tap('yes');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([
      { effect: 'requestImmediate', draft: { ...IDENTITY, interpreter: true, companion: 'helper' } },
    ]);
  });

  it('asks the name and number when none are on file, then the interpreter question', () => {
    const chat = new Chat(onRecordFacts(OPEN)).say('今すぐ相談');
    expect(chat.state).toBe('name');
    expect(chat.noticeKeys).toEqual(['immediateIntro']);
    chat.say('青森 花子').say('02010-12345678');
    expect(chat.state).toBe('interpreter');
    chat.tap('no').tap('yes');
    expect(chat.effects).toEqual([{ effect: 'requestImmediate', draft: { ...IDENTITY, interpreter: false } }]);
  });

  it('refuses eligibility answered longer ago than the validity, and accepts it on its last day', () => {
    // NOW is 2026-12-01 09:00 in Japan: answers of 2026-06-01 hold through 2026-12-01, of 05-31 through 11-30.
    const lastDay = new Chat(
      onRecordFacts({ ...OPEN, identity: IDENTITY, eligibilityAnsweredAt: '2026-06-01T08:00:00.000Z' }),
    );
    expect(lastDay.say('今すぐ相談').state).toBe('interpreter');
    const expired = new Chat(
      onRecordFacts({ ...OPEN, identity: IDENTITY, eligibilityAnsweredAt: '2026-05-31T08:00:00.000Z' }),
    );
    expired.say('今すぐ相談');
    expect(expired.state).toBe('idle');
    expect(expired.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'eligibilityExpired' } }]);
    expect(expired.effects).toEqual([]);
  });

  it('follows the validity the office sets', () => {
    const threeMonths = makeCalendar({ settings: officeSettingsFrom({ eligibilityValidMonths: 3 }) });
    // Answered 2026-10-01: within 3 months on 2026-12-01, not on 2027-01-02.
    const facts = onRecordFacts({ ...OPEN, identity: IDENTITY, calendar: threeMonths });
    expect(new Chat(facts).say('今すぐ相談').state).toBe('interpreter');
    const later = new Chat(facts, '2027-01-02T00:00:00.000Z').say('今すぐ相談');
    expect(later.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'eligibilityExpired' } }]);
  });

  it('checks again at the final yes: a new version of the terms in force meanwhile ends the request', () => {
    const facts = onRecordFacts({ ...OPEN, identity: IDENTITY });
    const chat = new Chat(facts).say('今すぐ相談').tap('no');
    expect(chat.state).toBe('immediateConfirm');
    chat.tap('yes', { facts: { ...facts, termsVersion: '2027-01-01' } });
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'immediateNeedsBooking', params: { reason: 'noConsent' } }]);
    expect(chat.effects).toEqual([]);
  });

  it('mid-booking, a refusal keeps the booking being filled in and its question', () => {
    const chat = new Chat(agreedFacts(OPEN));
    chat.input({ type: 'follow' });
    expect(chat.state).toBe('registered');
    chat.say('今すぐ相談');
    expect(chat.state).toBe('registered');
    expect(chat.notices).toEqual([
      { key: 'immediateNeedsBooking', params: { reason: 'noEligibility', inProgress: 1 } },
    ]);
  });
});

describe('how long eligibility answers hold', () => {
  it('counts months as periods are counted in Japan, ending at a shorter month’s end', () => {
    expect(eligibilityValidThrough('2026-06-06', 6)).toBe('2026-12-06');
    expect(eligibilityValidThrough('2026-08-31', 6)).toBe('2027-02-28');
    expect(eligibilityValidThrough('2027-08-31', 6)).toBe('2028-02-29');
    expect(eligibilityValidThrough('2026-11-15', 2)).toBe('2027-01-15');
  });

  it('reads both instants as Japan dates', () => {
    // 2026-06-01 23:30 UTC is 2026-06-02 08:30 in Japan: it holds through 2026-12-02.
    expect(eligibilityCurrent('2026-06-01T23:30:00.000Z', '2026-12-02T14:00:00.000Z', 6)).toBe(true);
    expect(eligibilityCurrent('2026-06-01T23:30:00.000Z', '2026-12-02T15:00:00.000Z', 6)).toBe(false);
    expect(eligibilityCurrent(ELIGIBILITY_ANSWERED_AT, NOW, 6)).toBe(true);
  });
});

describe('a conversation stored before immediate sessions stopped asking the terms', () => {
  it('goes on as a regular booking once the terms are agreed to', () => {
    const stored = bookingMachine.resolveState({
      value: 'terms',
      context: { purpose: 'immediate', turn: 3, greeted: true, editing: false, draft: {} },
    });
    const chat = new Chat(makeFacts(OPEN), NOW, stored).tap('agree');
    expect(chat.state).toBe('registered');
    expect(chat.context.purpose).toBe('new');
    expect(chat.effects.map((e) => e.effect)).toEqual(['recordConsent']);
  });
});
