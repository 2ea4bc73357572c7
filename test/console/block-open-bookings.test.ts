import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBooking, listBookings, type Booking } from '../../db/repositories/bookings-repository.js';
import { getUser } from '../../db/repositories/users-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { actionsIn, ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient, type ConsoleReply } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Stopping the bot for someone (自動応答を停止する) cancels nothing they have open. The person page
 * says, before the stop, what becomes of each request, proposal and session, and asks staff to
 * confirm they read it; these tests also hold the code to what the warning says.
 */

/** Tuesday 2026-12-01 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00Z';

let h: Harness;
let c: ConsoleClient;
/** A request awaiting staff. */
let waiting: { u: ChatDriver; booking: Booking };
/** A request with a time the office proposed, awaiting the person's answer. */
let proposed: { u: ChatDriver; booking: Booking };
/** A session confirmed for Thursday. */
let session: { u: ChatDriver; booking: Booking };
let seq = 0;

async function requestInChat(name: string): Promise<{ u: ChatDriver; booking: Booking }> {
  seq += 1;
  const u = new ChatDriver(h, `U${String(seq).padStart(32, '0')}`);
  await bookByButtons(u, 'TeleOffice', name);
  const [booking] = await listBookings(h.app.db, { lineUserId: u.userId });
  return { u, booking: booking! };
}

const seenOf = (page: ConsoleReply): string => /name="updated_at" value="([^"]+)"/.exec(page.html)![1]!;
const personPage = (u: ChatDriver) => `/staff/people/${u.userId}`;
/** The block form's confirmation box: its value, the open bookings the page warned about. */
const ackOf = (page: ConsoleReply): string | null => /name="open_ack" value="([^"]*)"/.exec(page.html)?.[1] ?? null;

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  c = consoleClient(h);
  await c.signIn('yamada');
  waiting = await requestInChat('待合 一子');
  proposed = await requestInChat('提案 二郎');
  const p = await c.get(`/staff/bookings/${proposed.booking.id}`);
  expect(
    (
      await c.post(`/staff/bookings/${proposed.booking.id}/propose`, {
        updated_at: seenOf(p),
        date: '2026-12-08',
        time: '13:30',
      })
    ).status,
  ).toBe(303);
  session = await requestInChat('確定 三子');
  const s = await c.get(`/staff/bookings/${session.booking.id}`);
  expect(
    (await c.post(`/staff/bookings/${session.booking.id}/confirm`, { updated_at: seenOf(s), choice: '1' })).status,
  ).toBe(303);
  await h.settle();
});
afterAll(async () => h?.close());

