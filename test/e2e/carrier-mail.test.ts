import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { conversationStateOf } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { typeUntil } from '../support/typed-booking.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

it('takes a mobile carrier address and tells the person to let mail from computers through', async () => {
  const u = new ChatDriver(h, 'Ucarriermail000000000000000000001');
  await typeUntil(u, 'email');
  await u.say('hanako@docomo.ne.jp');
  expect(await conversationStateOf(h, u.userId)).toBe('phone');
  const said = u.last.map((m) => JSON.stringify(m)).join('\n');
  expect(said).toContain('携帯電話会社のメールアドレスは');
  expect(said).toContain('TeleOffice の招待メール');
});
