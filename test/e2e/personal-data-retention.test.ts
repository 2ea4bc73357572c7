import { afterEach, describe, expect, it } from 'vitest';
import { insertRequest, updateBooking } from '../../db/repositories/bookings-repository.js';
import { setSwitch } from '../../db/repositories/office-state-repository.js';
import { sampleRequest } from '../support/temp-db.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { STAFF_API_TOKEN, startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const USER = 'Uretention00000000000000000000000a1';
const DAY = 24 * 60 * 60 * 1000;

async function cancelledBooking(env: Record<string, string>): Promise<{ h: Harness; id: string }> {
  const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env });
  h = harness;
  await bookByButtons(new ChatDriver(harness, USER), 'Zoom', '十和田 花子');
  const [booking] = await fetchBookings(harness);
  const res = await callStaffApi(harness, 'POST', `/api/bookings/${booking!.id}/cancel`, {
    reason: '本人より電話で取消（体調不良）',
    by: '山田',
  });
  expect(res.status).toBe(200);
  return { h: harness, id: booking!.id };
}

describe('personal details past the retention period (PERSONAL_DATA_RETENTION_DAYS)', () => {
  it('erases them from a booking once it has been over that long, keeping the booking for counting', async () => {
    const { h, id } = await cancelledBooking({ PERSONAL_DATA_RETENTION_DAYS: '30' });
    // Over once its last time has passed (the cancel came before it): 30 days from then.
    const lastTime = Math.max(...(await fetchBookings(h))[0]!.choices.map((c) => Date.parse(c.end)));
    h.clock.set(new Date(lastTime + 29 * DAY));
    await h.app.jobs.purge();
    expect((await fetchBookings(h))[0]).toMatchObject({ name: '十和田 花子' });

    h.clock.advance(2 * DAY);
    await h.app.jobs.purge();
    const [erased] = await fetchBookings(h);
    expect(erased).toMatchObject({
      id,
      status: 'cancelled',
      kind: 'regular',
      name: '',
      jobSeekerNumber: '',
      email: '',
      phone: '',
    });
    expect((erased as unknown as { personalDataErasedAt: string | null }).personalDataErasedAt).toMatch(/\+09:00$/);
    const detail = await (
      await fetch(`${h.baseUrl}/api/bookings/${id}`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } })
    ).json();
    expect(JSON.stringify(detail)).not.toContain('体調不良');
    const { user } = (await (
      await fetch(`${h.baseUrl}/api/users/${USER}`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } })
    ).json()) as { user: { name: string | null; lineUserId: string } };
    expect(user).toMatchObject({ lineUserId: USER, name: null });
  });

  it('asks the person for their name again instead of using an erased one', async () => {
    const { h } = await cancelledBooking({ PERSONAL_DATA_RETENTION_DAYS: '30' });
    const u = new ChatDriver(h, USER);
    await setSwitch(h.app.db, 'immediate', true, h.clock.now().toISOString());
    // Before: the name and number on file are used, and the quick session goes straight to its question.
    h.clock.set(new Date('2026-12-08T01:30:00Z')); // Tuesday 10:30 in Japan
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('通訳や介助の方が同席されますか');
    // Typed: this driver's first read also holds the booking's own (older) interpreter buttons.
    await u.say('同席しません');
    expect(u.lastText()).toContain('今すぐ相談（30分）');
    await u.tap('やめておく');
    // Months later, the details were erased: ask for them rather than file a request with no name.
    h.clock.set(new Date('2027-03-02T01:30:00Z')); // Tuesday 10:30 in Japan
    await h.app.jobs.purge();
    expect((await fetchBookings(h))[0]).toMatchObject({ name: '' });
    await u.say('今すぐ相談');
    expect(u.lastText()).toContain('お名前');
  });

  it('treats a confirmed session nobody marked as over once erased: not shown as open, and not changed by staff', async () => {
    const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env: { PERSONAL_DATA_RETENTION_DAYS: '30' } });
    h = harness;
    const u = new ChatDriver(harness, USER);
    await bookByButtons(u, 'Zoom', '十和田 花子');
    const [booking] = await fetchBookings(harness);
    const id = booking!.id;
    expect(
      (
        await callStaffApi(harness, 'POST', `/api/bookings/${id}/confirm`, {
          choice: 1,
          meetingId: '123 456 7890',
          passcode: 'abc',
          by: '山田',
        })
      ).status,
    ).toBe(200);
    // Nobody marks the session (the automatic no-show check did not run, say).
    await harness.app.db
      .updateTable('scheduled_jobs')
      .set({ status: 'skipped' })
      .where('kind', '=', 'no_show')
      .execute();
    harness.clock.set(new Date(Date.parse(booking!.choices[1]!.end) + 40 * DAY));
    await harness.app.jobs.purge();
    expect((await fetchBookings(harness))[0]).toMatchObject({ status: 'confirmed', name: '' });

    await u.say('予約確認');
    expect(u.lastText()).toContain('現在お申し込み中の予約はありません');
    for (const [path, body] of [
      [`/api/bookings/${id}/cancel`, { reason: '本人から電話：入院のため', by: '山田' }],
      [`/api/bookings/${id}/attendance`, { attended: false, by: '山田' }],
      [
        `/api/bookings/${id}/propose`,
        { start: '2027-03-02T10:00:00+09:00', meetingId: '1', passcode: '2', by: '山田' },
      ],
    ] as const) {
      const res = await callStaffApi(harness, 'POST', path, body);
      expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([
        path,
        409,
        'personal_data_erased',
      ]);
    }
    expect(JSON.stringify(await fetchBookings(harness))).not.toContain('入院');
  });

  it("answers an old card's button in the staff group by saying the details were erased, without asking for meeting details", async () => {
    const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env: { PERSONAL_DATA_RETENTION_DAYS: '30' } });
    h = harness;
    await bookByButtons(new ChatDriver(harness, USER), 'Zoom', '十和田 花子');
    const [booking] = await fetchBookings(harness);
    harness.clock.set(new Date(Date.parse(booking!.choices[1]!.end) + 40 * DAY));
    await harness.app.jobs.purge();
    const staff = new StaffDriver(harness);
    await staff.tap('第1希望で確定');
    expect(staff.lastText()).toContain('削除済み');
    expect(staff.lastText()).not.toContain('ミーティングID');
  });

  it('erases a backlog of years in rounds within one clean-up', async () => {
    const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env: { PERSONAL_DATA_RETENTION_DAYS: '30' } });
    h = harness;
    const old = (n: number) => ({
      start: `2025-0${1 + (n % 9)}-10T01:00:00.000Z`,
      end: `2025-0${1 + (n % 9)}-10T01:40:00.000Z`,
      slotKey: `r:${n}`,
    });
    await harness.app.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1201; i += 1) {
        await insertRequest(trx, sampleRequest(`b${i}`, `Uold${i}`, [old(i), old(i + 1)], '2025-01-01T00:00:00.000Z'));
        await updateBooking(
          trx,
          `b${i}`,
          { status: 'cancelled', updatedAt: '2025-01-01T00:00:00.000Z' },
          '2025-01-01T00:00:00.000Z',
        );
      }
    });
    await harness.app.jobs.purge();
    const left = await harness.app.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personal_data_erased_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it('keeps them when no retention period is set', async () => {
    const { h } = await cancelledBooking({});
    h.clock.advance(3650 * DAY);
    await h.app.jobs.purge();
    expect((await fetchBookings(h))[0]).toMatchObject({ name: '十和田 花子', email: expect.stringContaining('@') });
  });
});
