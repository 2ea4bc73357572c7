import { afterAll, beforeAll, expect, it } from 'vitest';
import { getClosure } from '../../db/repositories/closures-repository.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

/** A week with some sessions confirmed and some first choices waiting, as an office sees it. */
async function seedWeek(): Promise<void> {
  const createdAt = h.clock.now().toISOString();
  const people: [string, string, number, boolean][] = [
    ['青森 花子', '2026-12-02', 600, true],
    ['弘前 次郎', '2026-12-02', 630, false],
    ['八戸 三郎', '2026-12-03', 840, true],
    ['十和田 久美子', '2026-12-03', 600, false],
    ['五所川原 四郎', '2026-12-04', 810, true],
  ];
  for (const [name, date, minutes, confirmed] of people) {
    await seedBooking(h.app.db, {
      choices: [
        { date, minutes },
        { date: '2026-12-08', minutes },
      ],
      createdAt,
      patch: { name, ...(confirmed ? confirmedAt({ date, minutes }) : {}) },
    });
  }
}

beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  await seedWeek();
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('shows the week, adds a closure day through the form, and shows the month', async () => {
  const { page } = b;
  await b.signIn('sato');
  await page.goto('/staff/calendar');
  await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('11月30日(月)');
  // The week fits a 1024 px tablet: no sideways scrolling of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await page.getByLabel('閉庁日にする日').fill('2026-12-04');
  await page.getByLabel('メモ（任意）').fill('庁舎点検');
  await page.getByRole('button', { name: '閉庁日を追加' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('12月4日(金)を閉庁日にしました');
  expect(await getClosure(h.app.db, '2026-12-04')).toMatchObject({ note: '庁舎点検' });
  expect(await page.getByRole('columnheader', { name: /12月4日\(金\)/ }).textContent()).toContain('閉庁日');
  await b.screenshot('calendar-week');

  await page.getByRole('link', { name: '月の一覧' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('2026年12月');
  const dayCell = (label: string) => page.locator('td', { has: page.getByRole('link', { name: label }) });
  expect(await dayCell('12月2日(水)の週を表示').textContent()).toContain('確定 1');
  expect(await dayCell('12月2日(水)の週を表示').textContent()).toContain('回答待ち 1');
  expect(await dayCell('12月4日(金)の週を表示').textContent()).toContain('閉庁日');
  await b.screenshot('calendar-month');
  await page.getByRole('link', { name: '12月9日(水)の週を表示' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('12月7日(月)');
  expect(b.errors).toEqual([]);
});
