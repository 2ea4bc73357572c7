/**
 * 「同席します」 asks who attends (an interpreter and the language, or a helper): stored with the
 * request and shown to staff (group card, console data, staff API).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { opened } from '../support/data-key.js';
import { probe } from '../support/db-inspect.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { getStaffApi } from '../support/staff-api.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

const staffTexts = () =>
  h.platform
    .delivered()
    .filter((d) => d.to === STAFF_GROUP)
    .map((d) => textOf(d.message))
    .join('\n');

it('an interpreter: the language is asked, stored with the request and shown to staff', async () => {
  const u = new ChatDriver(h, 'Ucompanion000000000000000000000001');
  await typeUntil(u, 'interpreter');
  await u.tap('同席します');
  expect(u.lastText()).toContain('どなたが同席されますか？');
  await u.tap('通訳');
  expect(u.lastText()).toContain('通訳の言語をお選びください');
  await u.tap('ベトナム語');
  expect(u.lastText()).toContain('同席します（通訳・ベトナム語）'); // the review card
  await u.tap('この内容で申し込む');
  expect(u.lastText()).toContain('受け付けました');
  const row = await probe(h).get<{ id: string; interpreter: number; companion: string; companion_language: string }>(
    'SELECT id, interpreter, companion, companion_language FROM bookings WHERE line_user_id = ?',
    u.userId,
  );
  expect(row).toMatchObject({ interpreter: 1, companion: 'interpreter' });
  // The language is personal data, stored encrypted (docs/storage.md).
  expect(opened(row!.companion_language)).toBe('ベトナム語');
  expect(staffTexts()).toContain('同席します（通訳・ベトナム語）');
  const api = await getStaffApi(h, `/api/bookings/${row!.id}`);
  expect(api.booking).toMatchObject({ interpreter: true, companion: 'interpreter', companionLanguage: 'ベトナム語' });
});

it('a helper, typed: one more answer and the review', async () => {
  const u = new ChatDriver(h, 'Ucompanion000000000000000000000002');
  // Other times than the first person's, who holds Thursday 10:00.
  await typeUntil(u, 'interpreter', { choice1: '12/7 10:00', choice2: '12/8 14:00' });
  await u.say('同席します');
  await u.say('介助者です');
  expect(u.lastText()).toContain('同席します（介助者）');
  await u.say('申し込む');
  const row = await probe(h).get<{ companion: string; companion_language: string | null }>(
    'SELECT companion, companion_language FROM bookings WHERE line_user_id = ?',
    u.userId,
  );
  expect(row).toEqual({ companion: 'helper', companion_language: null });
});
