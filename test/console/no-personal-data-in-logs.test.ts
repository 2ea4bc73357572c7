import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBookings } from '../../db/repositories/bookings-repository.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { addStaff, consoleClient } from '../support/console.js';
import { startHarnessWithLogs, type HarnessWithLogs } from '../support/harness-with-logs.js';

let h: HarnessWithLogs;
beforeAll(async () => {
  h = await startHarnessWithLogs({ now: '2026-12-01T00:00:00Z', level: 'debug' });
  await addStaff(h, 'yamada', 'admin', '山田 太郎');
});
afterAll(async () => h.close());

const NAME = '秘密野 花子';
const PASSWORD_TRIED = 'a-guessed-password-0042';

it('logs, at debug level, nothing a console page showed or a staff member typed', async () => {
  const person = new ChatDriver(h, 'Uconsolelogs000000000000000000001');
  await bookByButtons(person, 'Zoom', NAME);
  const [b] = await listBookings(h.app.db, { lineUserId: person.userId });
  const c = consoleClient(h);
  await c.post('/staff/login', { login_id: 'yamada', password: PASSWORD_TRIED });
  await c.signIn('yamada');
  for (const path of ['/staff/requests', `/staff/bookings/${b!.id}`, '/staff/people?q=秘密野', '/staff/today'])
    expect((await c.get(path)).status).toBe(200);
  await c.get(`/staff/bookings/${b!.id}`);
  const updatedAt = /name="updated_at" value="([^"]+)"/.exec((await c.get(`/staff/bookings/${b!.id}`)).html)![1]!;
  const confirmed = await c.post(`/staff/bookings/${b!.id}/confirm`, {
    updated_at: updatedAt,
    choice: '1',
    meeting_id: '987 6543 2109',
    passcode: 'hushhush',
  });
  expect(confirmed.status).toBe(303);
  await c.get(`/staff/people/${person.userId}`);
  // Their confirmed session stays open: the block form asks to confirm that was read.
  expect(
    (await c.post(`/staff/people/${person.userId}/block`, { reason: '秘密の理由で停止', open_ack: b!.id })).status,
  ).toBe(303);
  await h.settle();

  const logs = h.logText();
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of [
    NAME,
    '秘密野',
    '02010-12345678',
    'hanako@example.jp',
    '09012345678',
    '987 6543 2109',
    'hushhush',
    '秘密の理由',
    PASSWORD_TRIED,
    person.userId,
    c.cookie ?? 'no-cookie',
  ])
    expect(logs, secret).not.toContain(secret);
});
