import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

// The bot tells people whose buttons do not show (help, and every "please choose" refusal):
// 「ボタンが表示されない場合は、ボタンと同じ言葉を入力してください」. These tests take it at its word.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

function labels(u: ChatDriver): string[] {
  return [...new Set(u.lastActions().filter((a) => a.type === 'postback').map((a) => a.label))];
}

describe('typing the words on a button counts as tapping it', () => {
  it('for every choice of the booking, typing the label shown on the button moves on as the tap would', async () => {
    const u = new ChatDriver(h, 'Ulabels000000000000000000000000001');
    await u.follow();
    const script: [string, string][] = [
      ['同意する', 'registered'],
      ['登録しています', 'target'],
      ['子育て中（マザーズコーナー）', 'device'],
      ['はい、持っています', 'continuing'],
      ['はい、希望します', 'checklist'],
      ['すべて確認しました', 'kind'],
      ['一般の職業相談', 'app'],
      ['TeleOffice', 'name'],
    ];
    for (const [label, next] of script) {
      expect(labels(u)).toContain(label);
      await u.say(label);
      expect(conversationStateOf(h.sqlitePath, u.userId)).toBe(next);
    }
    await u.say('青森 花子');
    await u.say('02010-12345678');
    expect(labels(u)).toContain('12月3日(木)');
    await u.say('12月3日(木)');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Time');
    await u.say('10:00');
    expect(labels(u)).toContain('12月4日(金)');
    await u.say('12月4日(金)');
    await u.say('14:00');
    await u.say('hanako@example.jp');
    await u.say('090-1234-5678');
    expect(labels(u)).toContain('同席します');
    await u.say('同席します');
    expect(labels(u)).toEqual(['この内容で申し込む', '修正する']);
    await u.say('修正する');
    for (const label of ['通訳・介助者', '同席しません']) {
      expect(labels(u)).toContain(label);
      await u.say(label);
    }
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('review');
    await u.say('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    expect((await fetchBookings(h)).find((b) => b.name === '青森 花子')).toMatchObject({ app: 'teleoffice', interpreter: false });
  });

  // Found while writing these tests (was a bug): the time buttons read 「10:00〜10:40」, but typing
  // exactly that was refused with 「日時を読み取れませんでした」 (the parser read the start time and
  // could not read the rest 「〜10:40」); so were 「12月3日(木) 10:00〜10:40」 as shown on the review
  // card and ranges such as 「12/3 10:00-10:40」.
  // Reproduction: at 第1希望の時刻 for 12/7, send the text 「10:00〜10:40」.
  it('typing a time button\u2019s label 「10:00〜10:40」 chooses that time', async () => {
    const u = new ChatDriver(h, 'Ulabels000000000000000000000000002');
    await typeUntil(u, 'choice1Date');
    await u.say('12/7');
    expect(labels(u)).toContain('10:00〜10:40');
    await u.say('10:00〜10:40');
    expect(u.lastText()).not.toContain('読み取れませんでした');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice2Date');
  });

  // Found while writing these tests (was a bug): the time question's 「別の日を選ぶ」 button could not
  // be typed: the text went to the date parser and was refused as an unreadable date ('other_day'
  // was handled only as a button value). Reproduction: at 第1希望の時刻, send 「別の日を選ぶ」.
  it('typing 「別の日を選ぶ」 at the time question goes back to the dates', async () => {
    const u = new ChatDriver(h, 'Ulabels000000000000000000000000003');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3');
    expect(labels(u)).toContain('別の日を選ぶ');
    await u.say('別の日を選ぶ');
    expect(u.lastText()).not.toContain('読み取れませんでした');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Date');
  });
});
