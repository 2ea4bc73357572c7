import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoHarness, type DemoHarness } from './demo-harness.js';

/** The few DOM members the in-page checks use; the project's tsconfig has no DOM library. */
interface PageElement {
  outerHTML: string;
  textContent: string | null;
  tabIndex: number;
  labels?: ArrayLike<unknown> | null;
  getAttribute(name: string): string | null;
  checkVisibility(): boolean;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<PageElement>;
  activeElement: PageElement | null;
};
declare function getComputedStyle(element: PageElement): { outlineStyle: string };

/** Debian's Chromium; `npx playwright install` cannot download browsers here. .ci/run installs it. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output');

let h: DemoHarness;
let browser: Browser;
let page: Page;
/** Script errors and console errors (e.g. a Content-Security-Policy violation) seen by the page. */
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the chat simulator's browser test needs it. Install it with "apt-get install -y chromium fonts-noto-cjk" (as .ci/run does).`,
    );
  }
  h = await startDemoHarness();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // A browser in another zone: the page must still show Japan time.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    locale: 'ja-JP',
    timezoneId: 'America/New_York',
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const userPhone = () => page.locator('#user-phone');
const staffPhone = () => page.locator('#staff-phone');
const botMessages = (phone: Locator) => phone.locator('li.msg--bot');

