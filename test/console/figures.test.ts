import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBookings, updateBooking, type BookingPatch } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import type { LocalDateTime } from '../../src/calendar/index.js';
import { bookByButtons } from '../support/booking-flow.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';
import { postStaffApi } from '../support/staff-api.js';

/** Tuesday 2026-12-01 09:00 in Japan: the last complete month is November. */
const NOW = '2026-12-01T00:00:00Z';
const CHATTER = 'U00000000000000000000000000figure1';

let h: Harness;
let c: ConsoleClient;

/** Details that must never reach the figures. */
const PERSONAL = {
  name: '奥入瀬 渓子',
  jobSeekerNumber: '02010-99887766',
  email: 'keiko@example.jp',
  phone: '08011112222',
};
const PERSONAL_VALUES = [
  ...Object.values(PERSONAL),
  '十和田 湖子',
  '02010-12345678',
  'hanako@example.jp',
  '09012345678',
];

const at = (date: string, minutes: number): LocalDateTime => ({ date, minutes });

/** A seeded booking with its session at `session`, and staff answers (or the person's own acts) at `answers`. */
async function seed(
  session: LocalDateTime,
  createdAt: string,
  patch: BookingPatch,
  answers: { action: string; at: string; self?: boolean }[] = [],
  app: 'zoom' | 'teleoffice' = 'teleoffice',
) {
  const b = await seedBooking(h.app.db, {
    app,
    choices: [session, at('2026-11-27', 600)],
    createdAt,
    patch: { ...PERSONAL, ...patch },
  });
  for (const a of answers)
    await recordStaffAction(h.app.db, {
      subjectId: b.id,
      action: a.action,
      staffId: a.self ? b.lineUserId : 'console:yamada',
      via: a.self ? 'line' : 'console',
      at: a.at,
    });
  return b;
}

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  // November 2026 (Japan time), by session date:
  // A attended, regular TeleOffice: lead 8 days; staff took the chat over after 2 h, confirmed after 4 h.
  await seed(
    at('2026-11-10', 600),
    '2026-11-02T01:00:00Z',
    { ...confirmedAt(at('2026-11-10', 600)), status: 'attended' },
    [
      { action: 'takeover', at: '2026-11-02T03:00:00Z' },
      { action: 'confirm', at: '2026-11-02T05:00:00Z' },
    ],
  );
  // B no-show, Mothers' Corner Zoom: lead 7 days 1 h; answered after 6 h.
  await seed(
    at('2026-11-12', 600),
    '2026-11-05T00:00:00Z',
    { ...confirmedAt(at('2026-11-12', 600)), status: 'no_show', cancelReason: 'no_show', kind: 'mothers' },
    [{ action: 'confirm', at: '2026-11-05T06:00:00Z' }],
    'zoom',
  );
  // C withdrawn by the person before any answer (their own cancel is no staff answer), Zoom.
  const c1 = await seed(at('2026-11-20', 600), '2026-11-09T00:00:00Z', {}, [], 'zoom');
  await seedPatchCancelledByPerson(c1.id, c1.lineUserId);
  // D confirmed, then cancelled by the office: lead 15 days 1 h; answered after 1 h.
  await seed(
    at('2026-11-25', 600),
    '2026-11-10T00:00:00Z',
    {
      ...confirmedAt(at('2026-11-25', 600)),
      status: 'cancelled',
      cancelledBy: 'console:yamada',
      cancelReason: '奥入瀬様から電話で日程の相談あり',
    },
    [{ action: 'confirm', at: '2026-11-10T01:00:00Z' }],
  );
  // E never answered, closed as expired.
  await seed(at('2026-11-16', 600), '2026-11-12T00:00:00Z', {
    status: 'cancelled',
    cancelledBy: 'system',
    cancelReason: 'expired',
  });
  // F replaced by the person's own change: not counted, its answer neither.
  await seed(
    at('2026-11-18', 600),
    '2026-11-04T00:00:00Z',
    { status: 'cancelled', cancelReason: 'changed' },
    [{ action: 'confirm', at: '2026-11-04T00:01:00Z' }],
    'zoom',
  );
  // G attended at 08:30 on 1 November in Japan, still 31 October in UTC: November. Lead 5 days 23.5 h.
  await seed(at('2026-11-01', 510), '2026-10-26T00:00:00Z', {
    ...confirmedAt(at('2026-11-01', 510)),
    status: 'attended',
  });
  // H in October and I in December (Japan time): not November.
  await seed(at('2026-10-30', 600), '2026-10-20T00:00:00Z', {
    ...confirmedAt(at('2026-10-30', 600)),
    status: 'attended',
  });
  await seed(at('2026-12-01', 540), '2026-11-20T00:00:00Z', { status: 'cancelled', cancelledBy: 'console:yamada' });
  c = consoleClient(h);
  await c.signIn('yamada');
});
afterAll(async () => h?.close());

