import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

/** Two Zoom requests, the first made first: their cards are in the staff group in that order. */
async function twoZoomRequests(): Promise<[string, string]> {
  await bookByButtons(new ChatDriver(h, 'Upc000000000000000000000000000001'), 'Zoom', '青森 花子');
  await bookByButtons(new ChatDriver(h, 'Upc000000000000000000000000000002'), 'Zoom', '弘前 次郎');
  const rows = await fetchBookings(h);
  const first = rows.find((b) => b.name === '青森 花子')!.id;
  const second = rows.find((b) => b.name === '弘前 次郎')!.id;
  return [first, second];
}

describe('staff on LINE for PC (LINE does not say who pressed a button in the group)', () => {
  it("does not let one member's answer land on the booking another member is asking about", async () => {
    const [first, second] = await twoZoomRequests();
    const a = new StaffDriver(h, null);
    const b = new StaffDriver(h, null);
    await a.tap('第1希望で確定', 'oldest');
    expect(a.lastText()).toContain(`受付番号 ${first.slice(0, 8)} を`);
    // A colleague, indistinguishable to the bot, starts on the other request meanwhile.
    await b.tap('第1希望で確定', 'newest');
    expect(b.lastText()).toContain(`受付番号 ${first.slice(0, 8)} の入力をお待ちしています`);
    // The first member's meeting details go to the booking they were asked for.
    await a.say('123 4567 8901 abc123');
    const rows = await fetchBookings(h);
    expect(rows.find((r) => r.id === first)).toMatchObject({
      status: 'confirmed',
      meeting: { meetingId: '123 4567 8901', passcode: 'abc123' },
    });
    expect(rows.find((r) => r.id === second)).toMatchObject({ status: 'requested', meeting: null });
    // Now the colleague can go ahead.
    await b.tap('第1希望で確定', 'newest');
    expect(b.lastText()).toContain(`受付番号 ${second.slice(0, 8)} を`);
  });

  it('lets named members (LINE on a phone) each keep their own question open, as before', async () => {
    const [first, second] = await twoZoomRequests();
    const a = new StaffDriver(h, 'Ustaff0000000000000000000000000a1');
    const b = new StaffDriver(h, 'Ustaff0000000000000000000000000b2');
    await a.tap('第1希望で確定', 'oldest');
    await b.tap('第1希望で確定', 'newest');
    expect(b.lastText()).toContain(`受付番号 ${second.slice(0, 8)} を`);
    await b.say('222 3333 4444 bbb');
    await a.say('111 2222 3333 aaa');
    const rows = await fetchBookings(h);
    expect(rows.find((r) => r.id === first)).toMatchObject({ status: 'confirmed', meeting: { passcode: 'aaa' } });
    expect(rows.find((r) => r.id === second)).toMatchObject({ status: 'confirmed', meeting: { passcode: 'bbb' } });
  });
});