/** Does something in a chat and waits for the bot to answer it. */
async function expectAnswer(phone: Locator, act: () => Promise<void>): Promise<void> {
  const before = await botMessages(phone).count();
  await act();
  await expect.poll(() => botMessages(phone).count(), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** Taps a button of the bot's latest card (Flex or template) in the user's chat. */
const tapCard = (label: string) =>
  expectAnswer(userPhone(), () =>
    userPhone().locator('.chat__list').getByRole('button', { name: label, exact: true }).last().click(),
  );
/** Types a line and presses Enter, as on a phone keyboard. */
const type = (text: string) =>
  expectAnswer(userPhone(), async () => {
    const input = userPhone().getByLabel('メッセージ（利用者として送信）');
    await input.fill(text);
    await input.press('Enter');
  });

const userChatText = () => userPhone().locator('.chat__list').innerText();

describe('the chat simulator in a real browser', () => {
  it('books a consultation by tapping and typing, staff confirm it in their group, and the user sees the confirmation', async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.goto(h.demo.simulatorUrl);
    await page.locator('body[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator('#clock-now').innerText()).toContain('2026/12/01');
    // No TERMS_URL in the demo: the page says the terms link is only the default address.
    const placeholder = page.locator('#terms-placeholder');
    expect(await placeholder.isVisible()).toBe(true);
    expect(await placeholder.innerText()).toContain('https://jsite.mhlw.go.jp/aomori-roudoukyoku/');

    await expectAnswer(userPhone(), () => userPhone().getByRole('button', { name: '友だち追加' }).click());
    // An answer of several messages may still be arriving when its first one shows.
    await expect.poll(userChatText).toContain('利用規約');
    await tapCard('同意する');
    // A question's choices are its card's buttons only: no quick-reply chips repeat them.
    expect(await userPhone().locator('.quick-replies').isHidden()).toBe(true);
    await tapCard('登録しています');
    await tapCard('長期療養中');
    await tapCard('はい、持っています');
    await tapCard('はい、希望します');
    await tapCard('すべて確認しました');
    await tapCard('一般の職業相談');
    await tapCard('TeleOffice');
    await type('青森 花子');
    await type('０２０１０－１２３４５６７８');
    await tapCard('12月3日(木)');
    await tapCard('10:00〜10:40');

    // The second choice through LINE's date picker, a dialog honouring the action's min and max.
    await userPhone()
      .locator('.chat__list')
      .getByRole('button', { name: 'カレンダーから選ぶ', exact: true })
      .last()
      .click();
    const picker = page.getByRole('dialog');
    const dateInput = picker.getByLabel('日付');
    expect(await dateInput.getAttribute('min')).toBe('2026-12-03');
    await dateInput.fill('2026-12-04');
    await expectAnswer(userPhone(), () => picker.getByRole('button', { name: '決定' }).click());
    await tapCard('10:30〜11:10');

    await type('hanako@example.jp');
    // A typed question is a card too, with the way back one question below its words.
    await expect.poll(userChatText).toContain('電話番号を入力してください');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-simulator-back-button.png') });
    await tapCard('ひとつ前に戻る');
    await expect.poll(userChatText).toContain('ひとつ前の質問に戻ります');
    await type('hanako@example.jp');
    await type('090-1234-5678');
    await tapCard('同席しません');
    await expect.poll(userChatText).toContain('お申し込み内容をご確認ください');
    await tapCard('この内容で申し込む');
    await expect.poll(userChatText).toContain('受け付けました');
    // The person's own taps appear as their green bubbles, as in LINE (postback displayText).
    expect(await userPhone().locator('li.msg--mine').filter({ hasText: 'この内容で申し込む' }).count()).toBe(1);

    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-simulator-submitted.png') });

    // The rich menu starts folded (selected: false, so the talk stays readable); its chat bar opens
    // it, and it sends its text like typing it would.
    const chatBar = userPhone().getByRole('button', { name: /メニュー/ });
    expect(await chatBar.getAttribute('aria-expanded')).toBe('false');
    await chatBar.click();
    expect(await chatBar.getAttribute('aria-expanded')).toBe('true');
    await expectAnswer(userPhone(), () => userPhone().getByRole('button', { name: 'ヘルプ', exact: true }).click());
    expect(await userPhone().locator('li.msg--mine').last().innerText()).toContain('ヘルプ');

    // The staff group, beside the user's chat on a wide screen: the request card arrived there.
    const staffChat = staffPhone().locator('.chat__list');
    await expect.poll(() => staffChat.innerText()).toContain('新しいオンライン相談の申込み');
    expect(await staffChat.innerText()).toContain('青森 様');

    // Confirming as staff (a group postback from a staff member) reaches the user's chat.
    await expectAnswer(userPhone(), () =>
      staffChat.getByRole('button', { name: '第1希望で確定', exact: true }).last().click(),
    );
    await expect.poll(userChatText).toContain('オンライン相談の日時が確定しました');
    await expect.poll(userChatText).toContain('12月3日(木)\n10:00');

    // Fold the rich menu away again (its chat bar toggles it, as in LINE) so the screenshot shows the talk.
    await chatBar.click();
    expect(await chatBar.getAttribute('aria-expanded')).toBe('false');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-simulator.png') });
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('labels every control and keeps them reachable with the keyboard', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .filter((el) => {
          if (!el.checkVisibility()) return false;
          const labelled = el.getAttribute('aria-label') || el.labels?.length || (el.textContent ?? '').trim();
          return !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    const notFocusable = await page.evaluate(
      () => [...document.querySelectorAll('button:not([disabled])')].filter((b) => b.tabIndex < 0).length,
    );
    expect(notFocusable).toBe(0);
    // Focus is visible: the focused element gets an outline.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('switches between simulated users, each with a chat of their own', async () => {
    await page.getByRole('button', { name: '利用者を追加' }).click();
    const added = page.getByRole('button', { name: '利用者4', exact: true });
    await expect.poll(() => added.getAttribute('aria-pressed')).toBe('true');
    // The new user's (empty) history replaces the previous chat once it has loaded.
    await expect.poll(userChatText).toBe('');
    expect(await userPhone().getByRole('button', { name: '友だち追加' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '青森 花子', exact: true }).click();
    await expect.poll(userChatText).toContain('オンライン相談の日時が確定しました');
  });

  it('renders what LINE can show: links and line breaks, templates, carousels and a date-time picker', async () => {
    const sakura = 'U00000000000000000000000000de0003';
    await page.getByRole('button', { name: '八戸 さくら', exact: true }).click();
    const messages = [
      { type: 'text', text: '詳しくは https://example.com/info をご覧ください。\n2行目です。' },
      {
        type: 'template',
        altText: '確認',
        template: {
          type: 'confirm',
          text: 'よろしいですか？',
          actions: [
            { type: 'message', label: 'はい', text: 'はい' },
            { type: 'message', label: 'いいえ', text: 'いいえ' },
          ],
        },
      },
      {
        type: 'template',
        altText: '日時',
        template: {
          type: 'buttons',
          title: '日時の指定',
          text: 'ご希望の日時を選んでください',
          actions: [
            {
              type: 'datetimepicker',
              label: '日時を選ぶ',
              data: 'pick',
              mode: 'datetime',
              initial: '2026-12-03t10:00',
              min: '2026-12-03t00:00',
              max: '2026-12-31t23:59',
            },
          ],
        },
      },
      {
        type: 'flex',
        altText: 'カルーセル',
        contents: {
          type: 'carousel',
          contents: ['一枚目', '二枚目'].map((t) => ({
            type: 'bubble',
            size: 'kilo',
            body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: t }, { type: 'separator' }] },
          })),
        },
      },
    ];
    const res = await fetch(`${h.demo.platform.url}/v2/bot/message/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.demo.config.line.channelAccessToken}` },
      body: JSON.stringify({ to: sakura, messages }),
    });
    expect(res.status).toBe(200);

    const chat = userPhone().locator('.chat__list');
    await expect.poll(() => chat.locator('.flex-bubble').count()).toBe(2);
    expect(await chat.getByRole('link', { name: 'https://example.com/info' }).getAttribute('href')).toBe(
      'https://example.com/info',
    );
    expect(await chat.locator('.bubble').first().innerText()).toContain('ください。\n2行目です。');
    expect(await chat.locator('.flex-separator').count()).toBe(2);

    await chat.getByRole('button', { name: '日時を選ぶ' }).click();
    const input = page.getByRole('dialog').getByLabel('日時');
    expect(await input.getAttribute('type')).toBe('datetime-local');
    expect(await input.inputValue()).toBe('2026-12-03T10:00');
    expect(await input.getAttribute('max')).toBe('2026-12-31T23:59');
    await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-simulator-message-types.png') });

    await expectAnswer(userPhone(), () => chat.getByRole('button', { name: 'はい', exact: true }).click());
    expect(await userPhone().locator('li.msg--mine').first().innerText()).toContain('はい');
  });

  it('shows one chat at a time on a narrow screen, switched by buttons', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      expect(await staffPhone().isVisible()).toBe(false);
      await page.getByRole('button', { name: '職員グループ', exact: true }).click();
      expect(await staffPhone().isVisible()).toBe(true);
      expect(await userPhone().isVisible()).toBe(false);
      await page.getByRole('button', { name: '利用者のトーク', exact: true }).click();
      expect(await userPhone().isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 1000 });
    }
  });

  it('moves the app clock forward from the page', async () => {
    const before = h.demo.clock.now().getTime();
    await page.getByRole('button', { name: '時計を1日進める' }).click();
    await expect.poll(() => h.demo.clock.now().getTime() - before).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    await expect.poll(() => page.locator('#clock-now').innerText()).toContain('2026/12/02');
  });
});