async function seedPatchCancelledByPerson(id: string, lineUserId: string) {
  await updateBooking(
    h.app.db,
    id,
    { status: 'cancelled', cancelledBy: lineUserId, cancelledAt: '2026-11-09T02:00:00Z' },
    NOW,
  );
  await recordStaffAction(h.app.db, {
    subjectId: id,
    action: 'cancel',
    staffId: lineUserId,
    via: 'line',
    at: '2026-11-09T02:00:00Z',
  });
}

/** The CSV's rows as label → the five columns (合計, 一般, マザーズコーナー, Zoom, TeleOffice). */
function parseCsv(text: string): Map<string, string[]> {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');
  return new Map(
    rows.slice(1).map((l) => {
      const [label, ...cells] = l.split(',');
      return [label!, cells];
    }),
  );
}

/** November as the seeds make it: [合計, 一般, マザーズコーナー, Zoom, TeleOffice]. */
const NOVEMBER: Record<string, string[]> = {
  申込み: ['6', '5', '1', '2', '4'],
  確定: ['4', '3', '1', '1', '3'],
  参加: ['2', '2', '0', '0', '2'],
  無断欠席: ['1', '0', '1', '1', '0'],
  本人キャンセル: ['1', '1', '0', '1', '0'],
  事務所キャンセル: ['1', '1', '0', '0', '1'],
  未回答で終了: ['1', '1', '0', '0', '1'],
  回答待ち: ['0', '0', '0', '0', '0'],
  '確定・出欠未記録': ['0', '0', '0', '0', '0'],
  // Leads 5.98, 7.04, 8, 15.04 days: (7.04 + 8) / 2. Regular: 5.98, 8, 15.04. TeleOffice: the same three.
  '申込みから相談日時まで 中央値（日）': ['7.5', '8', '7', '7', '8'],
  // Replies 2 h (A: the takeover came first), 6 h (B), 1 h (D).
  '申込みから最初の回答まで 中央値（時間）': ['2', '1.5', '6', '6', '1.5'],
};

