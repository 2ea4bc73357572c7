/**
 * Details right the first time, as a person typing them meets it: the job-seeker number in the
 * Hello Work format (with where to find it), an e-mail address with a likely typo asked about, a
 * carrier address with its note, a name of one kana word questioned once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationDraftOf, conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

let n = 0;
const person = () => new ChatDriver(h, `Urightdata${String(++n).padStart(23, '0')}`);

function draftOf(u: ChatDriver): Promise<Record<string, unknown>> {
  return conversationDraftOf(h, u.userId);
}

describe('the job-seeker number', () => {
  it('takes the Hello Work format typed in full-width with spaces and no hyphen', async () => {
    const u = person();
    await typeUntil(u, 'jobSeekerNumber');
    await u.say('０２０１０ １２３４５６７８');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    expect((await draftOf(u)).jobSeekerNumber).toBe('0201012345678');
  });

  it('refuses a phone number, and anything else, with the format and the 受付票', async () => {
    const u = person();
    await typeUntil(u, 'jobSeekerNumber');
    await u.say('090-1234-5678');
    expect(u.lastText()).toContain('電話番号のようです');
    expect(u.lastText()).toContain('5けたの数字-8けたの数字');
    expect(u.lastText()).toContain('受付票');
    await u.say('12345');
    expect(u.lastText()).toContain('ハローワーク受付票の「求職番号」の欄');
    expect(await conversationStateOf(h, u.userId)).toBe('jobSeekerNumber');
  });

  it('takes a number of another office in that format, with the warning', async () => {
    const u = person();
    await typeUntil(u, 'jobSeekerNumber');
    await u.say('13010-12345678');
    expect(u.lastText()).toContain('青森県内のハローワーク以外で登録された求職番号のようです');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
  });
});

describe('the e-mail address', () => {
  it('says what is wrong: no @, a space, the part after @ cut short', async () => {
    const u = person();
    await typeUntil(u, 'email');
    await u.say('hanako.example.jp');
    expect(u.lastText()).toContain('「@」が見当たりません');
    await u.say('hanako @example.jp');
    expect(u.lastText()).toContain('空白が入っています');
    await u.say('hanako@');
    expect(u.lastText()).toContain('「@」のあとが途中までのようです');
    expect(await conversationStateOf(h, u.userId)).toBe('email');
  });

  it('asks 「○○のことですか？」 about a likely typo, with both addresses as buttons', async () => {
    const u = person();
    await typeUntil(u, 'email');
    await u.say('hanako@gmial.com');
    expect(u.lastText()).toContain('「hanako@gmial.com」は「hanako@gmail.com」のことですか？');
    expect(u.lastActions().map((a) => a.label)).toEqual(['hanako@gmail.com', 'hanako@gmial.com', 'ひとつ前に戻る']);
    await u.tap('hanako@gmail.com');
    expect(await conversationStateOf(h, u.userId)).toBe('phone');
    expect((await draftOf(u)).email).toBe('hanako@gmail.com');
  });

  it('a carrier domain cut short is suggested whole, and the carrier note follows', async () => {
    const u = person();
    await typeUntil(u, 'email');
    await u.say('hanako@docomo.ne.j');
    expect(u.lastText()).toContain('「hanako@docomo.ne.jp」のことですか？');
    // The address as typed cannot be used, so it is no button.
    expect(u.lastActions().map((a) => a.label)).toEqual(['hanako@docomo.ne.jp', 'ひとつ前に戻る']);
    await u.tap('hanako@docomo.ne.jp');
    expect(u.lastText()).toContain('携帯電話会社のメールアドレスは');
    expect(await conversationStateOf(h, u.userId)).toBe('phone');
  });

  it.each(['hanako@ezweb.ne.jp', 'hanako@au.com', 'hanako@softbank.ne.jp', 'hanako@i.softbank.jp'])(
    'a carrier address (%s) is taken with the note to allow mail from computers',
    async (address) => {
      const u = person();
      await typeUntil(u, 'email');
      await u.say(address);
      expect(u.lastText()).toContain('受信の設定をご確認ください');
      expect(await conversationStateOf(h, u.userId)).toBe('phone');
    },
  );
});

describe('the name', () => {
  it('a single kana word is questioned once (フルネーム), not refused, and can be kept', async () => {
    const u = person();
    await typeUntil(u, 'name');
    await u.say('はなこ');
    expect(u.lastText()).toContain('フルネームでお願いします');
    expect(await conversationStateOf(h, u.userId)).toBe('name');
    await u.tap('このまま進む');
    expect(await conversationStateOf(h, u.userId)).toBe('jobSeekerNumber');
    expect((await draftOf(u)).name).toBe('はなこ');
  });

  it('the full name typed after the question is taken', async () => {
    const u = person();
    await typeUntil(u, 'name');
    await u.say('ハナコ');
    await u.say('アオモリ ハナコ');
    expect(await conversationStateOf(h, u.userId)).toBe('jobSeekerNumber');
    expect((await draftOf(u)).name).toBe('アオモリ ハナコ');
  });
});
