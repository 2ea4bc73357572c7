import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const api = (path: string, body: unknown) => callStaffApi(h, 'POST', path, body);
const lastTo = (u: ChatDriver) =>
  JSON.stringify(
    h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)?.message,
  );

/** A session confirmed for Thu 12/10 10:00, then a change asked for Thu 12/3 10:00 / 10:30. */
async function confirmedWithPendingChange(u: ChatDriver): Promise<string> {
  await bookByButtons(u, 'TeleOffice', '青森 花子', {
    first: ['12月10日(木)', '10:00〜10:40'],
    second: ['12月10日(木)', '10:30〜11:10'],
  });
  const [b] = await fetchBookings(h);
  expect((await api(`/api/bookings/${b!.id}/confirm`, { choice: 1, by: 'tanaka' })).status).toBe(200);
  await h.settle();
  await u.say('予約変更');
  for (const label of ['12月3日(木)', '10:00〜10:40', '12月3日(木)', '10:30〜11:10', 'この内容で申し込む'])
    await u.tap(label);
  const change = (await fetchBookings(h)).find((x) => x.status === 'requested');
  expect(change).toBeDefined();
  return change!.id;
}

describe('a change request when it is filed', () => {
  it('is acknowledged as a change, saying the confirmed session holds until the new time is confirmed', async () => {
    const u = new ChatDriver(h, 'Uchange000000000000000000000000');
    await confirmedWithPendingChange(u);
    const ack = u.lastText();
    expect(ack).toContain('日時変更のお申し込みを受け付けました');
    expect(ack).toContain('新しい日時が確定するまでは、今のご予約（12月10日(木) 10:00〜10:40）がそのまま有効です');
    expect(ack).toMatch(/受付番号: \S+/);
  });
});

describe('a change request that ends without a new time', () => {
  it('unanswered until its times pass: the person is told their confirmed session still holds, not to book again', async () => {
    const u = new ChatDriver(h, 'Uchange000000000000000000000001');
    await confirmedWithPendingChange(u);
    h.clock.set(new Date('2026-12-03T01:31:00Z')); // 12/3 10:31, both new times passed
    await h.runJobs();
    await h.settle();
    expect(lastTo(u)).toContain('現在のご予約はそのまま有効です');
    expect(lastTo(u)).toContain('12月10日(木) 10:00');
    expect(lastTo(u)).not.toContain('あらためてお申し込み');
    expect((await fetchBookings(h)).filter((b) => b.status === 'confirmed')).toHaveLength(1);
  });

  it('withdrawn by the office: the person is told the change is off and their session stays', async () => {
    const u = new ChatDriver(h, 'Uchange000000000000000000000002');
    const changeId = await confirmedWithPendingChange(u);
    expect((await api(`/api/bookings/${changeId}/cancel`, { by: 'tanaka', reason: '担当者の都合' })).status).toBe(200);
    await h.settle();
    expect(lastTo(u)).toContain('日時変更のお申し込みは、ハローワークの都合により取り消し');
    expect(lastTo(u)).toContain('現在のご予約はそのまま有効です');
    expect(lastTo(u)).not.toContain('次のご予約は、ハローワークの都合によりキャンセル');
  });
});

describe('a change request staff confirm', () => {
  it('tells the person and staff that the earlier session is cancelled, so nobody expects both', async () => {
    const u = new ChatDriver(h, 'Uchange000000000000000000000004');
    const changeId = await confirmedWithPendingChange(u);
    expect((await api(`/api/bookings/${changeId}/confirm`, { choice: 1, by: 'tanaka' })).status).toBe(200);
    await h.settle();
    const toPerson = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .slice(-2)
      .map((d) => JSON.stringify(d.message))
      .join('');
    expect(toPerson).toContain('変更前のご予約（12月10日(木) 10:00');
    const bookings = await fetchBookings(h);
    expect(bookings.filter((b) => b.status === 'confirmed').map((b) => b.confirmed?.start)).toEqual([
      '2026-12-03T10:00:00+09:00',
    ]);
  });
});

describe('changing a request staff have not answered yet', () => {
  it('may keep the same first choice: the person\u2019s own request does not fill the slot against them', async () => {
    const u = new ChatDriver(h, 'Uchange000000000000000000000003');
    await bookByButtons(u, 'TeleOffice'); // Thu 12/3 10:00 and 10:30, capacity 1
    await u.say('予約変更');
    await u.say('12/3 10:00');
    expect(u.lastText()).not.toContain('埋まって');
    expect(u.lastText()).toContain('第2希望');
  });
});