describe('自動応答を停止する while something is still open', () => {
  it('says on the person page what becomes of a request awaiting staff, and asks to confirm it was read', async () => {
    const page = await c.get(personPage(waiting.u));
    const r = receiptNumber(waiting.booking.id);
    expect(page.html).toContain('自動応答を停止しても、これらは取り消されません。');
    expect(page.html).toContain(`受付番号 ${r}`);
    expect(page.html).toContain('職員の回答待ちの申込み（第1希望 12月3日(木) 10:00）');
    expect(page.html).toContain('第1希望の枠は押さえたままです。');
    expect(page.html).toContain(
      '回答期限を過ぎると、いつもどおり職員グループに催促が届き、ご本人にも申込みは有効だと届きます。',
    );
    expect(page.html).toContain('ご本人はLINEで変更・キャンセル・提案への回答ができなくなります');
    expect(page.html).toContain('職員が確定・提案・キャンセルすると、そのお知らせはLINEでご本人に届きます');
    expect(ackOf(page)).toBe(waiting.booking.id);
    expect(page.html).toContain('上の予約・申込みがどうなるかを確認しました');
  });

  it('says what becomes of a proposal awaiting the person and of a confirmed session', async () => {
    const p = await c.get(personPage(proposed.u));
    expect(p.html).toContain(`受付番号 ${receiptNumber(proposed.booking.id)}`);
    expect(p.html).toContain('職員が提案した日時（12月8日(火) 13:30）へのご本人の回答待ち');
    expect(p.html).toContain(
      'ご本人はLINEで回答できません。回答のないまま希望の日時と提案した日時がすべて過ぎると、未回答で終了し、ご本人に知らせます。',
    );
    const s = await c.get(personPage(session.u));
    expect(s.html).toContain(`受付番号 ${receiptNumber(session.booking.id)}`);
    expect(s.html).toContain('確定済みの相談（12月3日(木) 11:00）');
    expect(s.html).toContain('そのまま残り、前日と当日のお知らせもご本人に届きます。');
    expect(ackOf(s)).toBe(session.booking.id);
  });

  it('shows no warning and asks no confirmation for a person with nothing open', async () => {
    const quiet = new ChatDriver(h, 'U0000000000000000000000000quiet01');
    await quiet.say('こんにちは');
    const page = await c.get(personPage(quiet));
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('これらは取り消されません');
    expect(ackOf(page)).toBeNull();
  });

  it('refuses a stop sent without the confirmation (400), or after something opened since the page (409)', async () => {
    const page = await c.get(personPage(waiting.u));
    const none = await c.post(`${personPage(waiting.u)}/block`, { reason: '威圧的な発言' });
    expect(none.status).toBe(400);
    expect(none.html).toMatch(/id="reason-error"[^>]*>停止する前に、上の予約・申込みがどうなるかを確かめ/);
    expect(none.html).toContain('威圧的な発言');
    // The box ticked on a page that did not know of this request (another one, say).
    const stale = await c.post(`${personPage(waiting.u)}/block`, {
      reason: '威圧的な発言',
      open_ack: proposed.booking.id,
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toMatch(/id="reason-error"[^>]*>画面を開いたあとに、この方の予約・申込みが変わりました/);
    expect((await getUser(h.app.db, waiting.u.userId))!.blockedAt).toBeNull();
    expect(ackOf(page)).toBe(waiting.booking.id);
  });

  it('leaves everything as the warning says once the bot is stopped', async () => {
    for (const { u, booking } of [waiting, proposed, session]) {
      const page = await c.get(personPage(u));
      const done = await c.post(`${personPage(u)}/block`, { reason: '', open_ack: ackOf(page)! });
      expect([booking.id, done.status]).toEqual([booking.id, 303]);
    }
    await h.settle();

    // The request stays open and holds its place; staff can still answer it, and the person hears of it.
    expect((await getBooking(h.app.db, waiting.booking.id))!.status).toBe('requested');
    // A proposal cannot be answered in LINE: the tap is met with the phone notice, and nothing changes.
    const accept = h.platform
      .delivered()
      .filter((d) => d.to === proposed.u.userId)
      .flatMap((d) => actionsIn(d.message))
      .find((a) => a.label === 'この日時で受ける');
    expect(accept?.type).toBe('postback');
    await proposed.u.tapData((accept as { data: string }).data);
    expect(proposed.u.lastText()).toContain('このアカウントでのご案内は停止しています');
    expect((await getBooking(h.app.db, proposed.booking.id))!).toMatchObject({
      status: 'requested',
      proposedStart: expect.any(String),
    });

    // The confirmed session stays, and the day-before reminder (Wednesday 12:00) reaches the person.
    h.clock.set(new Date('2026-12-02T03:00:00Z'));
    await h.runJobs();
    await h.settle();
    expect(textsDeliveredTo(h, session.u.userId).at(-1)).toContain('明日');
    expect((await getBooking(h.app.db, session.booking.id))!.status).toBe('confirmed');

    // At the reply deadline (Wednesday 17:15) staff are reminded and the person told it still stands.
    h.clock.set(new Date('2026-12-02T08:16:00Z'));
    await h.runJobs();
    await h.settle();
    expect(textsDeliveredTo(h, waiting.u.userId).at(-1)).toContain('お申し込みはそのまま有効');

    // Staff still answer the request from the booking page, and the person receives it in LINE.
    await c.signIn('yamada'); // the clock moved past the sign-in's idle limit
    const b = await c.get(`/staff/bookings/${waiting.booking.id}`);
    const confirm = await c.post(`/staff/bookings/${waiting.booking.id}/confirm`, {
      updated_at: seenOf(b),
      choice: '1',
    });
    expect(confirm.status).toBe(303);
    await h.settle();
    expect(textsDeliveredTo(h, waiting.u.userId).at(-1)).toContain('確定しました');
  });
});
