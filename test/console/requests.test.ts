import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { getBooking, insertRequest, listBookings, type Booking } from '../../db/repositories/bookings-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { countNoShow, setBlocked, touchUser } from '../../db/repositories/users-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, regularChoice, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient, type ConsoleReply } from '../support/console.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';
import { sampleRequest } from '../support/temp-db.js';

let h: Harness;
let yamada: ConsoleClient;
let sato: ConsoleClient;
let userSeq = 0;

/** A person who books through the LINE webhook by buttons; returns them and their stored request. */
async function personRequests(
  app: 'Zoom' | 'TeleOffice',
  name: string,
  choices?: Parameters<typeof bookByButtons>[3],
): Promise<{ u: ChatDriver; booking: Booking }> {
  userSeq += 1;
  const u = new ChatDriver(h, `U3${String(userSeq).padStart(31, '0')}`);
  await bookByButtons(u, app, name, choices);
  const [booking] = await listBookings(h.app.db, { lineUserId: u.userId });
  return { u, booking: booking! };
}

const seenOf = (page: ConsoleReply): string => {
  const m = /name="updated_at" value="([^"]+)"/.exec(page.html);
  if (!m) throw new Error('no updated_at field on the page');
  return m[1]!;
};

/** The table row that holds this receipt number. */
const rowOf = (html: string, id: string): string => {
  const rows = html
    .split('<tr')
    .filter((r) => r.includes(`>${receiptNumber(id)}</a>`) || r.includes(`</span>${receiptNumber(id)}</a>`));
  if (rows.length !== 1) throw new Error(`expected one row for ${receiptNumber(id)}, found ${rows.length}`);
  return rows[0]!;
};

/** What the staff group last read. */
const lastStaffNote = (): string => textsDeliveredTo(h, STAFF_GROUP).at(-1) ?? '';

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  yamada = consoleClient(h);
  sato = consoleClient(h);
  await yamada.signIn('yamada');
  await sato.signIn('sato');
});
afterAll(async () => h.close());

