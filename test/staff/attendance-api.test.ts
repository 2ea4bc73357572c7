import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestViaChat, startStaffHarness, type StaffHarness } from './staff-support.js';

const USER = 'U2222222222222222222222222222222b';
const ZOOM = { meetingId: '987 6543 2100', passcode: 'aomori2' };

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

/**
 * The same person asks again: consent and eligibility are on record and their details kept, so
 * one tap keeps them all and the chat goes on to the dates (docs/office-rules.md §12).
 */
async function requestAgain(
  u: Awaited<ReturnType<typeof requestViaChat>>['u'],
  date: string,
  times: [string, string],
): Promise<void> {
  await u.say('予約する');
  await u.tap('前回と同じ内容で進む');
  await u.tap(date);
  await u.tap(times[0]);
  await u.tap(date);
  await u.tap(times[1]);
  await u.tap('同席しません');
  await u.tap('この内容で申し込む');
  expect(u.lastText()).toContain('受け付けました');
}

describe('staff API: attendance', () => {
  it('should refuse to mark attendance before the session starts', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    expect(
      (await s.api('POST', `/api/bookings/${bookingId}/attendance`, { attended: true, by: '山田' })).body.code,
    ).toBe('invalid_status');
    await s.api('POST', `/api/bookings/${bookingId}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
    const early = await s.api('POST', `/api/bookings/${bookingId}/attendance`, { attended: true, by: '山田' });
    expect(early).toMatchObject({ status: 409, body: { code: 'not_started' } });
    s.h.clock.set(new Date('2026-12-03T01:01:00Z'));
    const ok = await s.api('POST', `/api/bookings/${bookingId}/attendance`, { attended: true, by: '山田' });
    expect(ok.status).toBe(200);
    expect(ok.body.booking).toMatchObject({
      status: 'attended',
      attendedAt: expect.stringMatching(/^2026-12-03T10:01:/),
    });
  });

  it('should flag the person and tell the staff group after a second no-show', async () => {
    const { u, bookingId: first } = await requestViaChat(s, USER);
    await s.api('POST', `/api/bookings/${first}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
    s.h.clock.set(new Date('2026-12-03T01:05:00Z')); // Thu 10:05 JST, inside the 10-minute grace
    const once = await s.api('POST', `/api/bookings/${first}/attendance`, { attended: false, by: '山田' });
    expect(once.body.booking).toMatchObject({ status: 'no_show', cancelReason: 'no_show' });
    expect((await s.api('GET', `/api/users/${USER}`)).body.user).toMatchObject({
      counts: { noShows: 1 },
      flagged: false,
    });
    expect(s.staffTexts().some((t) => t.includes('要確認'))).toBe(false);

    // Earliest day from Thursday 10:05 is Monday 12-07.
    await requestAgain(u, '12月7日(月)', ['10:00〜10:40', '10:30〜11:10']);
    const second = (
      (await s.api('GET', `/api/bookings?user=${USER}&status=requested`)).body.bookings as { id: string }[]
    )[0]!.id;
    await s.api('POST', `/api/bookings/${second}/confirm`, { choice: 1, ...ZOOM, by: '山田' });
    s.h.clock.set(new Date('2026-12-07T01:05:00Z'));
    const twice = await s.api('POST', `/api/bookings/${second}/attendance`, { attended: false, by: '佐藤' });
    expect(twice.status).toBe(200);

    const user = (await s.api('GET', `/api/users/${USER}`)).body.user;
    expect(user).toMatchObject({ counts: { bookings: 2, noShows: 2 }, flagged: true, blocked: false });
    const note = s.staffTexts().filter((t) => t.includes('要確認'));
    expect(note).toHaveLength(1);
    expect(note[0]).toContain('青森 花子');
    expect(note[0]).toContain('2回');
  });
});
