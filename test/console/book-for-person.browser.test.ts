import { afterAll, beforeAll, expect, it } from 'vitest';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

const PERSON = 'U0000000000000000000000000browser2';

let h: Harness;
let b: ConsoleBrowser;

beforeAll(async () => {
  // Thursday 2026-12-03 10:05 in Japan: the person is in their 10:00 session.
  h = await startHarness({ now: '2026-12-03T01:05:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  await seedBooking(h.app.db, {
    lineUserId: PERSON,
    app: 'zoom',
    choices: [
      { date: '2026-12-03', minutes: 600 },
      { date: '2026-12-03', minutes: 600 },
    ],
    createdAt: '2026-11-24T01:00:00Z',
    patch: {
      ...confirmedAt({ date: '2026-12-03', minutes: 600 }, { meetingId: '111 222 333', passcode: 'today1' }),
      name: '奥入瀬 渓子',
    },
  });
  b = await openConsoleBrowser(h.baseUrl);
  await b.signIn('yamada');
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('books the next session from the person page; a missing meeting is shown beside its field first', async () => {
  const { page } = b;
  await page.goto(`/staff/people/${PERSON}`);
  const form = page.locator('form[aria-labelledby="book-h"]');
  await expect.poll(() => page.getByRole('heading', { name: '次回の相談を代理で予約' }).count()).toBe(1);
  await form.getByLabel('日付').fill('2026-12-04');
  await form.getByLabel('開始時刻（日本時間）').fill('13:30');
  await form.getByRole('button', { name: '予約してご本人に知らせる' }).click();
  await expect
    .poll(() => page.locator('#book-meeting_id-error').textContent())
    .toContain('ミーティングIDとパスコードが必要です');

  await form.getByLabel('ミーティングID').fill('987 6543 2100');
  await form.getByLabel('パスコード').fill('next42');
  await form.getByRole('button', { name: '予約してご本人に知らせる' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('次回の相談を予約し、確定しました');
  await expect.poll(() => page.getByRole('table').first().textContent()).toContain('12月4日(金)');
  await b.screenshot('book-for-person');
  await h.settle();
  expect(textsDeliveredTo(h, PERSON).join('\n')).toContain('12月4日(金)\n13:30〜14:10');
  // The refused form came back as the page with status 409, which the browser reports; nothing else.
  expect(b.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
});
