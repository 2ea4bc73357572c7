import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  h = await startHarness();
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('signs in through the form by keyboard, shows the menu, and signs out', async () => {
  const { page } = b;
  await page.goto('/staff/today');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/staff/login');
  await b.screenshot('login');
  await page.getByLabel('ログインID').fill('yamada');
  await page.getByLabel('パスワード').fill('wrong password here');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('ログインIDまたはパスワードが違います');
  await page.getByLabel('パスワード').fill('correct horse battery');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/staff/today');
  const nav = page.getByRole('navigation', { name: 'メニュー' });
  expect(await nav.getByRole('link').allTextContents()).toEqual([
    '受付',
    '予約カレンダー',
    '本日の相談',
    '利用者',
    '実績',
    '設定',
  ]);
  expect(await nav.getByRole('link', { name: '本日の相談' }).getAttribute('aria-current')).toBe('page');
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('ログアウトしました');
  // The wrong password's answer is a 401, which Chromium reports; nothing else went wrong.
  expect(b.errors).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
});
