/**
 * Commands about an existing booking (予約変更, 予約キャンセル, 今すぐ相談) and the word キャンセル,
 * wherever the person is: mid-booking, idle, or at a booking menu.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveBookingFacts, ConversationFacts } from '../../machines/booking/types.js';
import { EXPECTED_DRAFT, Chat, agreedFacts, chatAt, makeFacts, onRecordFacts } from './fixtures.js';

const DRAFT = EXPECTED_DRAFT as ActiveBookingFacts['draft'];
const requested: ActiveBookingFacts = { id: 'b-1', status: 'requested', draft: DRAFT, sessionDate: '2026-12-03' };
const confirmed: ActiveBookingFacts = {
  id: 'b-1',
  status: 'confirmed',
  draft: DRAFT,
  sessionDate: '2026-12-03',
  confirmedDate: '2026-12-03',
  confirmedMinutes: 600,
};
/** A change request (status requested) of the confirmed session above. */
const changePending: ActiveBookingFacts = {
  ...requested,
  id: 'b-2',
  confirmedDate: '2026-12-03',
  confirmedMinutes: 600,
};

const withBooking = (activeBooking: ActiveBookingFacts): ConversationFacts =>
  agreedFacts({ hasActiveBooking: true, activeBooking });
/** 12/3 08:30 in Japan: the day of the confirmed session. */
const SESSION_DAY = '2026-12-02T23:30:00.000Z';

function snapshotOf(chat: Chat) {
  return { state: chat.state, turn: chat.turn, draft: chat.draft, purpose: chat.context.purpose };
}

describe('a booking command mid-booking without a booking keeps the draft', () => {
  it.each(['予約変更', '予約変更・キャンセル', '予約キャンセル', '予約をキャンセルしたい'])(
    '%s at the e-mail question',
    (typed) => {
      const chat = chatAt('email');
      const before = snapshotOf(chat);
      chat.say(typed);
      expect(snapshotOf(chat)).toEqual(before); // same question, same turn: its buttons stay valid
      if (typed === '予約キャンセル' || typed === '予約をキャンセルしたい')
        // Whether a 今すぐ相談 request waits to be called off is the runner's to look up.
        expect(chat.effects).toEqual([{ effect: 'cancelWithoutBooking', draft: {}, inProgress: true }]);
      else expect(chat.notices).toEqual([{ key: 'noActiveBooking', params: { inProgress: 1 } }]);
      chat.say('hanako@example.jp');
      expect(chat.state).toBe('phone');
      expect(chat.draft.choice1).toEqual(EXPECTED_DRAFT.choice1);
    },
  );

  it('今すぐ相談 while immediate sessions are closed, at the phone question', () => {
    const chat = chatAt('phone');
    const before = snapshotOf(chat);
    chat.say('今すぐ相談', { facts: makeFacts({ immediate: { open: false, reason: 'outside_hours' } }) });
    expect(snapshotOf(chat)).toEqual(before);
    expect(chat.notices).toEqual([{ key: 'immediateClosed', params: { reason: 'outside_hours', inProgress: 1 } }]);
  });

  it('while idle, says there is no booking as before', () => {
    const chat = new Chat(agreedFacts());
    chat.input({ type: 'follow' });
    chat.say('やめる').say('予約変更');
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'noActiveBooking' }]);
  });

  it('leaves the booking menu when the booking is gone meanwhile', () => {
    const chat = new Chat(withBooking(requested)).say('予約変更・キャンセル');
    expect(chat.state).toBe('manage');
    chat.say('予約キャンセル', { facts: agreedFacts() });
    expect(chat.state).toBe('idle');
    expect(chat.effects).toEqual([{ effect: 'cancelWithoutBooking', draft: {} }]);
  });

  it('ends an immediate-session request when immediate sessions closed meanwhile', () => {
    const open = onRecordFacts({
      immediate: { open: true },
      identity: { name: '青森 花子', jobSeekerNumber: '02010-12345678' },
    });
    const chat = new Chat(open).say('今すぐ相談').tap('no');
    expect(chat.state).toBe('immediateConfirm');
    chat.say('今すぐ相談', { facts: { ...open, immediate: { open: false, reason: 'disabled' } } });
    expect(chat.state).toBe('idle');
    expect(chat.notices).toEqual([{ key: 'immediateClosed', params: { reason: 'disabled' } }]);
  });
});