describe('the booking page and its forms', () => {
  it('confirms the first choice of a Zoom request: the person gets the card, the group note names the staff member', async () => {
    const { u, booking } = await personRequests('Zoom', '八戸 三郎', {
      first: ['12月4日(金)', '10:00〜10:40'],
      second: ['12月4日(金)', '13:30〜14:10'],
    });
    const page = await yamada.get(`/staff/bookings/${booking.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('八戸 三郎');
    expect(page.html).toContain('hanako@example.jp');
    expect(page.html).toContain('<label for="confirm-meeting_id">ミーティングID</label>');
    h.clock.advance(60_000);
    const r = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: '1',
      meeting_id: '123 4567 8901',
      passcode: 'abc123',
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/bookings/${booking.id}?done=confirmed`);
    await h.settle();

    const toPerson = textsDeliveredTo(h, u.userId).join('\n');
    expect(toPerson).toContain('日時が確定しました');
    expect(toPerson).toContain('12月4日(金) 10:00');
    expect(toPerson).toContain('123 4567 8901');
    expect(lastStaffNote()).toMatch(/（操作: 山田 太郎・管理画面）$/);

    const stored = (await getBooking(h.app.db, booking.id))!;
    expect(stored.status).toBe('confirmed');
    expect(stored.confirmedBy).toBe('console:yamada');
    const actions = await staffActionsOf(h.app.db, booking.id);
    expect(actions.map((a) => [a.action, a.staffId, a.via])).toEqual([['confirm', 'console:yamada', 'console']]);
    const confirms = await listAudit(h.app.db, { loginId: 'yamada', action: 'confirm', subject: booking.id });
    expect(confirms).toHaveLength(1);
    const views = await listAudit(h.app.db, { loginId: 'yamada', action: 'view_person', subject: u.userId });
    expect(views.map((v) => v.detail)).toContainEqual({ page: 'booking' });

    const after = await yamada.get(r.location!);
    expect(after.html).toContain('確定しました。ご本人にLINEでお知らせしました。');
    expect(after.html).toContain('山田 太郎（管理画面）');
  });

  it('refuses a stale form with what changed (409) and changes nothing', async () => {
    const { u, booking } = await personRequests('TeleOffice', '十和田 四郎', {
      first: ['12月7日(月)', '10:00〜10:40'],
      second: ['12月7日(月)', '13:30〜14:10'],
    });
    const satoPage = await sato.get(`/staff/bookings/${booking.id}`);
    const yamadaPage = await yamada.get(`/staff/bookings/${booking.id}`);
    h.clock.advance(60_000);
    const confirmed = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(yamadaPage),
      choice: '1',
    });
    expect(confirmed.status).toBe(303);
    await h.settle();
    const toPersonBefore = textsDeliveredTo(h, u.userId).length;
    const before = (await getBooking(h.app.db, booking.id))!;

    h.clock.advance(60_000);
    const stale = await sato.post(`/staff/bookings/${booking.id}/cancel`, {
      updated_at: seenOf(satoPage),
      reason: '担当者の都合',
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('この申込みは、画面を開いたあとに山田 太郎さんが確定しました（12月7日(月) 10:00）。');
    // The page now shows the booking as it is, with its new version in the forms, and the reason
    // typed is still there.
    expect(seenOf(stale)).toBe(before.updatedAt);
    expect(stale.html).toMatch(/<textarea[^>]*name="reason"[^>]*>担当者の都合<\/textarea>/);
    await h.settle();
    expect(await getBooking(h.app.db, booking.id)).toEqual(before);
    expect(textsDeliveredTo(h, u.userId)).toHaveLength(toPersonBefore);
    expect(await listAudit(h.app.db, { loginId: 'sato', action: 'cancel' })).toHaveLength(0);
  });

  it('lets only one of two staff confirming into the last place succeed; the other reads why', async () => {
    // Both requests name 12/8 11:00 as their second choice; neither first choice holds it.
    const a = await personRequests('TeleOffice', '五所川原 一', {
      first: ['12月8日(火)', '10:00〜10:40'],
      second: ['12月8日(火)', '11:00〜11:40'],
    });
    const b = await personRequests('TeleOffice', '五所川原 二', {
      first: ['12月8日(火)', '10:30〜11:10'],
      second: ['12月8日(火)', '11:00〜11:40'],
    });
    const [pageA, pageB] = [
      await yamada.get(`/staff/bookings/${a.booking.id}`),
      await sato.get(`/staff/bookings/${b.booking.id}`),
    ];
    h.clock.advance(60_000);
    const answers = await Promise.all([
      yamada.post(`/staff/bookings/${a.booking.id}/confirm`, { updated_at: seenOf(pageA), choice: '2' }),
      sato.post(`/staff/bookings/${b.booking.id}/confirm`, { updated_at: seenOf(pageB), choice: '2' }),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([303, 409]);
    const refused = answers.find((x) => x.status === 409)!;
    expect(refused.html).toContain('その枠はすでに埋まっています');
    // What fills a slot, said as the calendar counts it: confirmed sessions and waiting first choices.
    expect(refused.html).toContain('確定した相談と、回答待ちの申込みの第1希望で定員に達しています');
    // Beside the choice the staff member picked.
    expect(refused.html).toMatch(/id="confirm-choice-error"[^>]*>その枠はすでに埋まっています/);
    const statuses = [
      (await getBooking(h.app.db, a.booking.id))!.status,
      (await getBooking(h.app.db, b.booking.id))!.status,
    ];
    expect(statuses.sort()).toEqual(['confirmed', 'requested']);
  });

  it('lets only one of two staff confirming the same request at once succeed; the other is told who did', async () => {
    const { u, booking } = await personRequests('TeleOffice', '六戸 九郎', {
      first: ['12月8日(火)', '13:30〜14:10'],
      second: ['12月8日(火)', '14:00〜14:40'],
    });
    const [pageY, pageS] = [
      await yamada.get(`/staff/bookings/${booking.id}`),
      await sato.get(`/staff/bookings/${booking.id}`),
    ];
    h.clock.advance(60_000);
    const answers = await Promise.all([
      yamada.post(`/staff/bookings/${booking.id}/confirm`, { updated_at: seenOf(pageY), choice: '1' }),
      sato.post(`/staff/bookings/${booking.id}/confirm`, { updated_at: seenOf(pageS), choice: '2' }),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([303, 409]);
    const winner = answers[0].status === 303 ? '山田 太郎' : '佐藤 花子';
    const when = answers[0].status === 303 ? '12月8日(火) 13:30' : '12月8日(火) 14:00';
    expect(answers.find((x) => x.status === 409)!.html).toContain(
      `この申込みは、画面を開いたあとに${winner}さんが確定しました（${when}）。`,
    );
    await h.settle();
    expect(textsDeliveredTo(h, u.userId).filter((t) => t.includes('日時が確定しました'))).toHaveLength(1);
    expect(await staffActionsOf(h.app.db, booking.id)).toHaveLength(1);
  });

  it('asks for the Zoom meeting next to its field (400) and changes nothing', async () => {
    const { booking } = await personRequests('Zoom', '三沢 五郎', {
      first: ['12月9日(水)', '10:00〜10:40'],
      second: ['12月9日(水)', '13:30〜14:10'],
    });
    const page = await yamada.get(`/staff/bookings/${booking.id}`);
    const none = await yamada.post(`/staff/bookings/${booking.id}/confirm`, { updated_at: seenOf(page), choice: '1' });
    expect(none.status).toBe(400);
    expect(none.html).toMatch(
      /id="confirm-meeting_id-error"[^>]*>Zoom のミーティングIDとパスコードが必要です（参加用リンクでも構いません）。/,
    );
    expect(none.html).toMatch(/id="confirm-meeting_id"[^>]*aria-invalid="true"/);
    const half = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: '1',
      meeting_id: '987 6543 2100',
    });
    expect(half.status).toBe(400);
    expect(half.html).toMatch(/id="confirm-passcode-error"[^>]*>パスコードも入力してください。/);
    // What was typed is kept.
    expect(half.html).toContain('value="987 6543 2100"');
    const other = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: 'other',
      date: '2026-12-09',
      time: '',
    });
    expect(other.status).toBe(400);
    expect(other.html).toMatch(/id="confirm-time-error"[^>]*>開始時刻を入力してください。/);
    expect((await getBooking(h.app.db, booking.id))!.status).toBe('requested');
  });

  it('confirms another start typed as date and time (Japan time), and refuses a closed day beside the date', async () => {
    const { u, booking } = await personRequests('TeleOffice', '黒石 六郎', {
      first: ['12月10日(木)', '10:00〜10:40'],
      second: ['12月10日(木)', '13:30〜14:10'],
    });
    const page = await yamada.get(`/staff/bookings/${booking.id}`);
    const sunday = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: 'other',
      date: '2026-12-13',
      time: '10:00',
    });
    expect(sunday.status).toBe(409);
    expect(sunday.html).toMatch(/id="confirm-date-error"[^>]*>その日はこの種類の相談を行っていません/);
    const ok = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: 'other',
      date: '2026-12-11',
      time: '14:30',
    });
    expect(ok.status).toBe(303);
    await h.settle();
    expect((await getBooking(h.app.db, booking.id))!.confirmedStart).toBe('2026-12-11T05:30:00.000Z');
    expect(textsDeliveredTo(h, u.userId).join('\n')).toContain('12月11日(金)\n14:30');
  });

  it('cancels with a reason, which the person is told; a missing reason is asked for beside its field', async () => {
    const { u, booking } = await personRequests('TeleOffice', '平川 七子', {
      first: ['12月14日(月)', '10:00〜10:40'],
      second: ['12月14日(月)', '13:30〜14:10'],
    });
    const page = await yamada.get(`/staff/bookings/${booking.id}`);
    const empty = await yamada.post(`/staff/bookings/${booking.id}/cancel`, { updated_at: seenOf(page), reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toMatch(/id="cancel-reason-error"[^>]*>キャンセルの理由を入力してください/);
    const long = await yamada.post(`/staff/bookings/${booking.id}/cancel`, {
      updated_at: seenOf(page),
      reason: 'あ'.repeat(201),
    });
    expect(long.status).toBe(400);
    expect(long.html).toContain('理由は200文字以内で入力してください（今は201文字です）。');
    const r = await yamada.post(`/staff/bookings/${booking.id}/cancel`, {
      updated_at: seenOf(page),
      reason: '担当者が急病のため',
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/bookings/${booking.id}?done=cancelled`);
    await h.settle();
    expect(textsDeliveredTo(h, u.userId).join('\n')).toContain('担当者が急病のため');
    expect(lastStaffNote()).toMatch(/（操作: 山田 太郎・管理画面）$/);
    const stored = (await getBooking(h.app.db, booking.id))!;
    expect(stored).toMatchObject({
      status: 'cancelled',
      cancelReason: '担当者が急病のため',
      cancelledBy: 'console:yamada',
    });
    const after = await yamada.get(r.location!);
    expect(after.html).toContain('キャンセルしました。ご本人にLINEでお知らせしました。');
    expect(after.html).not.toContain('<form method="post" action="/staff/bookings/');
  });

  it('proposes another time with Zoom details; the person gets the proposal and the list shows it awaiting them', async () => {
    const { u, booking } = await personRequests('Zoom', 'つがる 八郎', {
      first: ['12月11日(金)', '10:00〜10:40'],
      second: ['12月11日(金)', '13:30〜14:10'],
    });
    const page = await sato.get(`/staff/bookings/${booking.id}`);
    const noMeeting = await sato.post(`/staff/bookings/${booking.id}/propose`, {
      updated_at: seenOf(page),
      date: '2026-12-16',
      time: '14:00',
    });
    expect(noMeeting.status).toBe(400);
    expect(noMeeting.html).toMatch(
      /id="propose-meeting_id-error"[^>]*>Zoom のミーティングIDとパスコードが必要です（参加用リンクでも構いません）。/,
    );
    const r = await sato.post(`/staff/bookings/${booking.id}/propose`, {
      updated_at: seenOf(page),
      date: '2026-12-16',
      time: '14:00',
      meeting_id: '555 666 7777',
      passcode: 'zz9',
    });
    expect(r.status).toBe(303);
    await h.settle();
    expect(textsDeliveredTo(h, u.userId).join('\n')).toContain('12月16日(水)\n14:00');
    expect(lastStaffNote()).toMatch(/（操作: 佐藤 花子・管理画面）$/);
    const stored = (await getBooking(h.app.db, booking.id))!;
    expect(stored).toMatchObject({
      proposedBy: 'console:sato',
      proposedMeetingId: '555 666 7777',
      status: 'requested',
    });
    const list = await sato.get('/staff/requests');
    const awaitingPerson = list.html.slice(list.html.indexOf('id="awaiting-person"'));
    expect(rowOf(awaitingPerson, booking.id)).toContain('ご本人の回答待ち');
    expect(rowOf(awaitingPerson, booking.id)).toContain('12月16日(水) 14:00');
  });

  it('answers an unknown booking with a 404 page, and shows an erased one as such, without forms', async () => {
    const unknown = await yamada.get('/staff/bookings/no-such-booking');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('申込みが見つかりません');
    const erased = await seedBooking(h.app.db, {
      choices: [
        { date: '2026-11-02', minutes: 600 },
        { date: '2026-11-02', minutes: 660 },
      ],
      createdAt: '2026-10-28T00:00:00.000Z',
      patch: {
        ...confirmedAt({ date: '2026-11-02', minutes: 600 }),
        status: 'attended',
        name: '',
        jobSeekerNumber: '',
        email: '',
        phone: '',
        personalDataErasedAt: '2026-11-30T00:00:00.000Z',
      },
    });
    const page = await yamada.get(`/staff/bookings/${erased.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('削除済み');
    expect(page.html).not.toContain('<form method="post" action="/staff/bookings/');
    expect(await listAudit(h.app.db, { action: 'view_person', subject: erased.lineUserId })).toHaveLength(0);
    // A form posted anyway is refused by the booking functions, and nothing changes.
    const r = await yamada.post(`/staff/bookings/${erased.id}/cancel`, { updated_at: erased.updatedAt, reason: 'x' });
    expect(r.status).toBe(409);
    expect(r.html).toContain('個人情報（氏名・連絡先など）を削除済みのため操作できません');
  });
});

describe('受付: the list of open requests', () => {
  it('lists requests by reply deadline, marks the overdue one in words, shows choices, person and history', async () => {
    // Made Tuesday 09:00: due Wednesday 17:15. The clock then passes that, and a second request is made.
    const early = await personRequests('TeleOffice', '青森 一郎');
    h.clock.advance(34 * 60 * 60_000); // Wednesday 19:00 JST
    await yamada.signIn('yamada'); // the old sign-in timed out meanwhile
    const late = await personRequests('Zoom', '弘前 二郎');
    expect(early.booking.replyDue < late.booking.replyDue).toBe(true);

    const page = await yamada.get('/staff/requests');
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html.indexOf(receiptNumber(early.booking.id))).toBeGreaterThan(0);
    expect(html.indexOf(receiptNumber(early.booking.id))).toBeLessThan(html.indexOf(receiptNumber(late.booking.id)));

    const earlyRow = rowOf(html, early.booking.id);
    expect(earlyRow).toContain('期限超過');
    expect(earlyRow).toContain('回答期限を過ぎています');
    expect(earlyRow).toContain('青森 一郎');
    expect(earlyRow).toContain('02010-12345678');
    expect(earlyRow).toContain('一般・TeleOffice');
    expect(earlyRow).toContain('12月3日(木) 10:00');
    expect(earlyRow).toContain('これまで 0件');
    expect(earlyRow).toContain(`href="/staff/bookings/${early.booking.id}"`);
    const lateRow = rowOf(html, late.booking.id);
    expect(lateRow).not.toContain('期限超過');
    expect(lateRow).toContain('一般・Zoom');
    // Each choice says whether it could be confirmed now (the first holds its own place, so it is free).
    expect(earlyRow.match(/空きあり/g)).toHaveLength(2);

    // A person with a no-show behind them, since blocked, whose request was filed before the block.
    const blocked = 'U5000000000000000000000000000001';
    await seedBooking(h.app.db, {
      lineUserId: blocked,
      choices: [
        { date: '2026-11-16', minutes: 600 },
        { date: '2026-11-16', minutes: 660 },
      ],
      createdAt: '2026-11-10T00:00:00.000Z',
      patch: { ...confirmedAt({ date: '2026-11-16', minutes: 600 }), status: 'no_show', cancelReason: 'no_show' },
    });
    await countNoShow(h.app.db, blocked);
    const open = await seedBooking(h.app.db, {
      lineUserId: blocked,
      choices: [
        { date: '2026-12-17', minutes: 600 },
        { date: '2026-12-17', minutes: 660 },
      ],
      createdAt: '2026-12-01T00:00:00.000Z',
      patch: { replyDue: '2026-12-04T08:15:00.000Z' },
    });
    await setBlocked(h.app.db, blocked, '2026-12-01T01:00:00.000Z');
    const withBlocked = await yamada.get('/staff/requests');
    const blockedRow = rowOf(withBlocked.html, open.id);
    expect(blockedRow).toContain('これまで 1件');
    expect(blockedRow).toContain('欠席 1回');
    expect(blockedRow).toContain('利用停止中');

    // Both people's details were shown: one audit line each.
    const views = await listAudit(h.app.db, { loginId: 'yamada', action: 'view_person' });
    expect(views.map((v) => v.subject)).toEqual(expect.arrayContaining([early.u.userId, late.u.userId]));
    expect(views.find((v) => v.subject === early.u.userId)?.detail).toEqual({ page: 'requests' });
  });
});

describe('受付番号 in the address', () => {
  /** A request stored under an id of the test's choosing (to make two share a receipt number). */
  async function requestWithId(id: string): Promise<void> {
    const lineUserId = `U${id.replace(/-/g, '')}`;
    await touchUser(h.app.db, lineUserId, '2026-12-01T00:00:00.000Z');
    await insertRequest(
      h.app.db,
      sampleRequest(id, lineUserId, [regularChoice('2026-12-08', 600)], '2026-12-01T00:00:00.000Z'),
    );
  }

  it('opens the booking page of the one booking whose id starts with it', async () => {
    const { booking } = await personRequests('TeleOffice', '番号 一子');
    const receipt = receiptNumber(booking.id);
    for (const typed of [receipt, receipt.toUpperCase(), booking.id]) {
      const r = await yamada.get(`/staff/requests/${typed}`);
      expect([typed, r.status, r.location]).toEqual([typed, 303, `/staff/bookings/${booking.id}`]);
    }
  });

  it('reads a receipt number typed under /staff/bookings/ too, and a booking id in capitals', async () => {
    const { booking } = await personRequests('Zoom', '番号 二子');
    const receipt = receiptNumber(booking.id);
    const short = await yamada.get(`/staff/bookings/${receipt}`);
    expect([short.status, short.location]).toEqual([303, `/staff/requests/${receipt}`]);
    const upper = await yamada.get(`/staff/bookings/${booking.id.toUpperCase()}`);
    expect([upper.status, upper.location]).toEqual([303, `/staff/requests/${booking.id}`]);
    expect((await yamada.get(`/staff/bookings/${booking.id}`)).status).toBe(200);
    expect((await yamada.get('/staff/bookings/not-a-number')).status).toBe(404);
  });

  it('says in Japanese that no booking has that number, and how to look further', async () => {
    const r = await yamada.get('/staff/requests/0badc0de');
    expect(r.status).toBe(404);
    expect(r.html).toContain('受付番号 0badc0de の申込みは見つかりません');
    expect(r.html).toContain('href="/staff/people?q=0badc0de"');
    const odd = await yamada.get(`/staff/requests/${encodeURIComponent('番号')}`);
    expect(odd.status).toBe(404);
    expect(odd.html).toContain('受付番号は、英数字8文字です');
  });

  it('lists the bookings when several ids start with it, without their names', async () => {
    await requestWithId('feedbeef-0000-4000-8000-000000000001');
    await requestWithId('feedbeef-0000-4000-8000-000000000002');
    const r = await yamada.get('/staff/requests/feedbeef');
    expect(r.status).toBe(200);
    expect(r.html).toContain('受付番号 feedbeef で始まる申込みが2件あります');
    expect(r.html).toContain('href="/staff/bookings/feedbeef-0000-4000-8000-000000000001"');
    expect(r.html).toContain('href="/staff/bookings/feedbeef-0000-4000-8000-000000000002"');
    expect(r.html).not.toContain('青森 花子');
  });
});
