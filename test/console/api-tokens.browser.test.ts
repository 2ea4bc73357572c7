import { afterAll, beforeAll, expect, it } from 'vitest';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'kanri', 'admin', '管理 花子');
  b = await openConsoleBrowser(h.baseUrl);
  await b.signIn('kanri');
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('an admin issues a named API token, sees it once, uses it, and revokes it', async () => {
  const { page } = b;
  await page.goto('/staff/settings');
  await page.getByRole('link', { name: 'APIトークン' }).click();
  await page.getByLabel('名前（ツールや担当者がわかるもの、40文字まで）').fill('勤怠マクロ');
  await page.getByRole('button', { name: '発行する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('トークンを発行しました。');
  const token = (await page.locator('code.api-token').textContent())!;
  expect(token).toMatch(/^hwa_[A-Za-z0-9_-]{43}$/);
  await b.screenshot('api-token-created');

  const api = () => fetch(`${h.baseUrl}/api/bookings`, { headers: { authorization: `Bearer ${token}` } });
  expect((await api()).status).toBe(200);
  await page.goto('/staff/settings/api-tokens');
  expect(await page.content()).not.toContain(token);
  // Cannot be taken back: asked for in two steps.
  await page.locator('summary', { hasText: '無効にする' }).click();
  await page.getByRole('button', { name: '「勤怠マクロ」を無効にする' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('トークンを無効にしました。');
  await expect.poll(() => page.getByRole('cell', { name: /無効化済み/ }).count()).toBe(1);
  await b.screenshot('api-tokens');
  expect((await api()).status).toBe(401);
  expect(b.errors).toEqual([]);
});
