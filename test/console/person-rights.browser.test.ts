import { afterAll, beforeAll, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

const PERSON_ID = 'U0000000000000000000000000rights01';

let h: Harness;
let b: ConsoleBrowser;
let bookingId: string;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  bookingId = (
    await seedBooking(h.app.db, {
      lineUserId: PERSON_ID,
      choices: [{ date: '2026-11-10', minutes: 600 }],
      createdAt: '2026-11-02T01:00:00Z',
      patch: {
        ...confirmedAt({ date: '2026-11-10', minutes: 600 }),
        status: 'attended',
        name: '三沢 陽子',
        jobSeekerNumber: '02010-55556666',
        email: 'yoko@example.jp',
      },
    })
  ).id;
  b = await openConsoleBrowser(h.baseUrl);
  await b.signIn('yamada');
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('shows what is held about a person, then erases it after the confirmation', async () => {
  const { page } = b;
  await page.goto(`/staff/people/${PERSON_ID}`);
  await page.getByRole('link', { name: '保有している情報を表示（開示）' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('保有個人データの開示');
  await expect.poll(() => page.getByRole('region', { name: /受付番号/ }).textContent()).toContain('yoko@example.jp');
  await b.screenshot('person-disclosure');

  await page.getByRole('link', { name: '← 利用者のページに戻る' }).click();
  await page.getByRole('link', { name: '個人情報を消去する（確認画面へ）' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('個人情報の消去');
  // The box is required: the browser itself refuses the form without it.
  await page.getByRole('button', { name: '消去する' }).click();
  expect(page.url()).toContain('/erase');
  expect((await getBooking(h.app.db, bookingId))!.name).toBe('三沢 陽子');
  await page.getByLabel('ご本人から消去の申出があり、ご本人であることを確認しました').check();
  await b.screenshot('person-erase');
  await page.getByRole('button', { name: '消去する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('この方の個人情報を消去しました');
  expect((await getBooking(h.app.db, bookingId))!.name).toBe('');
  await b.screenshot('person-erased');
  expect(b.errors).toEqual([]);
});