describe('実績', () => {
  it('shows the last complete month by default, with the exact counts and medians of its bookings', async () => {
    const r = await c.get('/staff/figures');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h2>2026年11月の実績</h2>');
    expect(r.html).toContain('value="2026-11"');
    for (const [label, cells] of Object.entries(NOVEMBER).slice(0, 9)) {
      const row = `<tr><th scope="row">${label}</th>${cells.map((n) => `<td class="num">${n}</td>`).join('')}</tr>`;
      expect(r.html, label).toContain(row);
    }
    expect(r.html).toContain('<td class="num">7.5日<span class="muted n">（4件）</span></td>');
    expect(r.html).toContain('<td class="num">2時間<span class="muted n">（3件）</span></td>');
    // The chart: an SVG with a title and its numbers written out.
    expect(r.html).toMatch(/<svg class="figures-chart"[^>]*role="img"[^>]*aria-labelledby="figures-chart-title"/);
    expect(r.html).toContain('<title id="figures-chart-title">2026年11月の件数（一般・マザーズコーナー別）</title>');
    expect(r.html).toContain('>6件</text>');
    expect(r.html).toContain('href="/staff/figures.csv?month=2026-11"');
    expect(r.html).not.toContain('この月はまだ終わっていません');
    for (const v of PERSONAL_VALUES) expect(r.html).not.toContain(v);
  });

  it('downloads the month as CSV: BOM, CRLF, Japanese headers, the same numbers, no personal data', async () => {
    const res = await fetch(`${h.baseUrl}/staff/figures.csv?month=2026-11`, {
      headers: { cookie: `staff_session=${c.cookie}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="online-consultations-2026-11.csv"');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('オンライン相談実績_2026-11.csv'));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF項目（2026年11月・相談日で集計）,合計,一般,マザーズコーナー,Zoom,TeleOffice',
    );
    const parsed = parseCsv(text);
    for (const [label, cells] of Object.entries(NOVEMBER)) expect(parsed.get(label), label).toEqual(cells);
    for (const v of PERSONAL_VALUES) expect(text).not.toContain(v);
    expect(text).not.toContain('U0');
  });

  it('counts a request made through the webhook in its session month, and its reply time once staff confirm it', async () => {
    const u = new ChatDriver(h, CHATTER);
    await bookByButtons(u, 'Zoom', '十和田 湖子');
    const before = await c.get('/staff/figures?month=2026-12');
    // The seeded I (cancelled by the office, 1 December) and the new request, awaiting staff.
    expect(before.html).toContain('<tr><th scope="row">申込み</th><td class="num">2</td>');
    expect(before.html).toContain('<tr><th scope="row">回答待ち</th><td class="num">1</td>');
    expect(before.html).toContain('この月はまだ終わっていません');
    h.clock.advance(2 * 3600_000);
    // Two hours idle end the console session (30 minutes): sign in again.
    await c.signIn('yamada');
    const [request] = await listBookings(h.app.db, { lineUserId: CHATTER });
    const confirmed = await postStaffApi(h, `/api/bookings/${request!.id}/confirm`, {
      choice: 1,
      meetingId: '123 4567 8901',
      passcode: 'aomori1',
      by: '山田',
    });
    expect(confirmed.status).toBe(200);
    const after = await c.get('/staff/figures?month=2026-12');
    expect(after.html).toContain('<tr><th scope="row">確定</th><td class="num">1</td>');
    expect(after.html).toContain('<tr><th scope="row">確定・出欠未記録</th><td class="num">1</td>');
    // Request Tue 09:00, session Thu 10:00: 2 days 1 h; answered after 2 h.
    expect(after.html).toContain('<td class="num">2日<span class="muted n">（1件）</span></td>');
    expect(after.html).toContain('<td class="num">2時間<span class="muted n">（1件）</span></td>');
    expect(after.html).not.toContain('十和田');
  });

  it('shows zeros for a month with nothing', async () => {
    const r = await c.get('/staff/figures?month=2026-06');
    expect(r.status).toBe(200);
    expect(r.html).toContain(
      '<tr><th scope="row">申込み</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td></tr>',
    );
    expect(r.html).toContain('<td class="num">—<span class="muted n">（0件）</span></td>');
    const csv = parseCsv(
      await (
        await fetch(`${h.baseUrl}/staff/figures.csv?month=2026-06`, {
          headers: { cookie: `staff_session=${c.cookie}` },
        })
      ).text(),
    );
    expect(csv.get('申込み')).toEqual(['0', '0', '0', '0', '0']);
    expect(csv.get('申込みから相談日時まで 中央値（日）')).toEqual(['', '', '', '', '']);
  });

  it('refuses a malformed month with 400 and says how to write it, for the page and the CSV', async () => {
    for (const q of ['2026-13', 'abc', '2026-1', '2026-11%27%3E']) {
      const r = await c.get(`/staff/figures?month=${q}`);
      expect(r.status, q).toBe(400);
      expect(r.html).toContain('対象月は 2026-11 のように「年-月」で指定してください。');
      expect(r.html).toContain('aria-invalid="true"');
      expect(r.html).not.toContain('<script');
      const csv = await c.get(`/staff/figures.csv?month=${q}`);
      expect(csv.status, q).toBe(400);
      expect(csv.headers.get('content-disposition')).toBeNull();
    }
  });
});
