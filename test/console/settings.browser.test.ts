import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffAccountByLogin } from '../../db/repositories/staff-accounts-repository.js';
import { addStaff, consoleClient } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-07T00:30:00Z' });
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  await addStaff(h, 'takahashi', 'staff', '高橋 美咲');
  // A morning's worth of lines for the audit log: sign-ins, a mistyped password, an unknown id.
  await consoleClient(h).signIn('sato');
  h.clock.advance(7 * 60_000);
  await consoleClient(h).post('/staff/login', { login_id: 'takahashi', password: 'mistyped password' });
  h.clock.advance(60_000);
  await consoleClient(h).signIn('takahashi');
  h.clock.advance(12 * 60_000);
  await consoleClient(h).post('/staff/login', { login_id: 'tanaka', password: 'whatever password' });
  h.clock.advance(10 * 60_000);
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('as admin: adds an account through the form, sees it in the list, and reads the audit log', async () => {
  const { page } = b;
  await b.signIn('yamada');
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '設定' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('設定');
  await b.screenshot('settings');

  await page.getByRole('link', { name: '職員アカウント' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/staff/settings/accounts');
  // A short password first: refused next to the field, what was typed kept.
  await page.getByLabel('ログインID').fill('kimura');
  await page.getByLabel('氏名').fill('木村 一郎');
  await page.getByLabel('権限').selectOption('staff');
  await page.getByLabel('最初のパスワード', { exact: true }).fill('too short');
  await page.getByLabel('最初のパスワード（確認のためもう一度）').fill('too short');
  await page.getByRole('button', { name: '追加する' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('パスワードは12文字以上にしてください。');
  expect(await page.getByLabel('氏名').inputValue()).toBe('木村 一郎');
  await page.getByLabel('最初のパスワード', { exact: true }).fill('kimura first pass');
  await page.getByLabel('最初のパスワード（確認のためもう一度）').fill('kimura first pass');
  await page.getByRole('button', { name: '追加する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('アカウントを追加しました。');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('アカウント: 木村 一郎');
  expect(await staffAccountByLogin(h.app.db, 'kimura')).toMatchObject({ name: '木村 一郎', role: 'staff' });
  await b.screenshot('account');

  await page.getByRole('link', { name: 'アカウント一覧へ戻る' }).click();
  const row = page.getByRole('row', { name: /kimura/ });
  expect(await row.getByRole('cell').allTextContents()).toEqual(['木村 一郎', '職員', '有効', '変更（木村 一郎）']);
  await b.screenshot('accounts');

  await page.goto('/staff/settings');
  await page.getByRole('link', { name: '操作記録' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('操作記録');
  const first = page.getByRole('row').nth(1);
  expect(await first.getByRole('cell').allTextContents()).toEqual([
    '山田 太郎（yamada）',
    'アカウント追加',
    '木村 一郎（kimura）',
    '氏名: 木村 一郎 / 権限: 職員',
  ]);
  expect(await first.getByRole('rowheader').textContent()).toBe('12月7日(月) 10:00');
  await b.screenshot('audit');
  // Filtering by keyboard: pick the action, submit with Enter.
  await page.getByLabel('操作', { exact: true }).selectOption('login');
  await page.getByLabel('ログインID', { exact: true }).fill('yamada');
  await page.getByLabel('ログインID', { exact: true }).press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('login');
  expect(await page.getByRole('cell', { name: 'アカウント追加' }).count()).toBe(0);
  expect(await page.getByRole('cell', { name: 'ログイン', exact: true }).count()).toBeGreaterThan(0);
  // The only error is the refused short password's 400.
  expect(b.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

it('as admin: registers a terms version through the form and switches immediate sessions on', async () => {
  const { page } = b;
  b.errors.length = 0;
  await page.goto('/staff/settings/terms');
  await page.getByLabel('版の名前').fill('2027-04-01');
  await page.getByLabel('適用開始日').fill('2027-04-01');
  await page.getByLabel('規約のURL').fill('https://aomori-roudoukyoku.jsite.mhlw.go.jp/terms-2027-04.pdf');
  await page.getByLabel('変更点の要約').fill('当日以外のキャンセルを、メールでも受け付けるようにします。');
  // The consent summary comes filled in with the current version's, for staff to edit.
  expect(await page.getByLabel('同意前に示す要約').inputValue()).toContain('1回40分以内');
  await page.getByRole('button', { name: '登録する', exact: true }).click();
  // Shown back once before it is registered: a version cannot be withdrawn.
  await expect.poll(() => page.getByRole('heading', { name: 'この内容で登録しますか' }).count()).toBe(1);
  await b.screenshot('terms-confirm');
  await page.getByRole('button', { name: 'この内容で登録する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('新しい版を登録しました。');
  expect(
    await page
      .getByRole('row', { name: /2027-04-01/ })
      .getByRole('cell')
      .first()
      .textContent(),
  ).toBe('2027年4月1日(木)');
  await b.screenshot('terms');
  await page.goto('/staff/settings/immediate');
  await page.getByRole('button', { name: '受付を開始する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('「今すぐ相談」の受付を開始しました。');
  expect(await page.getByRole('button', { name: '受付を停止する' }).count()).toBe(1);
  await b.screenshot('immediate');
  expect(b.errors).toEqual([]);
});
