import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STAFF_PASSWORD } from './console.js';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output');

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** Script errors and console errors seen by the page (a CSP violation shows up here). */
  errors: string[];
  /** Signs in through the form, as a person would. */
  signIn(loginId: string, password?: string): Promise<void>;
  /** Saves a full-page screenshot as test-output/console-<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real headless Chromium on a 1024 x 768 tablet-sized window, in another time zone than Japan
 * (pages must show Japan time whatever the browser's zone).
 */
export async function openConsoleBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the console's browser tests need it. Install it with "apt-get install -y chromium fonts-noto-cjk" (as .ci/run does).`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
  });
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'America/New_York',
    baseURL: baseUrl,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    page,
    errors,
    async signIn(loginId, password = STAFF_PASSWORD) {
      await page.goto('/staff/login');
      await page.getByLabel('ログインID').fill(loginId);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/staff/login'));
    },
    async screenshot(name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `console-${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
    },
  };
}
