import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertImmediateRequest } from '../../db/repositories/immediate-requests-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { confirmedAt, regularChoice, seedBooking } from '../support/booking-seeds.js';
import { addStaff, consoleClient } from '../support/console.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../support/console-browser.js';
import { startHarness, type Harness } from '../support/harness.js';

/** A phone held upright (an iPhone 14's CSS pixels): no console page may scroll sideways on it. */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1024, height: 768 };

// Values as long as the chat accepts (a name of 40 characters, an e-mail's local part of up to
// 64), with long runs of latin letters that offer no place to break.
const LONG_NAME = 'KRISTOFFERSONVANDERWESTHUIZEN ALEXANDRA';
const LONG_EMAIL = 'kristoffersonvanderwesthuizen.alexandra.1987@long-mail-provider.example.co.jp';
const LONG_JA_NAME = '勅使河原 左衛門三郎太郎兵衛之介';
const LONG_NOTE =
  '庁舎の電気設備の法定点検のため終日閉庁します。点検は午前8時から午後6時まで行い、その間は電話もつながりません。急ぎの連絡はメールでお願いします。';
const LONG_REASON =
  '相談の時間に毎回遅れて参加され、職員への威圧的な発言が三度続いたため、所長の判断で当面の間は窓口での対応に限ることにしました。';
const STAFF_NAME = 'MAXIMILIANOGONZALEZRODRIGUEZ HERNANDEZ';
const JOIN_URL = 'https://us02web.zoom.us/j/81234567890?pwd=Q2xhcmFrZW50VmVyeUxvbmdQYXNzd29yZEhhc2hIZXJlMTIz.1';

let h: Harness;
let b: ConsoleBrowser;
let longPerson: string;
let request: string;
let session: string;
let cancelled: string;

beforeAll(async () => {
  // Booked from Tuesday 12/1; the pages are opened on Thursday 12/3 at 10:05 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'admin', STAFF_NAME);
  await addStaff(h, 'kristoffersonvanderwesthuizen', 'staff', 'KRISTOFFERSONVANDERWESTHUIZEN');
  const createdAt = h.clock.now().toISOString();
  const long = { name: LONG_NAME, email: LONG_EMAIL, jobSeekerNumber: '02010-12345678', termsVersion: '2024-06-06' };
  // The long-named person: an attended session in November, a cancelled one, and a request waiting.
  const attended = await seedBooking(h.app.db, {
    choices: [{ date: '2026-11-10', minutes: 600 }],
    createdAt: '2026-11-02T01:00:00Z',
    patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended', ...long },
  });
  longPerson = attended.lineUserId;
  cancelled = (
    await seedBooking(h.app.db, {
      lineUserId: longPerson,
      choices: [{ date: '2026-11-24', minutes: 840 }],
      createdAt: '2026-11-16T01:00:00Z',
      patch: {
        status: 'cancelled',
        cancelReason: LONG_REASON,
        cancelledBy: 'console:yamada',
        cancelledAt: '2026-11-20T01:00:00.000Z',
        ...long,
      },
    })
  ).id;
  await recordStaffAction(h.app.db, {
    subjectId: cancelled,
    action: 'cancel',
    staffId: 'console:yamada',
    via: 'console',
    detail: { reason: LONG_REASON },
    at: '2026-11-20T01:00:00.000Z',
  });
  request = (
    await seedBooking(h.app.db, {
      lineUserId: longPerson,
      app: 'zoom',
      choices: [
        { date: '2026-12-04', minutes: 600 },
        { date: '2026-12-08', minutes: 840 },
      ],
      createdAt,
      patch: long,
    })
  ).id;
  // Today's sessions: a TeleOffice one invited at the long address, a Zoom one with a join link.
  session = (
    await seedBooking(h.app.db, {
      choices: [{ date: '2026-12-03', minutes: 600 }],
      createdAt,
      patch: { ...confirmedAt({ date: '2026-12-03', minutes: 600 }), ...long },
    })
  ).id;
  await seedBooking(h.app.db, {
    app: 'zoom',
    choices: [{ date: '2026-12-03', minutes: 660 }],
    createdAt,
    patch: {
      ...confirmedAt({ date: '2026-12-03', minutes: 660 }, { meetingId: '812 3456 7890', passcode: 'k7Qx2p' }),
      name: LONG_JA_NAME,
      meetingUrl: JOIN_URL,
    },
  });
  // A request the office answered with another time, waiting for the person.
  const proposed = regularChoice('2026-12-09', 840);
  await seedBooking(h.app.db, {
    choices: [{ date: '2026-12-07', minutes: 600 }],
    createdAt,
    patch: {
      name: '弘前 次郎',
      proposedStart: proposed.start,
      proposedEnd: proposed.end,
      proposedBy: 'console:yamada',
    },
  });
  await insertImmediateRequest(h.app.db, {
    id: randomUUID(),
    lineUserId: 'U0000000000000000000000000phone01',
    name: LONG_NAME,
    jobSeekerNumber: '02010-87654321',
    interpreter: true,
    companion: 'interpreter',
    companionLanguage: 'ポルトガル語',
    createdAt: '2026-12-03T00:50:00.000Z',
  });
  h.clock.set(new Date('2026-12-03T10:05:00+09:00'));
  // Changes made through the console, as staff make them: a closure with a long note, a stop with a
  // long reason, an API token with the longest name allowed. They also fill the audit log.
  const admin = consoleClient(h);
  await admin.signIn('yamada');
  await admin.post('/staff/calendar/closures', { date: '2026-12-04', note: LONG_NOTE });
  await admin.post(`/staff/people/${longPerson}/block`, { reason: LONG_REASON });
  await admin.get('/staff/settings/api-tokens');
  await admin.post('/staff/settings/api-tokens', { name: 'hello-work-aomori-reservation-sync-batch' });
  b = await openConsoleBrowser(h.baseUrl);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await h?.close();
});

