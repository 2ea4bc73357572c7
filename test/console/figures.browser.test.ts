import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateBooking } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  // November: three attended, one no-show, one cancelled by the person, one Mothers' Corner.
  const days = ['2026-11-05', '2026-11-10', '2026-11-12', '2026-11-17', '2026-11-19'];
  for (const [i, date] of days.entries()) {
    const b = await seedBooking(h.app.db, {
      app: i % 2 === 0 ? 'zoom' : 'teleoffice',
      choices: [
        { date, minutes: 600 },
        { date: '2026-11-26', minutes: 600 },
      ],
      createdAt: '2026-11-02T00:00:00Z',
      patch:
        i < 3
          ? { ...confirmedAt({ date, minutes: 600 }), status: 'attended', ...(i === 2 ? { kind: 'mothers' } : {}) }
          : i === 3
            ? { ...confirmedAt({ date, minutes: 600 }), status: 'no_show', cancelReason: 'no_show' }
            : { status: 'cancelled' },
    });
    if (i === 4) await updateBooking(h.app.db, b.id, { cancelledBy: b.lineUserId }, '2026-11-03T00:00:00Z');
    // Staff confirmed each session 1, 2, 3 and 4 hours after the request.
    else
      await recordStaffAction(h.app.db, {
        subjectId: b.id,
        action: 'confirm',
        staffId: 'console:yamada',
        via: 'console',
        at: new Date(Date.parse('2026-11-02T00:00:00Z') + (i + 1) * 3600_000).toISOString(),
      });
  }
  b = await openConsoleBrowser(h.baseUrl);
  await b.signIn('yamada');
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('shows last month with a chart, and downloads its CSV', async () => {
  const { page } = b;
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '実績' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('2026年11月の実績');
  const requests = page.getByRole('row', { name: /^申込み \d/ });
  expect(await requests.getByRole('cell').allTextContents()).toEqual(['5', '4', '1', '3', '2']);
  await expect
    .poll(() => page.getByRole('img', { name: '2026年11月の件数（一般・マザーズコーナー別）' }).count())
    .toBe(1);
  await b.screenshot('figures');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /CSVをダウンロード/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('オンライン相談実績_2026-11.csv');
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('\r\n参加,3,2,1,2,1\r\n');
  expect(bytes.toString('utf8')).toContain('\r\n申込みから最初の回答まで 中央値（時間）,2.5,2,3,2,3\r\n');

  // Another month by the picker; a month with nothing shows zeros.
  await page.getByLabel('対象月').fill('2026-06');
  await page.getByRole('button', { name: '表示' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('2026年6月の実績');
  expect(
    await page
      .getByRole('row', { name: /^申込み \d/ })
      .getByRole('cell')
      .allTextContents(),
  ).toEqual(['0', '0', '0', '0', '0']);
  expect(b.errors).toEqual([]);
});
