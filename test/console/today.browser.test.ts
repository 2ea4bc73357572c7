import { afterAll, beforeAll, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { USER_CONTACT_ACTION } from '../../src/conversation/session-day-contact.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;
let first: string;

beforeAll(async () => {
  // Booked on Tuesday 12/1; the page is opened on Thursday 12/3 at 10:05 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  const createdAt = h.clock.now().toISOString();
  const day = '2026-12-03';
  const seeds: [string, number, 'zoom' | 'teleoffice'][] = [
    ['青森 花子', 600, 'zoom'],
    ['弘前 次郎', 660, 'teleoffice'],
    ['八戸 三郎', 810, 'zoom'],
    ['十和田 久美子', 870, 'teleoffice'],
  ];
  const ids: string[] = [];
  for (const [i, [name, minutes, app]] of seeds.entries()) {
    const meeting = app === 'zoom' ? { meetingId: `812 3456 78${i}0`, passcode: `pass${i}` } : undefined;
    const row = await seedBooking(h.app.db, {
      app,
      choices: [
        { date: day, minutes },
        { date: day, minutes: minutes + 30 },
      ],
      createdAt,
      patch: { name, email: `person${i}@example.jp`, ...confirmedAt({ date: day, minutes }, meeting) },
    });
    ids.push(row.id);
  }
  first = ids[0]!;
  // 八戸 三郎 wrote to the bot this morning (「遅れます」), as the chat records it.
  await recordStaffAction(h.app.db, {
    subjectId: ids[2]!,
    action: USER_CONTACT_ACTION,
    staffId: 'Uperson',
    via: 'line',
    at: '2026-12-03T00:40:00.000Z',
  });
  h.clock.set(new Date('2026-12-03T10:05:00+09:00'));
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it("marks attendance through the form on today's list, and prints the list", async () => {
  const { page } = b;
  await b.signIn('sato');
  await page.goto('/staff/today');
  const rows = page.getByRole('row');
  expect(await rows.nth(1).textContent()).toContain('青森 花子');
  expect(await rows.nth(3).textContent()).toContain('9:40 にLINEで連絡あり');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await rows.nth(1).getByRole('button', { name: '出席', exact: true }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('青森 花子さんの出席を記録しました');
  expect((await getBooking(h.app.db, first))?.status).toBe('attended');
  // 弘前 次郎's session has not begun: the refusal is shown beside its buttons.
  // 欠席 tells the person at once: the first press only opens what will happen, and the button that does it.
  const row2 = page.getByRole('row').nth(2);
  await row2.locator('summary', { hasText: '欠席（接続なし）' }).click();
  await expect.poll(() => row2.textContent()).toContain('欠席として記録し、ご本人に LINE でお知らせします');
  await b.screenshot('today-no-show-confirm');
  await row2.getByRole('button', { name: '欠席として記録し、知らせる' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('相談の開始後に記録してください');
  await page.goto('/staff/today');
  await b.screenshot('today');

  await page.getByRole('link', { name: '印刷用の表示' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('本日の相談 12月3日(木)');
  expect(await page.getByRole('navigation').count()).toBe(0);
  await page.emulateMedia({ media: 'print' });
  await b.screenshot('today-print');
  // The refusal is a 409, which Chromium reports; nothing else went wrong.
  expect(b.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
});
