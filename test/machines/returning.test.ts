import { describe, expect, it } from 'vitest';
import { eligibilityValidThrough } from '../../machines/booking/immediate-eligibility.js';
import { keptDetails } from '../../machines/booking/previous-details.js';
import type { ConversationFacts } from '../../machines/booking/types.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { PREVIOUS } from './candidates.js';
import { Chat, FIRST, SECOND, chatAtKind, makeCalendar, onRecordFacts } from './fixtures.js';

/** A person who booked before: consent to the current terms, eligibility answered two months ago, details kept. */
const returning = (overrides: Partial<ConversationFacts> = {}) => onRecordFacts({ previous: PREVIOUS, ...overrides });

const KEPT = {
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '09012345678',
};

function started(facts: ConversationFacts): Chat {
  const chat = new Chat(facts);
  chat.say('予約する');
  return chat;
}

/** From the first date question to the filed request, by buttons. */
function datesToSubmit(chat: Chat): Chat {
  chat.tap(`d:${FIRST.date}`).tap(`t:${FIRST.minutes}`);
  chat.tap(`d:${SECOND.date}`).tap(`t:${SECOND.minutes}`);
  chat.tap('no');
  expect(chat.state).toBe('review');
  return chat.tap('submit');
}

describe('a returning person is not asked the eligibility questions again (docs/office-rules.md §12)', () => {
  it('offers what was kept, and one tap keeps everything and goes on to the dates', () => {
    const chat = started(returning());
    expect(chat.state).toBe('previousDetails');
    expect(chat.noticeKeys).toEqual([]);
    chat.tap('same');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft).toEqual(KEPT);
    datesToSubmit(chat);
    expect(chat.state).toBe('idle');
    // Kept answers are not answers given now: their time on record stays as it was.
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRepeatRequest']);
    expect(chat.effects[0]?.draft).toMatchObject({ ...KEPT, choice1: FIRST, choice2: SECOND, interpreter: false });
  });

  it('reads the typed label or a plain はい as keeping everything', () => {
    expect(started(returning()).say('前回と同じ内容で進む').state).toBe('choice1Date');
    expect(started(returning()).say('はい').state).toBe('choice1Date');
  });

  it('gives the items afresh with 「前回と同じ」 at each, tapped or typed, still without the eligibility questions', () => {
    const chat = started(returning()).tap('change');
    expect(chat.state).toBe('kind');
    chat.tap('mothers').tap('teleoffice');
    expect(chat.state).toBe('name');
    chat.tap('same');
    expect(chat.state).toBe('jobSeekerNumber');
    chat.say('前回と同じ');
    expect(chat.state).toBe('choice1Date');
    expect(chat.draft).toEqual({
      kind: 'mothers',
      app: 'teleoffice',
      name: '青森 花子',
      jobSeekerNumber: '02010-12345678',
    });
    chat.tap(`d:2026-12-03`).tap('t:660').tap('none');
    expect(chat.state).toBe('email');
    chat.say('new@example.jp');
    chat.tap('same');
    expect(chat.draft).toMatchObject({ email: 'new@example.jp', phone: '09012345678' });
    chat.tap('no').tap('submit');
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRepeatRequest']);
  });

  it('reads 「前回と同じ」 and 「そのまま」 at the kind and the app as what was chosen before', () => {
    const chat = started(returning({ previous: { ...PREVIOUS, kind: 'mothers', app: 'teleoffice' } })).tap('change');
    chat.say('前回と同じ');
    expect(chat.state).toBe('app');
    chat.say('そのまま');
    expect(chat.state).toBe('name');
    chat.say('そのまま');
    expect(chat.draft).toEqual({ kind: 'mothers', app: 'teleoffice', name: '青森 花子' });
    // Someone with nothing before is asked to choose, as anyone is.
    const fresh = chatAtKind();
    fresh.say('前回と同じ');
    expect(fresh.state).toBe('kind');
    expect(fresh.noticeKeys).toEqual(['invalidChoice']);
  });

  it('reviews the eligibility answers with the usual questions on request, and then records them anew', () => {
    const chat = started(returning()).tap('review');
    expect(chat.state).toBe('registered');
    for (const v of ['yes', 'treatment', 'yes', 'yes', 'ok']) chat.tap(v);
    expect(chat.state).toBe('kind');
    chat.tap('regular').tap('zoom').tap('same').tap('same');
    chat.tap(`d:${FIRST.date}`).tap(`t:${FIRST.minutes}`).tap('none');
    expect(chat.state).toBe('email');
    chat.tap('same').tap('same').tap('no').tap('submit');
    expect(chat.state).toBe('idle');
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRequest']);
  });

  it('asks the eligibility questions once their answers are older than the office allows', () => {
    const through = eligibilityValidThrough('2026-10-01', defaultOfficeSettings.eligibilityValidMonths);
    expect(through).toBe('2027-04-01');
    const old = returning({ eligibilityAnsweredAt: '2026-05-31T01:00:00.000Z' });
    const chat = started(old);
    expect(chat.state).toBe('registered');
    expect(chat.noticeKeys).toEqual(['greeting']);
    // The period is the office's: with 12 months the same answers still hold.
    const longer = {
      ...old,
      calendar: makeCalendar({ settings: { ...defaultOfficeSettings, eligibilityValidMonths: 12 } }),
    };
    expect(started(longer).state).toBe('previousDetails');
  });

  it('asks everything of a person whose details were erased (retention): a new person again', () => {
    const chat = started(onRecordFacts());
    expect(chat.state).toBe('registered');
    chat.tap('yes').tap('treatment').tap('yes').tap('yes').tap('ok').tap('regular').tap('zoom');
    expect(chat.state).toBe('name');
    // Nothing before to keep: the button is refused and the question asked again.
    chat.tap('same');
    expect(chat.state).toBe('name');
    expect(chat.noticeKeys).toEqual(['previousDetailsGone']);
  });

  it("keeps each detail of before only as today's checks read it", () => {
    const kept = keptDetails({ ...PREVIOUS, jobSeekerNumber: '1234', phone: '090-1234-5678' });
    expect(kept).toEqual({ ...PREVIOUS, jobSeekerNumber: undefined });
    expect('jobSeekerNumber' in kept).toBe(false);
  });

  it("does not keep details today's checks refuse: that person is asked everything", () => {
    const chat = started(returning({ previous: keptDetails({ ...PREVIOUS, jobSeekerNumber: '1234' }) }));
    expect(chat.state).toBe('registered');
  });

  it('asks the current terms first, then goes on as a returning person', () => {
    const chat = started(returning({ agreedTermsVersion: '2020-01-01' }));
    expect(chat.state).toBe('terms');
    chat.tap('agree');
    expect(chat.effects.map((e) => e.effect)).toEqual(['recordConsent']);
    expect(chat.state).toBe('previousDetails');
  });

  it('asks the eligibility questions when the answers lapsed between the card and the tap', () => {
    const chat = started(returning());
    const lapsed = returning({ eligibilityAnsweredAt: '2026-01-01T01:00:00.000Z' });
    chat.tap('same', { facts: lapsed });
    expect(chat.state).toBe('registered');
    expect(chat.noticeKeys).toEqual(['previousDetailsGone']);
  });

  it('goes to the items when the details were erased between the card and the tap', () => {
    const chat = started(returning());
    chat.tap('same', { facts: onRecordFacts() });
    expect(chat.state).toBe('kind');
    expect(chat.noticeKeys).toEqual(['previousDetailsGone']);
  });

  it('starts again at the same card after 「最初から」, and forgets what was kept', () => {
    const chat = started(returning()).tap('same');
    chat.say('最初から');
    expect(chat.state).toBe('previousDetails');
    expect(chat.draft).toEqual({});
    expect(chat.context.eligibilityKept).toBeUndefined();
  });

  it('asks the eligibility questions of someone with details on file who never answered them (booked by staff)', () => {
    const chat = started(returning({ eligibilityAnsweredAt: null }));
    expect(chat.state).toBe('registered');
    for (const v of ['yes', 'treatment', 'yes', 'yes', 'ok']) chat.tap(v);
    chat.tap('regular').tap('zoom').tap('same').tap('same');
    chat.tap(`d:${FIRST.date}`).tap(`t:${FIRST.minutes}`).tap('none');
    chat.tap('same').tap('same').tap('no').tap('submit');
    expect(chat.effects.map((e) => e.effect)).toEqual(['submitRequest']);
  });
});
