import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxRows } from '../support/db-inspect.js';
import { requestViaChat, startStaffHarness, type StaffHarness } from './staff-support.js';

const USER = 'U6666666666666666666666666666666f';

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

describe('staff API: people', () => {
  it('should show counts, flags, consent and the open booking of a person', async () => {
    const { bookingId } = await requestViaChat(s, USER);
    const res = await s.api('GET', `/api/users/${USER}`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      lineUserId: USER,
      name: '青森 花子',
      counts: { bookings: 1, cancellations: 0, noShows: 0 },
      flagged: false,
      blocked: false,
      handoff: false,
      terms: { agreedVersion: '2024-06-06', currentVersion: '2024-06-06', upToDate: true },
      activeBooking: { id: bookingId, status: 'requested' },
      actions: [],
    });
    expect((await s.api('GET', '/api/users/Unobody')).status).toBe(404);
  });

  it('should stop the bot for a person, who is told politely to phone the office, and start it again', async () => {
    const { u } = await requestViaChat(s, USER);
    const res = await s.api('POST', `/api/users/${USER}/block`, { reason: '威圧的な発言が続いたため', by: '所長' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      blocked: true,
      actions: [{ action: 'block', by: 'api:所長', detail: { reason: '威圧的な発言が続いたため' } }],
    });
    const told = s.userTexts(USER).at(-1) ?? '';
    expect(told).toContain('お電話でお問い合わせください');
    expect(told).toContain('017-776-1561');
    expect(told).not.toContain('威圧的');
    expect(s.staffTexts().at(-1)).toContain('自動応答を停止しました');

    // The outbox row was queued with the change, under the API's own key.
    expect((await outboxRows(s.h)).filter((r) => r.dedupe_key.startsWith('api:')).map((r) => r.recipient)).toEqual([
      USER,
      expect.stringMatching(/^C/),
    ]);
    expect((await s.api('POST', `/api/users/${USER}/block`, { by: '所長' })).body.code).toBe('already_blocked');

    await u.say('予約確認');
    expect(u.lastText()).toContain('お電話でお問い合わせください');

    const back = await s.api('POST', `/api/users/${USER}/unblock`, { by: '所長' });
    expect(back.body.user).toMatchObject({ blocked: false, blockedAt: null });
    expect((await s.api('POST', `/api/users/${USER}/unblock`, { by: '所長' })).status).toBe(409);
    await u.say('予約確認');
    expect(u.lastText()).not.toContain('お電話でお問い合わせください');
  });

  it('should hand a chat back to the bot after staff talked with the person', async () => {
    const { u } = await requestViaChat(s, USER);
    expect(await s.api('POST', `/api/users/${USER}/handback`, { by: '山田' })).toMatchObject({
      status: 409,
      body: { code: 'not_in_handoff' },
    });
    await u.say('担当者と話したい');
    expect((await s.api('GET', `/api/users/${USER}`)).body.user).toMatchObject({ handoff: true });
    await u.say('もしもし');
    expect(u.last).toEqual([]);

    const res = await s.api('POST', `/api/users/${USER}/handback`, { by: '山田' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ handoff: false, handoffAt: null });
    expect(s.userTexts(USER).at(-1)).toContain('自動応答に戻りました');
    await u.say('予約確認');
    expect(u.lastText()).not.toBe('');
  });

  it('should answer 404 for a person the bot never met, and 400 without by', async () => {
    expect((await s.api('POST', '/api/users/Unobody/block', { by: '所長' })).status).toBe(404);
    expect((await s.api('POST', '/api/users/Unobody/block', {})).body).toMatchObject({
      code: 'invalid_field',
      field: 'by',
    });
  });
});
