import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestViaChat, startStaffHarness, type StaffHarness } from './staff-support.js';

const USER = 'U7777777777777777777777777777777a';
const ZOOM = { meetingId: '987 6543 2100', passcode: 'next42' };

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

/** A person in their session: requested in the chat, confirmed for Thursday 12-03 10:00, and it is now 10:05. */
async function personInSession(): Promise<void> {
  const { bookingId } = await requestViaChat(s, USER);
  const confirmed = await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
  expect(confirmed.status).toBe(200);
  s.h.clock.set(new Date('2026-12-03T01:05:00Z'));
}

describe('staff API: booking the next session for a person (terms 6(2))', () => {
  it('should book it confirmed, inside the lead time, and send the person the confirmation card', async () => {
    await personInSession();
    // Asked on Thursday, a person could ask for Monday 12-07 at the earliest: Friday is inside the lead time.
    const res = await s.api('POST', `/api/users/${USER}/bookings`, {
      kind: 'regular',
      app: 'zoom',
      start: '2026-12-04T13:30:00+09:00',
      ...ZOOM,
      by: '山田',
    });
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({
      status: 'confirmed',
      lineUserId: USER,
      kind: 'regular',
      app: 'zoom',
      name: '青森 花子',
      confirmed: { start: '2026-12-04T13:30:00+09:00', end: '2026-12-04T14:10:00+09:00' },
      meeting: ZOOM,
      confirmedBy: 'api:山田',
    });
    const card = s.userTexts(USER).at(-1) ?? '';
    expect(card).toContain('確定しました');
    expect(card).toContain('12月4日(金)\n13:30〜14:10');
    expect(card).toContain('987 6543 2100');
    const note = s.staffTexts().at(-1) ?? '';
    expect(note).toContain('次回の相談を代理で予約し、確定しました');
    expect(note).toContain('前々開庁日を過ぎた予約');

    const id = (res.body.booking as { id: string }).id;
    const one = await s.api('GET', `/api/bookings/${id}`);
    expect(one.body.actions).toEqual([
      expect.objectContaining({
        action: 'confirm',
        by: 'api:山田',
        detail: { start: expect.any(String), forPerson: true, insideLeadTime: true },
      }),
    ]);

    // One upcoming session at a time: a second one is refused while this one is ahead.
    const again = await s.api('POST', `/api/users/${USER}/bookings`, {
      kind: 'regular',
      app: 'teleoffice',
      start: '2026-12-08T10:00:00+09:00',
      by: '山田',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'session_ahead' } });
  });

  it('should answer 404 for someone who never booked, 409 for a time the calendar refuses, 400 for a bad body', async () => {
    const body = { kind: 'regular', app: 'teleoffice', start: '2026-12-08T10:00:00+09:00', by: '山田' };
    expect(await s.api('POST', '/api/users/Unobody/bookings', body)).toMatchObject({
      status: 404,
      body: { code: 'person_unknown' },
    });
    await personInSession();
    expect(
      await s.api('POST', `/api/users/${USER}/bookings`, { ...body, start: '2026-12-05T10:00:00+09:00' }),
    ).toMatchObject({ status: 409, body: { code: 'closed_day', field: 'start' } });
    expect(await s.api('POST', `/api/users/${USER}/bookings`, { ...body, app: 'zoom' })).toMatchObject({
      status: 400,
      body: { code: 'meeting_required', field: 'meetingId' },
    });
    expect(await s.api('POST', `/api/users/${USER}/bookings`, { ...body, kind: 'evening' })).toMatchObject({
      status: 400,
      body: { field: 'kind' },
    });
    expect(s.userTexts(USER).filter((t) => t.includes('12月8日'))).toEqual([]);
  });
});