describe('キャンセル typed', () => {
  it.each(['キャンセル', 'キャンセルしたい', 'キャンセルします。', '取り消したい', 'ｷｬﾝｾﾙ'])(
    'stops the input at the name question: %s',
    (typed) => {
      const chat = chatAt('name');
      expect(chat.input({ type: 'text', text: typed })).toBe('CANCEL');
      expect(chat.state).toBe('idle');
      expect(chat.noticeKeys).toEqual(['cancelled']);
      expect(chat.draft).toEqual({});
    },
  );

  it.each([
    'キャンセル',
    'キャンセルしたい',
    '予約をキャンセルしたい',
    '予約を取り消したい',
    '予約の取り消しをお願いします',
  ])('means cancelling the booking while idle: %s', (typed) => {
    const chat = new Chat(withBooking(requested));
    expect(chat.input({ type: 'text', text: typed })).toBe('CANCEL_BOOKING');
    expect(chat.state).toBe('cancelConfirm');
  });

  it('means cancelling the booking whenever the booking is named, even mid-input', () => {
    const chat = chatAt('email');
    expect(chat.input({ type: 'text', text: '予約をキャンセルしたい' })).toBe('CANCEL_BOOKING');
  });

  it("is the menu's own option at the booking menu", () => {
    const chat = new Chat(withBooking(requested)).say('予約変更・キャンセル');
    expect(chat.input({ type: 'text', text: 'キャンセル' })).toBe('ANSWER');
    expect(chat.state).toBe('cancelConfirm');
  });

  it('is not read into longer sentences', () => {
    const chat = chatAt('name');
    expect(chat.input({ type: 'text', text: 'キャンセル待ちはできますか' })).toBe('ANSWER');
  });

  it('leaves object keys such as __proto__ to be answers, not commands (found by the fuzz test)', () => {
    for (const word of ['__proto__', 'constructor', 'toString']) {
      expect(chatAt('email').input({ type: 'text', text: word })).toBe('ANSWER');
    }
  });

  it('is never accepted as a name, even when it reaches the name question as an answer', () => {
    const chat = chatAt('name');
    for (const word of ['キャンセル', 'やめる', '予約確認']) {
      chat.answer({ source: 'text', text: word });
      expect(chat.state).toBe('name');
      expect(chat.notices).toEqual([{ key: 'invalidName', params: { code: 'command' } }]);
    }
    expect(chat.draft.name).toBeUndefined();
  });
});

describe('stopping at a booking menu keeps the booking', () => {
  it.each(['やめる', 'キャンセル', 'いいえ'])('「%s」 at the cancel confirmation', (typed) => {
    const chat = new Chat(withBooking(requested)).say('予約キャンセル');
    expect(chat.state).toBe('cancelConfirm');
    chat.say(typed);
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['cancelKept']);
    expect(chat.effects).toEqual([]);
  });

  it('「キャンセルする」 at the cancel confirmation cancels', () => {
    const chat = new Chat(withBooking(requested)).say('予約キャンセル').say('キャンセルする');
    expect(chat.effects.map((e) => e.effect)).toEqual(['cancelBooking']);
  });

  it('「やめる」 at the booking menu', () => {
    const chat = new Chat(withBooking(requested)).say('予約変更・キャンセル').say('やめる');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['manageBack']);
  });

  it('「やめる」 at the immediate-session confirmation', () => {
    const chat = new Chat(
      onRecordFacts({ immediate: { open: true }, identity: { name: '青森 花子', jobSeekerNumber: '02010-12345678' } }),
    )
      .say('今すぐ相談')
      .tap('no');
    expect(chat.state).toBe('immediateConfirm');
    chat.say('やめる');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['immediateDeclined']);
  });
});

