/**
 * One upcoming session at a time (docs/office-rules.md §9): the session under way (a confirmed
 * session whose start has come, not yet marked) does not stand in the way of asking for the next
 * one; a confirmed session that has not begun, or a request awaiting staff, still does.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveBookingFacts, ConversationFacts } from '../../machines/booking/types.js';
import { EXPECTED_DRAFT, FIRST, SECOND, Chat, agreedFacts } from './fixtures.js';

const DRAFT = EXPECTED_DRAFT as ActiveBookingFacts['draft'];
/** Tuesday 12-01 10:05 in Japan: five minutes into the confirmed session of 10:00 that day. */
const DURING = '2026-12-01T01:05:00.000Z';

const confirmedToday: ActiveBookingFacts = {
  id: 'b-today',
  status: 'confirmed',
  draft: DRAFT,
  sessionDate: '2026-12-01',
  confirmedDate: '2026-12-01',
  confirmedMinutes: 600,
};
const begun: ActiveBookingFacts = { ...confirmedToday, begun: true };
const upcoming: ActiveBookingFacts = { ...confirmedToday, sessionDate: '2026-12-10', confirmedDate: '2026-12-10' };
const requested: ActiveBookingFacts = { id: 'b-next', status: 'requested', draft: DRAFT, sessionDate: FIRST.date };

const withBooking = (activeBooking: ActiveBookingFacts, more: Partial<ConversationFacts> = {}): ConversationFacts =>
  agreedFacts({ hasActiveBooking: true, activeBooking, ...more });
/** The request for the next session filed during the session, which stays confirmed until marked. */
const bothOpen = withBooking(requested, { sessionUnderWay: { confirmedDate: '2026-12-01' } });

/** From the first eligibility question to the review card, as a returning person answers. */
function answerToReview(chat: Chat): Chat {
  chat.tap('yes').tap('treatment').tap('yes').tap('yes').tap('ok');
  chat.tap('regular').tap('zoom');
  chat.say('青森 花子').say('02010-12345678');
  chat.tap(`d:${FIRST.date}`).tap(`t:${FIRST.minutes}`);
  chat.tap(`d:${SECOND.date}`).tap(`t:${SECOND.minutes}`);
  chat.say('hanako@example.jp').say('090-1234-5678');
  chat.tap('no');
  return chat;
}

describe('asking for the next session while one is under way', () => {
  it('予約する during the session starts a new booking, and submitting files it', () => {
    const chat = new Chat(withBooking(begun), DURING).say('予約する');
    expect(chat.effects).toEqual([]);
    expect(chat.noticeKeys).toEqual(['greeting']);
    expect(chat.state).toBe('registered');
    answerToReview(chat);
    expect(chat.state).toBe('review');
    chat.tap('submit');
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRequest']);
    expect(chat.effects[0]?.draft).toEqual(EXPECTED_DRAFT);
    expect(chat.state).toBe('idle');
  });

  it('最初から during the session begins a new booking instead of showing the session', () => {
    const chat = new Chat(withBooking(begun), DURING).say('最初から');
    expect(chat.state).toBe('registered');
    expect(chat.noticeKeys).toEqual(['restarted']);
  });

  it.each<[string, ConversationFacts]>([
    ['a confirmed session that has not begun', withBooking(upcoming)],
    ['a request awaiting staff', withBooking(requested)],
    ['the request for the next session filed during the session', bothOpen],
  ])('予約する is answered with the open booking when there is %s', (_, facts) => {
    const chat = new Chat(facts, DURING).say('予約する');
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'showActiveBooking', draft: {} }]);
  });

  it('a submit finds a request filed meanwhile (another device) and shows it instead of a second', () => {
    const chat = answerToReview(new Chat(withBooking(begun), DURING).say('予約する'));
    chat.tap('submit', { facts: bothOpen });
    expect(chat.effects.map((e) => e.effect)).toEqual(['showActiveBooking']);
    expect(chat.noticeKeys).not.toContain('submitted');
    expect(chat.state).toBe('idle');
  });
});

describe('with the session under way and the request for the next one both open', () => {
  it('words typed that day still reach staff as contact about the session', () => {
    const chat = new Chat(bothOpen, DURING).say('Zoomに入れません');
    expect(chat.effects.map((e) => e.effect)).toEqual(['sessionDayContact']);
    expect(chat.effects[0]?.message).toBe('Zoomに入れません');
  });

  it('without the session under way, the same words are not taken for contact', () => {
    const chat = new Chat(withBooking(requested), DURING).say('Zoomに入れません');
    expect(chat.effects.map((e) => e.effect)).not.toContain('sessionDayContact');
  });

  it('予約キャンセル is about the new request, which can be withdrawn that day (not phone-only)', () => {
    const chat = new Chat(bothOpen, DURING).say('予約キャンセル');
    expect(chat.state).toBe('cancelConfirm');
    chat.tap('yes');
    expect(chat.effects.map((e) => e.effect)).toEqual(['cancelBooking']);
  });

  it('予約キャンセル with only the session under way is still by phone that day', () => {
    const chat = new Chat(withBooking(begun), DURING).say('予約キャンセル');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['sameDayCancel']);
  });
});
