import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingView } from '../../src/bookings/booking-view.js';
import type { LineMessage } from '../../src/line/message-types.js';
import { activeBookingMessages, reviewCard } from '../../src/messages/booking-cards.js';
import { confirmationCard, reminderMessages } from '../../src/messages/lifecycle-messages.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { startDemoHarness, type DemoHarness } from './demo-harness.js';

/** The few DOM members the in-page check uses; the project's tsconfig has no DOM library. */
interface PageNode {
  textContent: string | null;
  firstChild: PageNode | null;
  closest(selector: string): PageNode | null;
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
  getClientRects(): ArrayLike<{ top: number; width: number }>;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<PageNode>;
  createRange(): PageRange;
};

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output');
const PERSON = 'U00000000000000000000000000de0003';

const at = { date: '2026-12-03', minutes: 600 };
const booking: BookingView = {
  id: '5bf44d0a-681c-4a7e-9d7e-3f0c2b1a9e11',
  status: 'confirmed',
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako.aomori@example.jp',
  phone: '090-1234-5678',
  interpreter: false,
  choices: [at, { date: '2026-12-04', minutes: 630 }],
  confirmed: at,
  meeting: { meetingId: '123 4567 8901', passcode: 'abc123', joinUrl: 'https://us02web.zoom.us/j/12345678901?pwd=x' },
  replyDue: '2026-12-02T08:15:00.000Z',
};
const s = defaultOfficeSettings;

/** The cards a person reads that carry label-and-value rows, as the product builds them. */
const CARDS: LineMessage[] = [
  reviewCard({ ...booking, status: undefined, id: undefined }, s, []),
  ...confirmationCard(booking, at, booking.meeting!, s, 'https://booking.example/calendar/x.ics'),
  ...activeBookingMessages([booking], s, true),
  ...reminderMessages('morning', at, booking, s),
].filter((m) => m.type === 'flex');

let h: DemoHarness;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`);
  h = await startDemoHarness();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
  });
  const res = await fetch(`${h.demo.platform.url}/v2/bot/message/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${h.demo.config.line.channelAccessToken}` },
    // LINE takes five messages a push: the cards go in two.
    body: JSON.stringify({ to: PERSON, messages: CARDS.slice(0, 5) }),
  });
  expect(res.status).toBe(200);
  if (CARDS.length > 5) {
    const more = await fetch(`${h.demo.platform.url}/v2/bot/message/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.demo.config.line.channelAccessToken}` },
      body: JSON.stringify({ to: PERSON, messages: CARDS.slice(5) }),
    });
    expect(more.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/**
 * Words of the cards' labels and values that a line break cuts in two: a label (ミーティングID),
 * or a run of characters without spaces in a value (an ID's groups, a time, a number). The Zoom
 * meeting ID is checked whole, spaces and all. Labels and values are the cards' short texts (the
 * rules and notes are sentences, which Japanese breaks between any characters); a run longer
 * than a line of the narrowest card (a long e-mail address) cannot stay whole and is not checked.
 */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const lines = (node: PageNode, from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const rects = [...Array.from(range.getClientRects())].filter((r) => r.width > 0);
      return new Set(rects.map((r) => Math.round(r.top))).size;
    };
    for (const p of document.querySelectorAll('#user-phone .flex-body .flex-text')) {
      const node = p.firstChild;
      const text = p.textContent ?? '';
      if (!node || text === '' || text.length > 30) continue;
      const words = /^\d{3} \d{3,4} \d{4}$/.test(text)
        ? [{ word: text, index: 0 }]
        : [...text.matchAll(/\S{1,20}(?!\S)/g)]
            .filter((m) => m.index === 0 || /\s/.test(text[m.index - 1]!))
            .map((m) => ({ word: m[0], index: m.index }));
      for (const { word, index } of words) if (lines(node, index, index + word.length) > 1) broken.push(word);
    }
    return broken;
  });
}

describe('cards on a phone-sized screen', () => {
  it.each([
    [390, 844],
    [320, 640],
  ])(
    'at %i px wide, no label or word of a card row is broken across lines',
    async (width, height) => {
      const page = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      try {
        await page.goto(h.demo.simulatorUrl);
        await page.locator('body[data-ready="true"]').waitFor();
        await page.getByRole('button', { name: '八戸 さくら', exact: true }).click();
        const chat = page.locator('#user-phone .chat__list');
        await expect.poll(() => chat.locator('.flex-bubble').count(), { timeout: 20_000 }).toBe(CARDS.length);
        // Labels that must show whole, and the meeting ID.
        const text = await chat.innerText();
        for (const label of ['ミーティングID', 'パスコード', '受付番号', '123 4567 8901'])
          expect(text).toContain(label);
        // A tall screen of the same width shows every card at once, for a person to look at.
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.setViewportSize({ width, height: 3400 });
        const box = (await page.locator('#user-phone').boundingBox())!;
        // In parts of 800 px, each readable at full size.
        for (let top = 0, part = 1; top < box.height - 100; top += 800, part += 1)
          await page.screenshot({
            path: path.join(SCREENSHOT_DIR, `demo-cards-${width}px-${part}.png`),
            clip: {
              x: box.x,
              y: box.y + top,
              width: box.width,
              height: Math.min(800, Math.floor(box.height - top) - 1),
            },
          });
        await page.setViewportSize({ width, height });
        expect(await brokenWords(page)).toEqual([]);
        // Nothing wider than the screen: no sideways scrolling.
        expect(
          await page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
                .documentElement.scrollWidth,
          ),
        ).toBeLessThanOrEqual(width);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
