import { afterEach, describe, expect, it } from 'vitest';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, STAFF_GROUP, type Harness } from '../support/harness.js';
import { fetchBookings } from '../support/staff-api.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PUBLIC = 'https://booking.example';

/** A TeleOffice request confirmed by staff at its first choice (Thursday 12/3 10:00). */
async function confirmed(harness: Harness, id: string): Promise<ChatDriver> {
  const u = new ChatDriver(harness, id);
  await bookByButtons(u, 'TeleOffice', '青森 花子');
  await new StaffDriver(harness).tap('第1希望で確定');
  u.receive();
  expect(u.lastText()).toContain('オンライン相談の日時が確定しました');
  return u;
}

const calendarButton = (u: ChatDriver) => u.lastActions().find((a) => a.label === 'カレンダーに追加');

describe('the receipt number (受付番号)', () => {
  it('is the same in the acknowledgement, 予約確認, the confirmation and the staff group', async () => {
    h = await startHarness({ now: '2026-12-01T00:00:00Z' });
    const u = new ChatDriver(h, 'U9000000000000000000000000000003');
    await bookByButtons(u, 'TeleOffice', '青森 花子');
    const [b] = await fetchBookings(h);
    const ref = b!.id.slice(0, 8);
    expect(u.lastText()).toContain(`受付番号: ${ref}`);
    expect(textsDeliveredTo(h, STAFF_GROUP).join('\n')).toContain(ref);
    await u.say('予約確認');
    expect(u.lastText()).toContain(`受付番号\n${ref}`);
    await new StaffDriver(h).tap('第1希望で確定');
    u.receive();
    expect(u.lastText()).toContain(`受付番号\n${ref}`);
  });
});

describe('the confirmation card', () => {
  it('carries the receipt number and the office number beside 「当日はお電話のみ」', async () => {
    h = await startHarness({ now: '2026-12-01T00:00:00Z' });
    const u = await confirmed(h, 'U9000000000000000000000000000001');
    const [b] = await fetchBookings(h);
    expect(u.lastText()).toContain(b!.id.slice(0, 8));
    expect(u.lastText()).toContain('当日はお電話のみです（電話 017-776-1561');
    // Without PUBLIC_BASE_URL the server has no address to give phones: no calendar button.
    expect(calendarButton(u)).toBeUndefined();
  });

  it('「カレンダーに追加」 opens an .ics of the time and the office only, under a signed link that ends with the session', async () => {
    h = await startHarness({ now: '2026-12-01T00:00:00Z', env: { PUBLIC_BASE_URL: `${PUBLIC}/` } });
    const u = await confirmed(h, 'U9000000000000000000000000000002');
    const button = calendarButton(u);
    expect(button?.type).toBe('uri');
    const link = (button as { uri: string }).uri;
    expect(link).toMatch(new RegExp(`^${PUBLIC}/calendar/[^/]+\\.ics$`));
    const local = link.replace(PUBLIC, h.baseUrl);

    const res = await fetch(local);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar; charset=utf-8/);
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART:20261203T010000Z'); // 10:00 in Japan
    expect(ics).toContain('DTEND:20261203T014000Z');
    expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:オンライン職業相談（ハローワーク青森（青森公共職業安定所））');
    // Folded at 75 octets, as calendar apps expect.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // Nothing about the person: not the name, number, e-mail, phone, LINE id or booking.
    const [b] = await fetchBookings(h);
    for (const personal of ['青森', '花子', '02010', 'hanako', '090', u.userId, b!.id, b!.id.slice(0, 8)])
      expect(ics.replace(/\r\n /g, '').replace(/ハローワーク青森|青森公共職業安定所/g, '')).not.toContain(personal);

    // Altered (another time, same signature) or forged: not found.
    const token = local.slice(local.lastIndexOf('/') + 1, -4);
    const [start, minutes, expires, sig] = token.split('.');
    const other = `${h.baseUrl}/calendar/${start!.replace('0100', '0130')}.${minutes}.${expires}.${sig}.ics`;
    expect((await fetch(other)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/calendar/${start}.${minutes}.${expires}.${'A'.repeat(22)}.ics`)).status).toBe(
      404,
    );

    // Once the session is over the link is gone.
    h.clock.set(new Date('2026-12-03T01:39:00Z'));
    expect((await fetch(local)).status).toBe(200);
    h.clock.set(new Date('2026-12-03T01:40:00Z'));
    expect((await fetch(local)).status).toBe(410);
  });
});
