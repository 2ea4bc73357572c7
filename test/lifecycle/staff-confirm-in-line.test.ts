import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

describe('staff confirm a request from the staff group', () => {
  it('asks for Zoom details, then sends the user a confirmation card with them and the rules', async () => {
    const u = new ChatDriver(h, 'U2000000000000000000000000000001');
    await bookByButtons(u, 'Zoom');
    const staff = new StaffDriver(h);
    await staff.tap('第1希望で確定');
    expect(staff.lastText()).toContain('ミーティングIDとパスコード');
    await staff.say('123 4567 8901 abc123');
    expect(staff.lastText()).toContain('確定しました');
    const toUser = h.platform.delivered().filter((d) => d.to === u.userId && d.via === 'push');
    const card = toUser.map((d) => JSON.stringify(d.message)).join('\n');
    expect(card).toContain('日時が確定しました');
    expect(card).toContain('123 4567 8901');
    expect(card).toContain('abc123');
    expect(card).toContain('録画・録音');
    const [booking] = await fetchBookings(h);
    expect(booking).toMatchObject({ status: 'confirmed' });
  });

  it('confirms TeleOffice at once and says an invitation e-mail will follow', async () => {
    const u = new ChatDriver(h, 'U2000000000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    const staff = new StaffDriver(h);
    await staff.tap('第2希望で確定');
    const card = h.platform
      .delivered()
      .filter((d) => d.to === u.userId && d.via === 'push')
      .map((d) => JSON.stringify(d.message))
      .join('\n');
    expect(card).toContain('招待メール');
    expect(card).toContain('12月3日(木)\\n10:30');
  });

  it('lets only one of two staff confirming into the same slot at once succeed; the other is told it is taken', async () => {
    // Both requests name 12/3 11:00 as their second choice; neither first choice holds it.
    const a = new ChatDriver(h, 'U2000000000000000000000000000003');
    const b = new ChatDriver(h, 'U2000000000000000000000000000004');
    await bookByButtons(a, 'TeleOffice', '青森 一郎', {
      first: ['12月3日(木)', '10:00〜10:40'],
      second: ['12月3日(木)', '11:00〜11:40'],
    });
    await bookByButtons(b, 'TeleOffice', '青森 二郎', {
      first: ['12月3日(木)', '10:30〜11:10'],
      second: ['12月3日(木)', '11:00〜11:40'],
    });
    const staff1 = new StaffDriver(h, 'Ustaff00000000000000000000000011');
    const staff2 = new StaffDriver(h, 'Ustaff00000000000000000000000012');
    await Promise.all([staff1.tap('第2希望で確定', 'oldest'), staff2.tap('第2希望で確定', 'newest')]);
    const confirmed = (await fetchBookings(h)).filter((x) => x.status === 'confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]!.confirmed!.start).toBe('2026-12-03T11:00:00+09:00');
    const groupText = h.platform
      .delivered()
      .filter((d) => d.to.startsWith('C'))
      .map((d) => JSON.stringify(d.message))
      .join('\n');
    expect(groupText).toContain('その枠はすでに埋まっています');
  });

  it('proposes another time; the user accepts it and gets a confirmation', async () => {
    const u = new ChatDriver(h, 'U2000000000000000000000000000005');
    await bookByButtons(u, 'Zoom');
    const staff = new StaffDriver(h);
    await staff.tap('別の日時を提案');
    await staff.say('12/8 14:00 987 6543 2100 pass9');
    expect(staff.lastText()).toContain('提案しました');
    const proposal = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)!;
    u.last = [proposal.message];
    await u.tap('この日時で受ける');
    expect(u.lastText()).toContain('日時が確定しました');
    expect(u.lastText()).toContain('12月8日(火)\n14:00');
    const [b] = await fetchBookings(h);
    expect(b).toMatchObject({ status: 'confirmed', confirmed: { start: '2026-12-08T14:00:00+09:00' } });
  });
});
