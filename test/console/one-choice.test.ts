/**
 * A request filed with one preferred time (terms 6(2)③, docs/office-rules.md §9) in the staff
 * console: the list and the booking page show 「なし」 for the second, the confirm form offers no
 * second, a forged second is refused, and the first is confirmed as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { receiptNumber } from '../../src/messages/booking-cards.js';
import { seedBooking } from '../support/booking-seeds.js';
import { addStaff, consoleClient, type ConsoleClient, type ConsoleReply } from '../support/console.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let yamada: ConsoleClient;

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  yamada = consoleClient(h);
  await yamada.signIn('yamada');
});
afterAll(async () => h.close());

const seenOf = (page: ConsoleReply): string => /name="updated_at" value="([^"]+)"/.exec(page.html)![1]!;

describe('a request with one choice in the console', () => {
  it('is listed and shown with 「なし」 for the second, offers no second to confirm, and confirms the first', async () => {
    const booking = await seedBooking(h.app.db, {
      choices: [{ date: '2026-12-04', minutes: 600 }],
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    expect(booking.choice2Start).toBeNull();

    const list = await yamada.get('/staff/requests');
    const row = list.html.split('<tr').find((r) => r.includes(receiptNumber(booking.id)))!;
    expect(row).toContain('なし');

    const page = await yamada.get(`/staff/bookings/${booking.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<dt>第2希望<\/dt>\s*<dd>なし/);
    expect(page.html).toContain('id="confirm-choice-1"');
    expect(page.html).not.toContain('id="confirm-choice-2"');

    const forged = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(page),
      choice: '2',
    });
    expect(forged.status).toBe(409);
    expect(forged.html).toContain('第2希望がありません');
    expect((await getBooking(h.app.db, booking.id))!.status).toBe('requested');

    const confirmed = await yamada.post(`/staff/bookings/${booking.id}/confirm`, {
      updated_at: seenOf(forged),
      choice: '1',
    });
    expect(confirmed.status).toBe(303);
    expect((await getBooking(h.app.db, booking.id))!).toMatchObject({
      status: 'confirmed',
      confirmedStart: booking.choice1Start,
    });
  });
});
