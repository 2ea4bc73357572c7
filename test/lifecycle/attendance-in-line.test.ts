import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const noShows = async (userId: string) =>
  (await probe(h).get<{ n: number }>('SELECT no_show_count AS n FROM users WHERE line_user_id = ?', userId))?.n;

describe('attendance from the staff group', () => {
  it('records attendance after the start, refuses it before, and corrects a mistaken no-show', async () => {
    const u = new ChatDriver(h, 'U6000000000000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    const staff = new StaffDriver(h);
    await staff.tap('第1希望で確定');
    await staff.tap('出席を記録');
    expect(staff.lastText()).toContain('開始後に記録してください');
    h.clock.set(new Date('2026-12-03T01:10:00Z')); // 10:10 JST, nothing recorded: staff are asked
    await h.runJobs();
    await h.settle();
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'confirmed' });
    expect(await noShows(u.userId)).toBe(0);
    await staff.tap('接続なし'); // a mistake: the person was there
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'no_show' });
    expect(await noShows(u.userId)).toBe(1);
    await staff.tap('出席に訂正');
    expect(staff.lastText()).toContain('出席に訂正しました');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'attended' });
    expect(await noShows(u.userId)).toBe(0);
  });

  it('a session marked attended in time is never turned into a no-show', async () => {
    const u = new ChatDriver(h, 'U6000000000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    const staff = new StaffDriver(h);
    await staff.tap('第1希望で確定');
    h.clock.set(new Date('2026-12-03T01:05:00Z'));
    await staff.tap('出席を記録');
    h.clock.set(new Date('2026-12-03T01:11:00Z'));
    await h.runJobs();
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'attended' });
    expect(await noShows(u.userId)).toBe(0);
  });
});
