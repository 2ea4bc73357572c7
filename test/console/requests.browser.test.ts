import { afterAll, beforeAll, expect, it } from 'vitest';
import { getBooking, listBookings } from '../../db/repositories/bookings-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  b = await openConsoleBrowser(h.baseUrl);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('opens 受付, opens a request made in LINE, and confirms it through the form', async () => {
  // One request made on Tuesday morning, whose answer is overdue by Wednesday evening, and two more then.
  const late = new ChatDriver(h, 'U4000000000000000000000000000001');
  await bookByButtons(late, 'Zoom', '青森 花子');
  h.clock.advance(34 * 60 * 60_000);
  const others = [
    new ChatDriver(h, 'U4000000000000000000000000000002'),
    new ChatDriver(h, 'U4000000000000000000000000000003'),
  ];
  await bookByButtons(others[0]!, 'TeleOffice', '弘前 太郎');
  await bookByButtons(others[1]!, 'Zoom', '八戸 次郎');
  const [booking] = await listBookings(h.app.db, { lineUserId: late.userId });
  // A colleague already proposed another time to the third person: it waits for their answer.
  const colleague = consoleClient(h);
  await colleague.signIn('sato');
  const [third] = await listBookings(h.app.db, { lineUserId: others[1]!.userId });
  const thirdPage = await colleague.get(`/staff/bookings/${third!.id}`);
  const proposed = await colleague.post(`/staff/bookings/${third!.id}/propose`, {
    updated_at: /name="updated_at" value="([^"]+)"/.exec(thirdPage.html)![1]!,
    date: '2026-12-09',
    time: '14:00',
    meeting_id: '555 666 7777',
    passcode: 'zz9',
  });
  expect(proposed.status).toBe(303);

  const { page } = b;
  await b.signIn('yamada');
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '受付' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/staff/requests');
  const firstRow = page.locator('table.requests tbody tr').first();
  expect(await firstRow.textContent()).toContain('期限超過');
  expect(await firstRow.textContent()).toContain('青森 花子');
  const awaitingPerson = page.getByRole('table', { name: 'ご本人の回答待ちの提案（回答期限の早い順）' });
  expect(await awaitingPerson.textContent()).toContain('12月9日(水) 14:00');
  await b.screenshot('requests');

  await firstRow.getByRole('link', { name: `受付番号 ${receiptNumber(booking!.id)}` }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/staff/bookings/${booking!.id}`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(receiptNumber(booking!.id));
  await b.screenshot('booking');

  // By keyboard: the first choice is selected already (it is free); type the meeting and submit.
  await page.getByLabel(/^第1希望/).check();
  await page.getByLabel('ミーティングID').first().focus();
  await page.keyboard.type('123 4567 8901');
  await page.keyboard.press('Tab');
  await page.keyboard.type('abc123');
  await page.getByRole('button', { name: '確定してご本人に知らせる' }).click();
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toContain('確定しました。ご本人にLINEでお知らせしました。');
  await b.screenshot('booking-confirmed');

  await h.settle();
  const toPerson = textsDeliveredTo(h, late.userId).join('\n');
  expect(toPerson).toContain('日時が確定しました');
  expect(toPerson).toContain('123 4567 8901');
  expect((await getBooking(h.app.db, booking!.id))?.confirmedBy).toBe('console:yamada');
  expect(b.errors).toEqual([]);
});
