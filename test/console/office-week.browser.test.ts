/**
 * A counsellor's week in the console, end to end in a real Chromium, against the real server with
 * a real SQLite file and the fake LINE platform: a request made in LINE is confirmed, a closure day
 * is entered and the chat refuses it, attendance is marked on the day, the month's CSV matches,
 * and the counsellor signs out. The screenshots saved here are the ones the README shows.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBookings } from '../../db/repositories/bookings-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  // Tuesday 1 December 2026, 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('runs a week: confirm a LINE request, close a day, mark attendance, hand in the figures, sign out', async () => {
  const { page } = b;
  const person = new ChatDriver(h, 'U5000000000000000000000000000001');
  await bookByButtons(person, 'Zoom', '青森 花子');
  const [request] = await listBookings(h.app.db, { lineUserId: person.userId });
  const ref = receiptNumber(request!.id);

  // Monday-morning routine: sign in, 受付 shows the request made in LINE a moment ago.
  await b.signIn('yamada');
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '受付' }).click();
  await page.getByRole('link', { name: `受付番号 ${ref}` }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(ref);
  await b.screenshot('week-booking');

  // Confirm the first choice with the Zoom meeting, through the form.
  await page.getByLabel(/^第1希望/).check();
  await page.getByLabel('ミーティングID').first().fill('123 4567 8901');
  await page.getByLabel('パスコード').first().fill('aomori1');
  await page.getByRole('button', { name: '確定してご本人に知らせる' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('確定しました');
  await h.settle();
  const told = textsDeliveredTo(h, person.userId).join('\n');
  expect(told).toContain('12月3日(木) 10:00');
  expect(told).toContain('123 4567 8901');
  const note = textsDeliveredTo(h, STAFF_GROUP).join('\n');
  expect(note).toContain('（操作: 山田 太郎・管理画面）');

  // A closure day entered in the calendar is refused in the chat at once.
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '予約カレンダー' }).click();
  await page.getByLabel('閉庁日にする日').fill('2026-12-10');
  await page.getByLabel('メモ（任意）').fill('庁舎点検');
  await page.getByRole('button', { name: '閉庁日を追加' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('12月10日(木)を閉庁日にしました');
  const other = new ChatDriver(h, 'U5000000000000000000000000000002');
  await other.say('予約する');
  if (other.lastText().includes('利用規約')) await other.tap('同意する');
  for (const label of ['登録しています', '長期療養中', 'はい、持っています', 'はい、希望します', 'すべて確認しました'])
    await other.tap(label);
  await other.tap('一般の職業相談');
  await other.tap('Zoom');
  await other.say('弘前 太郎');
  await other.say('02010-87654321');
  await other.say('12/10 10:00');
  expect(other.lastText()).toContain('12月10日(木)は閉庁日');

  // Thursday 10:05, the session has begun: 本日の相談 lists it, and attendance is marked there.
  h.clock.set(new Date('2026-12-03T01:05:00Z'));
  await page.goto('/staff/today');
  if (new URL(page.url()).pathname === '/staff/login') await b.signIn('yamada');
  await page.goto('/staff/today');
  const row = page.getByRole('row', { name: /青森 花子/ });
  expect(await row.textContent()).toContain('123 4567 8901');
  await b.screenshot('week-today');
  await row.getByRole('button', { name: '出席', exact: true }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('青森 花子さんの出席を記録しました');

  // The month's figures, as the office hands them in: the CSV counts this one session.
  await page.goto('/staff/figures?month=2026-12');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /CSVをダウンロード/ }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const rowOf = (label: string) => csv.split('\r\n').find((line) => line.startsWith(`${label},`));
  // Columns: 合計, 一般, マザーズコーナー, Zoom, TeleOffice.
  expect(rowOf('申込み')).toBe('申込み,1,1,0,1,0');
  expect(rowOf('確定')).toBe('確定,1,1,0,1,0');
  expect(rowOf('参加')).toBe('参加,1,1,0,1,0');
  expect(csv).not.toContain('青森');

  // Sign out: the console is closed behind the counsellor.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('ログアウトしました');
  await page.goto('/staff/requests');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/staff/login');
  expect(b.errors).toEqual([]);
});