describe('the change notice depends on what is changed', () => {
  it.each([
    ['confirmed', confirmed],
    ['requested', requested],
    ['changePending', changePending],
  ] as const)('%s', (current, booking) => {
    const typed = new Chat(withBooking(booking)).say('予約変更');
    expect(typed.notices).toEqual([{ key: 'changeStarted', params: { current } }]);
    const fromMenu = new Chat(withBooking(booking)).say('予約変更・キャンセル').say('日時を変更する');
    expect(fromMenu.notices).toEqual([{ key: 'changeStarted', params: { current } }]);
  });
});

describe('a stale button while idle', () => {
  it('is told the button is no longer valid, not to answer a question', () => {
    const chat = chatAt('kind');
    const old = chat.postbackData('regular');
    chat.say('やめる');
    expect(chat.input({ type: 'postback', data: old })).toBe('STALE');
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['staleIdle']);
  });
});

describe('on the day of a confirmed session', () => {
  it.each(['予約キャンセル', '予約変更・キャンセル', '予約変更', 'キャンセル'])(
    '%s is refused up front (phone only)',
    (typed) => {
      const chat = new Chat(withBooking(confirmed), SESSION_DAY).say(typed);
      expect(chat.state).toBe('idle');
      expect(chat.noticeKeys).toEqual(['sameDayCancel']);
      // Nothing is changed; staff are told the person asked (it is contact on the day).
      expect(chat.effects).toEqual([{ effect: 'sessionDayContact', draft: {}, answered: true }]);
    },
  );

  it("the menu's cancel option shown the day before is refused on the day without asking", () => {
    const chat = new Chat(withBooking(confirmed)).say('予約変更・キャンセル');
    chat.tap('cancel', { now: SESSION_DAY });
    expect(chat.state).toBe('idle');
    expect(chat.noticeKeys).toEqual(['sameDayCancel']);
  });

  it('the day before, cancelling is still asked and done in the chat', () => {
    const chat = new Chat(withBooking(confirmed)).say('予約キャンセル');
    expect(chat.state).toBe('cancelConfirm');
    chat.tap('yes');
    expect(chat.effects.map((e) => e.effect)).toEqual(['cancelBooking']);
  });
});

describe('small talk with a booking', () => {
  it('answers thanks on the session day itself without passing it to staff', () => {
    const chat = new Chat(withBooking(confirmed), SESSION_DAY).say('予約確認').say('ありがとうございました');
    expect(chat.notices).toEqual([{ key: 'smallTalk', params: { kind: 'thanks', hasBooking: 1 } }]);
    expect(chat.effects).toEqual([]);
  });

  it('still passes a message about the session on the day to staff', () => {
    const chat = new Chat(withBooking(confirmed), SESSION_DAY)
      .say('予約確認')
      .say('ありがとうございます、少し遅れます');
    expect(chat.effects.map((e) => e.effect)).toEqual(['sessionDayContact']);
  });

  it('reads 「わかりました」 while an office proposal waits as about the proposal, but thanks as thanks', () => {
    // A person who has talked with the bot before (a stranger's first words start a booking).
    const greeted = () => {
      const chat = chatAt('registered').tap('no');
      chat.facts = withBooking({ ...confirmed, proposalPending: true });
      return chat;
    };
    expect(greeted().say('わかりました').noticeKeys).toEqual(['proposalWaiting']);
    expect(greeted().say('ありがとうございます').notices).toEqual([
      { key: 'smallTalk', params: { kind: 'thanks', hasBooking: 1 } },
    ]);
  });
});