/** Every console page a signed-in admin opens, with the long values on them. */
function consolePages(): [string, string][] {
  return [
    ['requests', '/staff/requests'],
    ['booking', `/staff/bookings/${request}`],
    ['booking-confirmed', `/staff/bookings/${session}`],
    ['booking-cancelled', `/staff/bookings/${cancelled}`],
    ['today', '/staff/today'],
    ['today-print', '/staff/today/print'],
    ['calendar-week', '/staff/calendar'],
    ['calendar-month', '/staff/calendar/month'],
    ['people', '/staff/people?q=KRISTOFFERSON'],
    ['person', `/staff/people/${longPerson}`],
    ['person-disclosure', `/staff/people/${longPerson}/disclosure`],
    ['person-erase', `/staff/people/${longPerson}/erase`],
    ['figures', '/staff/figures'],
    ['settings', '/staff/settings'],
    ['accounts', '/staff/settings/accounts'],
    ['account', '/staff/settings/accounts/kristoffersonvanderwesthuizen'],
    ['terms', '/staff/settings/terms'],
    ['terms-people', '/staff/settings/terms/2024-06-06/people'],
    ['immediate', '/staff/settings/immediate'],
    ['api-tokens', '/staff/settings/api-tokens'],
    ['audit', '/staff/settings/audit'],
    ['own-password', '/staff/account'],
  ];
}

/**
 * What the open page does at its width: how wide it scrolls; the boxes that scroll sideways now;
 * and every box made to scroll a table (whether or not it needs to at this width).
 */
function layout() {
  return b.page.evaluate(() => {
    const describe = (el: Element) => ({
      tabindex: el.getAttribute('tabindex'),
      role: el.getAttribute('role'),
      label: el.getAttribute('aria-label'),
      holdsTable: el.querySelector('table') !== null,
    });
    const scrollers = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
      const x = getComputedStyle(el).overflowX;
      return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth;
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      // Hiding what overflows would pass the width check by cutting content off.
      clipped: [document.documentElement, document.body].some((el) => getComputedStyle(el).overflowX !== 'visible'),
      scrollers: scrollers.map(describe),
      tableBoxes: [...document.querySelectorAll('.table-scroll')].map(describe),
    };
  });
}

/** A box that scrolls a table must hold one, be a Tab stop, and have a name screen readers say. */
const wellMade = (box: { tabindex: string | null; role: string | null; label: string | null; holdsTable: boolean }) =>
  box.holdsTable && box.tabindex === '0' && box.role === 'region' && !!box.label;

it('fits every console page into a phone held upright, wide tables scrolling inside named regions', async () => {
  const { page } = b;
  await page.setViewportSize(PHONE);
  await page.goto('/staff/login');
  const overflowing: string[] = [];
  if ((await layout()).scrollWidth > PHONE.width) overflowing.push('login');
  await b.screenshot('phone-login');
  await b.signIn('yamada');
  const unnamed: string[] = [];
  for (const [name, path] of consolePages()) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const seen = await layout();
    expect(seen.clipped, path).toBe(false);
    if (seen.scrollWidth > PHONE.width) overflowing.push(`${name} (${seen.scrollWidth}px)`);
    // Only a table may scroll sideways, in a box keyboard users can reach and screen readers name.
    for (const s of [...seen.scrollers, ...seen.tableBoxes]) {
      if (!wellMade(s)) unnamed.push(`${name}: ${JSON.stringify(s)}`);
    }
    await b.screenshot(`phone-${name}`);
    if (seen.scrollers.length > 0) {
      // And with each table scrolled to its end, to see the columns a phone shows only after scrolling.
      await page.evaluate(() =>
        document.querySelectorAll('.table-scroll').forEach((el) => el.scrollTo(el.scrollWidth, 0)),
      );
      await b.screenshot(`phone-${name}-scrolled`);
    }
  }
  expect({ overflowing, unnamed }).toEqual({ overflowing: [], unnamed: [] });
  expect(b.errors).toEqual([]);
}, 120_000);

it('lets a keyboard reach and scroll the week on a phone, showing where the focus is', async () => {
  const { page } = b;
  await page.setViewportSize(PHONE);
  await page.goto('/staff/calendar');
  const week = page.getByRole('region', { name: /相談枠/ });
  expect(await week.getAttribute('tabindex')).toBe('0');
  // Tab from the last link before it (the request still held on the closed Friday): the week is next.
  await page.getByRole('note').getByRole('link', { name: LONG_NAME }).focus();
  await page.keyboard.press('Tab');
  expect(await week.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => week.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const outline = await week.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: s.outlineWidth, visible: el.matches(':focus-visible') };
  });
  expect(outline).toEqual({ style: 'solid', width: '3px', visible: true });
  await b.screenshot('phone-calendar-week-focused');
});

it('keeps the office PC layout at 1024 px', async () => {
  const { page } = b;
  await page.setViewportSize(DESKTOP);
  const overflowing: string[] = [];
  for (const [name, path] of consolePages()) {
    await page.goto(path);
    const { scrollWidth, scrollers } = await layout();
    if (scrollWidth > DESKTOP.width) overflowing.push(`${name} (${scrollWidth}px)`);
    // On the office PC every table shows whole, long values and all: none scrolls in its box.
    if (scrollers.length > 0) overflowing.push(`${name}: a table scrolls`);
    if (['requests', 'today', 'calendar-week', 'booking', 'person', 'audit'].includes(name)) {
      await b.screenshot(`desktop-${name}`);
    }
  }
  expect(overflowing).toEqual([]);
}, 60_000);
