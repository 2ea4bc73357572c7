/**
 * After a refused time the nearest free slots are buttons that choose that slot in one tap, checked
 * again when tapped; a closed day is refused at once with the next open days as buttons; the date
 * picker is bounded to the days that can be booked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationDraftOf, conversationStateOf } from '../support/db-inspect.js';
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

function draftOf(u: ChatDriver): Promise<Record<string, unknown>> {
  return conversationDraftOf(h, u.userId);
}

async function closeSlot(date: string, start: string): Promise<void> {
  const res = await callStaffApi(h, 'PUT', '/api/capacity', { kind: 'regular', date, start, capacity: 0, by: '山田' });
  expect(res.status).toBe(200);
}

describe('a refused time', () => {
  it('offers the nearest free slots as buttons, and one tap chooses that slot', async () => {
    await closeSlot('2026-12-03', '10:00');
    const u = new ChatDriver(h, 'Usuggest00000000000000000000001');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3 10:00');
    expect(u.lastText()).toContain('の枠はすでに埋まっております');
    const labels = u.lastActions().map((a) => a.label);
    expect(labels).toContain('12月3日(木) 10:30');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    await u.tap('12月3日(木) 10:30');
    expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
    expect((await draftOf(u)).choice1).toEqual({ date: '2026-12-03', minutes: 630 });
  });

  it('checks a suggested slot again when it is tapped: one taken meanwhile is refused with the reason', async () => {
    await closeSlot('2026-12-03', '10:00');
    const u = new ChatDriver(h, 'Usuggest00000000000000000000002');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3 10:00');
    const button = u.lastActions().find((a) => a.label === '12月3日(木) 10:30');
    expect(button?.type).toBe('postback');
    await closeSlot('2026-12-03', '10:30');
    await u.tap('12月3日(木) 10:30');
    expect(u.lastText()).toContain('12月3日(木) 10:30の枠はすでに埋まっております');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    expect((await draftOf(u)).choice1).toBeUndefined();
  });

  it('a suggested slot tapped after the conversation moved on is stale and chooses nothing', async () => {
    await closeSlot('2026-12-03', '10:00');
    const u = new ChatDriver(h, 'Usuggest00000000000000000000003');
    await typeUntil(u, 'choice1Date');
    await u.say('12/3 10:00');
    const old = u.lastActions().find((a) => a.label === '12月3日(木) 11:00');
    await u.say('12/4 14:00');
    expect(await conversationStateOf(h, u.userId)).toBe('choice2Date');
    await u.tapData(old!.type === 'postback' ? old!.data : '');
    expect(u.lastText()).toContain('前の質問のもの');
    expect((await draftOf(u)).choice1).toEqual({ date: '2026-12-04', minutes: 840 });
  });
});

describe('a closed day', () => {
  it('picked in the calendar is refused at once, with the nearest open days named and offered as buttons', async () => {
    const u = new ChatDriver(h, 'Usuggest00000000000000000000004');
    await typeUntil(u, 'choice1Date');
    await u.pick({ date: '2026-12-05' });
    expect(u.lastText()).toContain('12月5日(土)は土曜日のため');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Date');
    const labels = u.lastActions().map((a) => a.label);
    // Friday is a day before, Thursday and Monday two: what is said and what is offered agree.
    expect(labels.slice(0, 3)).toEqual(['12月3日(木)', '12月4日(金)', '12月7日(月)']);
    expect(u.lastText()).toContain('空きのある近い日: 12月3日(木)、12月4日(金)、12月7日(月)');
    expect(u.lastText()).not.toContain('近い空き枠:');
    await u.tap('12月7日(月)');
    expect(await conversationStateOf(h, u.userId)).toBe('choice1Time');
    expect(u.lastText()).toContain('12月7日(月)の空いている時間です');
  });

  it('the date picker opens within the days that can be booked', async () => {
    const u = new ChatDriver(h, 'Usuggest00000000000000000000005');
    await typeUntil(u, 'choice1Date');
    const picker = u.lastActions().find((a) => a.type === 'datetimepicker');
    expect(picker).toMatchObject({ min: '2026-12-03', max: '2027-01-26', initial: '2026-12-03' });
  });
});

describe('examples of typing a date and time', () => {
  it('are the first free slot, computed from the clock and the calendar', async () => {
    await closeSlot('2026-12-03', '10:00');
    const u = new ChatDriver(h, 'Usuggest00000000000000000000006');
    await typeUntil(u, 'choice1Date');
    expect(u.lastText()).toContain('日付と時刻を「12/3 10:30」のように入力することもできます');
    await u.say('10:00');
    expect(u.lastText()).toContain('先に日付をお選びください（例: 12/3）');
    await u.say('そのうち');
    expect(u.lastText()).toContain('「12/3 10:30」のように入力するか');
    // A day later the example moves on with the clock.
    h.clock.set(new Date('2026-12-02T00:00:00Z'));
    await u.say('10:00');
    expect(u.lastText()).toContain('先に日付をお選びください（例: 12/4）');
  });
});
