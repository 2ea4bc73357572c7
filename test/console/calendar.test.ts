import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { getClosure } from '../../db/repositories/closures-repository.js';
import { capacityOverrides } from '../../db/repositories/office-state-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { answerUpToDates } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let c: ConsoleClient;
let waiting: { id: string; lineUserId: string };
let confirmed: { id: string; lineUserId: string };

beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: the week shown by default starts on Monday 11/30.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'sato', 'staff', '佐藤 花子');
  const createdAt = h.clock.now().toISOString();
  waiting = await seedBooking(h.app.db, {
    choices: [
      { date: '2026-12-03', minutes: 600 },
      { date: '2026-12-03', minutes: 630 },
    ],
    createdAt,
    patch: { name: '待ち 一郎' },
  });
  confirmed = await seedBooking(h.app.db, {
    choices: [
      { date: '2026-12-04', minutes: 810 },
      { date: '2026-12-04', minutes: 840 },
    ],
    createdAt,
    patch: { name: '確定 花子', ...confirmedAt({ date: '2026-12-04', minutes: 810 }) },
  });
  c = consoleClient(h);
  await c.signIn('sato');
});
afterAll(async () => h.close());

/** The table body's rows, each as its header text and its cells' HTML (Monday first). */
function weekRows(html: string): { head: string; cells: string[] }[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return body
    .split('<tr')
    .slice(1)
    .map((row) => {
      const head = /<th scope="row">(.*?)<\/th>/.exec(row)?.[1]?.replace(/<[^>]+>/g, ' ') ?? '';
      return { head, cells: row.split('<td').slice(1) };
    });
}
const rowOf = (html: string, time: string, kind: string) => {
  const row = weekRows(html).find((r) => r.head.includes(time) && r.head.includes(kind));
  if (!row) throw new Error(`no row ${time} ${kind}`);
  return row;
};
/** Column headings of the week table, as text. */
const dayHeadings = (html: string) =>
  [...html.slice(html.indexOf('<thead>'), html.indexOf('</thead>')).matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map(
    (m) => m[1]!.replace(/<[^>]+>/g, ' '),
  );

describe('the week view', () => {
  it('shows this week (Japan time, Monday first) with each booking in its own cell, linked to the booking', async () => {
    const r = await c.get('/staff/calendar');
    expect(r.status).toBe(200);
    expect(r.html).toContain('11月30日(月)〜12月4日(金)の週');
    expect(r.html).toContain('href="/staff/calendar?week=2026-11-23"');
    expect(r.html).toContain('href="/staff/calendar?week=2026-12-07"');
    // Thursday 12/3 is the 4th day: the waiting first choice holds 10:00 there, and nothing else does.
    const ten = rowOf(r.html, '10:00', '一般');
    expect(ten.cells[3]).toContain(`href="/staff/bookings/${waiting.id}"`);
    expect(ten.cells[3]).toContain('回答待ち');
    expect(ten.cells[3]).toContain('満席');
    expect(ten.cells.filter((cell) => cell.includes('/staff/bookings/'))).toHaveLength(1);
    // Its second choice holds no place.
    expect(rowOf(r.html, '10:30', '一般').cells[3]).not.toContain(waiting.id);
    const half = rowOf(r.html, '13:30', '一般');
    expect(half.cells[4]).toContain(`href="/staff/bookings/${confirmed.id}"`);
    expect(half.cells[4]).toContain('確定');
    expect(half.cells[3]).toContain('空き 1');
    // The Mothers' Corner is held on Tuesdays and Thursdays only.
    const mothers = rowOf(r.html, '11:00', 'マザーズコーナー');
    expect(mothers.cells[1]).toContain('空き 1');
    expect(mothers.cells[0]).not.toContain('空き');
    expect(r.html).toContain('<th scope="row">');
  });

  it('marks a national holiday by name', async () => {
    const r = await c.get('/staff/calendar?week=2026-11-25');
    expect(r.html).toContain('11月23日(月)〜11月27日(金)の週');
    expect(dayHeadings(r.html)[1]).toContain('祝日（勤労感謝の日）');
    expect(rowOf(r.html, '10:00', '一般').cells[0]).toContain('休み');
  });

  it('records that the staff member saw the people shown', async () => {
    await c.get('/staff/calendar?week=2026-11-30');
    const seen = await listAudit(h.app.db, { loginId: 'sato', action: 'view_person' });
    expect(seen.map((e) => e.subject)).toEqual(expect.arrayContaining([waiting.lineUserId, confirmed.lineUserId]));
    expect(seen[0]?.detail).toEqual({ page: 'calendar' });
  });

  it('says so next to the picker when the week asked for is not a date', async () => {
    for (const week of ['2026-02-30', '9999-12-31', 'next']) {
      const r = await c.get(`/staff/calendar?week=${week}`);
      expect(r.status).toBe(400);
      expect(r.html).toMatch(/id="week-error"[^>]*>日付を選んでください/);
    }
  });
});

describe('the month overview', () => {
  it('counts confirmed sessions and waiting requests per day, and links each day to its week', async () => {
    const r = await c.get('/staff/calendar/month?month=2026-12');
    expect(r.status).toBe(200);
    expect(r.html).toContain('この月の確定 1 件、回答待ちの申込み 1 件');
    const cell = (date: string) => {
      const at = r.html.indexOf(`href="/staff/calendar?week=${date}" aria-label`);
      return r.html.slice(at, r.html.indexOf('</td>', at));
    };
    expect(cell('2026-12-03')).toContain('回答待ち 1');
    expect(cell('2026-12-03')).not.toContain('確定');
    expect(cell('2026-12-04')).toContain('確定 1');
    expect(cell('2026-12-29')).toContain('年末年始');
    expect(cell('2026-12-08')).not.toContain('badge');
    expect((await c.get('/staff/calendar/month?month=2026-13')).status).toBe(400);
  });
});

describe('capacity', () => {
  it("offers each kind only the starts it has: the Mothers' Corner its fixed ones (office-rules §4)", async () => {
    const page = await c.get('/staff/calendar?week=2026-11-30');
    const select = /<select id="cap-slot" name="slot"[^>]*>([\s\S]*?)<\/select>/.exec(page.html)?.[1] ?? '';
    const group = (label: string) =>
      [
        ...(new RegExp(`<optgroup label="${label}">([\\s\\S]*?)</optgroup>`).exec(select)?.[1] ?? '').matchAll(
          /<option value="([^"]+)"[^>]*>([^<]+)<\/option>/g,
        ),
      ].map((m) => [m[1], m[2]]);
    expect(group('一般')).toEqual(
      ['10:00', '10:30', '11:00', '13:30', '14:00', '14:30'].map((t) => [`regular ${t}`, `一般 ${t}`]),
    );
    expect(group('マザーズコーナー')).toEqual(
      ['11:00', '13:30', '14:30'].map((t) => [`mothers ${t}`, `マザーズコーナー ${t}`]),
    );
    expect(page.html).not.toContain('id="cap-kind"');
    expect(page.html).not.toContain('id="cap-start"');

    const r = await c.post('/staff/calendar/capacity', {
      week: '2026-11-30',
      slot: 'mothers 13:30',
      date: '2026-12-08',
      capacity: '2',
    });
    expect(r.status).toBe(303);
    expect((await capacityOverrides(h.app.db)).get('mothers|2026-12-08|810')).toBe(2);
    const off = await c.post('/staff/calendar/capacity', {
      week: '2026-11-30',
      slot: 'mothers 10:00',
      date: '2026-12-08',
      capacity: '2',
    });
    expect(off.status).toBe(400);
    expect(off.html).toMatch(/id="cap-slot-error"[^>]*>その時刻に始まるマザーズコーナーの相談枠はありません/);
    expect(off.html).toMatch(/<option value="mothers 11:00"/);
    expect((await capacityOverrides(h.app.db)).has('mothers|2026-12-08|600')).toBe(false);
  });

  it('stores a new capacity through the same repository as the API, says nothing is cancelled, and logs who', async () => {
    const r = await c.post('/staff/calendar/capacity', {
      week: '2026-11-30',
      slot: 'regular 10:00',
      date: '2026-12-03',
      capacity: '0',
    });
    expect(r.status).toBe(303);
    expect((await capacityOverrides(h.app.db)).get('regular|2026-12-03|600')).toBe(0);
    const page = await c.get(r.location!);
    expect(page.html).toContain('12月3日(木) 10:00（一般）の定員を 0 にしました。');
    expect(page.html).toContain('すでに 1 件の予約・申込みがあります。取り消されません');
    expect(rowOf(page.html, '10:00', '一般').cells[3]).toContain('定員超過');
    expect(rowOf(page.html, '10:00', '一般').cells[3]).toContain(waiting.id);
    const [entry] = await listAudit(h.app.db, { loginId: 'sato', action: 'capacity_set' });
    expect(entry).toMatchObject({ subject: 'capacity:regular|2026-12-03|600', detail: { capacity: 0 } });
    expect(await staffActionsOf(h.app.db, 'capacity:regular|2026-12-03|600')).toEqual([
      expect.objectContaining({ staffId: 'console:sato', via: 'console', action: 'capacity_set' }),
    ]);
  });

  it('refuses what the API refuses, beside the field, and changes nothing', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ slot: 'regular 10:00', date: '2026-12-04', capacity: '-1' }, 'cap-capacity', '定員は 0 から 100'],
      [{ slot: 'regular 10:00', date: '2026-12-04', capacity: '101' }, 'cap-capacity', '定員は 0 から 100'],
      [{ slot: 'regular 10:00', date: '2026-12-04', capacity: '1.5' }, 'cap-capacity', '整数'],
      [{ slot: 'regular 12:00', date: '2026-12-04', capacity: '2' }, 'cap-slot', 'その時刻に始まる一般'],
      [
        { slot: 'mothers 11:00', date: '2026-12-07', capacity: '2' },
        'cap-date',
        'マザーズコーナーの相談を行っていません',
      ],
      [{ slot: 'regular 10:00', date: '2026-12-05', capacity: '2' }, 'cap-date', '相談を行っていません'],
      [{ slot: 'regular 10:00', date: '2026-02-30', capacity: '2' }, 'cap-date', '日付を選んでください'],
      [{ slot: 'other 10:00', date: '2026-12-04', capacity: '2' }, 'cap-slot', '種類と開始時刻を選んでください'],
      [{ slot: '', date: '2026-12-04', capacity: '2' }, 'cap-slot', '種類と開始時刻を選んでください'],
    ];
    const before = await capacityOverrides(h.app.db);
    for (const [fields, id, message] of cases) {
      const r = await c.post('/staff/calendar/capacity', { week: '2026-11-30', ...fields });
      expect(r.status, JSON.stringify(fields)).toBe(400);
      expect(r.html).toMatch(new RegExp(`id="${id}-error"[^>]*>[^<]*${message}`));
      // The form keeps what was typed.
      expect(r.html).toContain(`value="${fields.capacity}"`);
    }
    expect(await capacityOverrides(h.app.db)).toEqual(before);
  });
});

