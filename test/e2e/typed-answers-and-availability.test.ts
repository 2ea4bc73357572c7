/**
 * Typed answers read as the person meant them (emoji after an option, 「はい」 where a name is
 * asked, yearless dates already past this year) and what the person is told when nothing is left:
 * a day that fills up while they pick its time, a full day typed alone, immediate sessions after
 * the last start. Each test runs the real server against the fake LINE platform.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerUpToDates } from '../support/booking-flow.js';
import { actionsIn, ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: earliest bookable day Thu 12-03, horizon ends Tue 2027-01-26.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const staffApi = (method: 'POST' | 'PUT', path: string, body: unknown) => callStaffApi(h, method, path, body);

describe('a day that fills up while the person picks its time', () => {
  it('says the day has no time left and offers another day, instead of an empty time question', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000097');
    await u.say('予約する');
    await u.tap('同意する');
    await answerUpToDates(u, 'TeleOffice');
    await u.tap('12月3日(木)');
    expect(u.lastText()).toContain('空いている時間です');
    // Meanwhile every slot of that day is taken (here: closed by staff).
    for (const start of ['10:00', '10:30', '11:00', '13:30', '14:00', '14:30']) {
      expect(
        (
          await staffApi('PUT', '/api/capacity', {
            kind: 'regular',
            date: '2026-12-03',
            start,
            capacity: 0,
            by: '山田',
          })
        ).status,
      ).toBe(200);
    }
    await u.say('10:00');
    expect(u.lastText()).toContain('ただいま空いている時間がなくなりました');
    // The time question itself offers only another day (and the way back); the refusal above it suggests the nearest
    // free slots, which are on other days (buttons that choose one in a tap).
    const question = u.last.at(-1)!;
    expect(new Set(actionsIn(question).map((a) => a.label))).toEqual(new Set(['別の日を選ぶ', 'ひとつ前に戻る']));
    expect(new Set(u.lastActions().map((a) => a.label))).toEqual(
      new Set(['12月4日(金) 10:00', '12月4日(金) 10:30', '12月4日(金) 11:00', '別の日を選ぶ', 'ひとつ前に戻る']),
    );
  });
});

describe('emoji in a typed answer', () => {
  it('a LINE emoji ($ in the text) or a Unicode one after an option does not stop it from matching', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000098');
    await u.say('予約する😊');
    expect(u.lastText()).toContain('利用規約');
    await u.say('同意します$');
    expect(u.lastText()).toContain('求職登録');
  });
});

describe('a reply that is not a name', () => {
  it('「はい」 at the name question is asked again instead of becoming the name on the request', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000099');
    await typeUntil(u, 'name');
    await u.say('はい');
    expect(u.lastText()).toContain('求職登録されているお名前（フルネーム）を入力してください');
    expect(await conversationStateOf(h, u.userId)).toBe('name');
  });
});

describe('今すぐ相談 after the last start', () => {
  it('at 11:45 says until when a 30-minute session can start', async () => {
    h.clock.set(new Date('2026-12-01T02:45:00Z')); // 11:45 in Japan
    expect((await staffApi('PUT', '/api/immediate', { enabled: true, by: 'tester' })).status).toBe(200);
    const u = new ChatDriver(h, 'Ureview0000000000000000000000008');
    await u.say('こんにちは');
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain(
      '今すぐ相談（30分）は、相談時間内に終えられるよう、開庁日の10:00〜11:30、13:30〜15:00に始める場合にご利用いただけます',
    );
    expect(u.lastText()).not.toContain('10:00〜12:00');
  });
});

describe('dates', () => {
  it('a yearless date already past this year is refused showing the year it was read as', async () => {
    const u = new ChatDriver(h, 'Ureview0000000000000000000000009');
    await typeUntil(u, 'choice1Date');
    await u.say('11/30 10:00');
    expect(u.lastText()).toContain('2027年11月30日(火)はご予約の受付期間外です');
  });

  it('a date typed alone whose day is full is refused as a full day, naming no time', async () => {
    for (const start of ['10:00', '10:30', '11:00', '13:30', '14:00', '14:30']) {
      expect(
        (
          await staffApi('PUT', '/api/capacity', {
            kind: 'regular',
            date: '2026-12-03',
            start,
            capacity: 0,
            by: 'tester',
          })
        ).status,
      ).toBe(200);
    }
    const u = new ChatDriver(h, 'Ureview000000000000000000000000a');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3');
    expect(u.lastText()).toContain('12月3日(木)は、すべての時間の枠がすでに埋まっております');
    expect(u.lastText()).not.toContain('10:00の枠');
  });
});
