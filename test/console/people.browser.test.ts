import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBookings } from '../../db/repositories/bookings-repository.js';
import { setBlocked } from '../../db/repositories/users-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

const CHATTER = 'U0000000000000000000000000browser1';

let h: Harness;
let b: ConsoleBrowser;
let u: ChatDriver;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  // An earlier session of the same person, attended, and one of someone else with a similar name.
  const person = { name: '十和田 湖子', jobSeekerNumber: '02010-12345678', email: 'hanako@example.jp' };
  await seedBooking(h.app.db, {
    lineUserId: CHATTER,
    choices: [
      { date: '2026-11-10', minutes: 600 },
      { date: '2026-11-11', minutes: 600 },
    ],
    createdAt: '2026-11-02T01:00:00Z',
    patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', ...person },
  });
  const other = await seedBooking(h.app.db, {
    choices: [
      { date: '2026-11-12', minutes: 600 },
      { date: '2026-11-13', minutes: 600 },
    ],
    createdAt: '2026-11-03T01:00:00Z',
    patch: {
      ...confirmedAt({ date: '2026-11-12', minutes: 600 }),
      name: '十和田 一郎',
      jobSeekerNumber: '02010-55556666',
      status: 'no_show',
      cancelReason: 'no_show',
    },
  });
  await setBlocked(h.app.db, other.lineUserId, '2026-11-20T01:00:00Z');
  u = new ChatDriver(h, CHATTER);
  await bookByButtons(u, 'Zoom', '十和田 湖子');
  b = await openConsoleBrowser(h.baseUrl);
  await b.signIn('yamada');
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('searches, opens a person, and stops the bot for them through the form', async () => {
  const { page } = b;
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '利用者' }).click();
  await page.getByLabel('氏名・求職番号・受付番号').fill('十和田');
  await page.keyboard.press('Enter');
  const results = page.getByRole('table');
  await expect.poll(() => results.getByRole('link').allTextContents()).toEqual(['十和田 湖子', '十和田 一郎']);
  await b.screenshot('people');

  // By the receipt number of the request made in the chat, then into the person's page.
  const [request] = await listBookings(h.app.db, { lineUserId: CHATTER, status: 'requested' });
  await page.getByLabel('氏名・求職番号・受付番号').fill(receiptNumber(request!.id));
  await page.getByRole('button', { name: '検索' }).click();
  await expect.poll(() => results.getByRole('link').allTextContents()).toEqual(['十和田 湖子']);
  await results.getByRole('link', { name: '十和田 湖子' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('十和田 湖子 様');
  expect(await page.getByRole('link', { name: receiptNumber(request!.id), exact: true }).getAttribute('href')).toBe(
    `/staff/bookings/${request!.id}`,
  );

  // Their request stays open once the bot is stopped: the form says so, and asks for a tick first.
  await page.getByLabel('理由（200文字まで）').fill('威圧的な発言が続いたため');
  const warning = page.getByRole('note').filter({ hasText: 'これらは取り消されません' });
  await expect
    .poll(() => warning.textContent())
    .toContain(`受付番号 ${receiptNumber(request!.id)}: 職員の回答待ちの申込み`);
  await page.getByRole('button', { name: '自動応答を停止する' }).click();
  // The browser itself holds the form back until the box is ticked.
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('十和田 湖子 様');
  expect(await page.getByRole('status').count()).toBe(0);
  await b.screenshot('person-block-warning');
  await page.getByLabel('上の予約・申込みがどうなるかを確認しました').check();
  await page.getByRole('button', { name: '自動応答を停止する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('自動応答を停止しました');
  await expect.poll(() => page.getByText('自動応答停止中').count()).toBeGreaterThan(0);
  await h.settle();
  await u.say('予約確認');
  expect(u.lastText()).toContain('このアカウントでのご案内は停止しています');
  await page.reload();
  await b.screenshot('person');

  await page.getByRole('button', { name: '自動応答の停止を解除する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('停止を解除しました');
  expect(b.errors).toEqual([]);
});