describe('closure days', () => {
  it('adds a closure day with its note; the chat then tells a person asking for that day that it is closed', async () => {
    const u = new ChatDriver(h, 'Ucalendarclosure0000000000000001');
    const r = await c.post('/staff/calendar/closures', { week: '2026-11-30', date: '2026-12-04', note: '庁舎点検' });
    expect(r.status).toBe(303);
    expect(await getClosure(h.app.db, '2026-12-04')).toMatchObject({ note: '庁舎点検' });
    const page = await c.get(r.location!);
    expect(page.html).toContain('12月4日(金)を閉庁日にしました。');
    expect(dayHeadings(page.html)[5]).toContain('閉庁日');
    expect(dayHeadings(page.html)[5]).toContain('庁舎点検');
    // The session already confirmed that day is not cancelled: staff are shown it.
    expect(page.html).toMatch(/休みの日に残っている予約・申込みがあります[\s\S]*確定 花子/);
    expect(await staffActionsOf(h.app.db, 'closure:2026-12-04')).toEqual([
      expect.objectContaining({ action: 'closure_set', staffId: 'console:sato', via: 'console' }),
    ]);
    expect(await listAudit(h.app.db, { loginId: 'sato', action: 'closure_set' })).toHaveLength(1);

    await u.say('予約する');
    if (u.lastText().includes('利用規約')) await u.tap('同意する');
    await answerUpToDates(u);
    const offered = u.lastActions().map((a) => a.label);
    expect(offered).not.toContain('12月4日(金)');
    await u.say('12月4日 10時');
    expect(u.lastText()).toContain('12月4日(金)は閉庁日のため');
  });

  it('refuses a closure day that is not a date or a note that is too long, beside the field', async () => {
    const bad = await c.post('/staff/calendar/closures', { week: '2026-11-30', date: '2026-12-32', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="clo-date-error"[^>]*>日付を選んでください/);
    // The form is below the week's table: the top of the page says so, with a link to the field.
    expect(bad.html).toMatch(/「閉庁日の登録」は行っていません。<a href="#clo-date">日付を選んでください/);
    expect((await c.post('/staff/calendar/closures', { week: '2026-11-30', date: '9999-12-31' })).status).toBe(400);
    const long = await c.post('/staff/calendar/closures', {
      week: '2026-11-30',
      date: '2026-12-10',
      note: 'あ'.repeat(201),
    });
    expect(long.status).toBe(400);
    expect(long.html).toMatch(/id="clo-note-error"[^>]*>メモは 200 文字以内/);
    expect(await getClosure(h.app.db, '2026-12-10')).toBeUndefined();
  });

  it('refuses a date before today (Japan time) beside the field, and accepts today', async () => {
    const past = await c.post('/staff/calendar/closures', { week: '2026-11-30', date: '2026-11-30', note: '入力ミス' });
    expect(past.status).toBe(400);
    expect(past.html).toMatch(
      /id="clo-date-error"[^>]*>過去の日付は閉庁日にできません。今日（12月1日\(火\)）以降の日付を選んでください。/,
    );
    expect(past.html).toContain('value="入力ミス"');
    expect(await getClosure(h.app.db, '2026-11-30')).toBeUndefined();
    expect(await listAudit(h.app.db, { action: 'closure_set', subject: 'closure:2026-11-30' })).toEqual([]);
    const today = await c.post('/staff/calendar/closures', { week: '2026-11-30', date: '2026-12-01', note: '' });
    expect(today.status).toBe(303);
    expect((await c.post('/staff/calendar/closures/2026-12-01/remove', { week: '2026-11-30' })).status).toBe(303);
  });

  it('removes a closure day, and says so when it was already removed', async () => {
    await c.get('/staff/calendar?week=2026-12-07');
    expect((await c.post('/staff/calendar/closures', { date: '2026-12-09', week: '2026-12-07' })).status).toBe(303);
    const removed = await c.post('/staff/calendar/closures/2026-12-09/remove', { week: '2026-12-07' });
    expect(removed.status).toBe(303);
    expect((await c.get(removed.location!)).html).toContain('12月9日(水)の閉庁日を解除しました。');
    expect(await getClosure(h.app.db, '2026-12-09')).toBeUndefined();
    const again = await c.post('/staff/calendar/closures/2026-12-09/remove', { week: '2026-12-07' });
    expect(again.status).toBe(404);
    expect(again.html).toMatch(/id="clo-remove-error"[^>]*>12月9日\(水\)は閉庁日に登録されていません/);
  });

  it('refuses a form without the session token and changes nothing', async () => {
    const r = await c.post('/staff/calendar/closures', { _csrf: '', date: '2026-12-11' });
    expect(r.status).toBe(403);
    expect(await getClosure(h.app.db, '2026-12-11')).toBeUndefined();
    const cap = await c.post('/staff/calendar/capacity', {
      _csrf: 'x'.repeat(32),
      slot: 'regular 10:00',
      date: '2026-12-11',
      capacity: '3',
    });
    expect(cap.status).toBe(403);
    expect((await capacityOverrides(h.app.db)).has('regular|2026-12-11|600')).toBe(false);
  });
});
