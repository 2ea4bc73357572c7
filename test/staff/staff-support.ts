/**
 * Helpers for the staff API tests: a harness around the real server, a staff client that calls
 * the API over HTTP, and a person who files a request by tapping through the chat.
 */
import { answerUpToDates } from '../support/booking-flow.js';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { STAFF_API_TOKEN, STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { code?: string; message?: string; field?: string };
}

export interface StaffHarness {
  h: Harness;
  /** Calls the staff API with the staff token (or `token`, or none when null). */
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiAnswer>;
  /** Everything the staff group received, as readable text, in order. */
  staffTexts(): string[];
  /** Everything `userId` received, as readable text, in order. */
  userTexts(userId: string): string[];
  close(): Promise<void>;
}

/** Tuesday 2026-12-01 09:00 in Japan unless told otherwise: the earliest bookable day is Thursday 12-03. */
export async function startStaffHarness(now = '2026-12-01T00:00:00Z'): Promise<StaffHarness> {
  const h = await startHarness({ now });
  const base = () => h.baseUrl;
  const textsTo = (to: string) =>
    h.platform
      .delivered()
      .filter((d) => d.to === to)
      .map((d) => textOf(d.message));
  return {
    h,
    async api(method, path, body, token = STAFF_API_TOKEN) {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base()}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      // What the change queued is sent before the test looks at the fake platform.
      await h.settle();
      return { status: res.status, body: (await res.json()) as ApiAnswer['body'] };
    },
    staffTexts: () => textsTo(STAFF_GROUP),
    userTexts: textsTo,
    async close() {
      await h.close();
    },
  };
}

export interface RequestOptions {
  app?: 'Zoom' | 'TeleOffice';
  /** Button labels of the first and second choice: [date, time]. */
  first?: [string, string];
  second?: [string, string];
}

/** Answers every question up to the first preferred date (a first-time user). */
export async function answerUntilDates(u: ChatDriver, app: 'Zoom' | 'TeleOffice' = 'Zoom'): Promise<void> {
  await u.follow();
  await u.tap('同意する');
  await answerUpToDates(u, app);
  if (!u.lastText().includes('第1希望の日付'))
    throw new Error(`expected the first date question, got: ${u.lastText()}`);
}

/** Picks both choices and files the request. */
export async function chooseAndSubmit(u: ChatDriver, first: [string, string], second: [string, string]): Promise<void> {
  await u.tap(first[0]);
  await u.tap(first[1]);
  await u.tap(second[0]);
  await u.tap(second[1]);
  await u.say('hanako@example.jp');
  await u.say('090-1234-5678');
  await u.tap('同席しません');
  await u.tap('この内容で申し込む');
  if (!u.lastText().includes('受け付けました'))
    throw new Error(`expected the request to be filed, got: ${u.lastText()}`);
}

/**
 * A first-time user files a request through the chat, by default for Thursday 2026-12-03,
 * 10:00 (first choice) and 10:30 (second); returns the person and the booking's id.
 */
export async function requestViaChat(
  s: StaffHarness,
  userId: string,
  options: RequestOptions = {},
): Promise<{ u: ChatDriver; bookingId: string }> {
  const u = new ChatDriver(s.h, userId);
  await answerUntilDates(u, options.app ?? 'Zoom');
  await chooseAndSubmit(
    u,
    options.first ?? ['12月3日(木)', '10:00〜10:40'],
    options.second ?? ['12月3日(木)', '10:30〜11:10'],
  );
  const list = await s.api('GET', `/api/bookings?user=${userId}&status=requested`);
  const bookings = list.body.bookings as { id: string }[];
  if (bookings.length !== 1 || !bookings[0])
    throw new Error(`expected one request of ${userId}, got ${bookings.length}`);
  return { u, bookingId: bookings[0].id };
}
