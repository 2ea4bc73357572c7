import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { writeDb } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

describe('when an event cannot be processed', () => {
  it('continues from a fresh conversation when the stored one is unreadable, saying so', async () => {
    const u = new ChatDriver(h, 'Ufail000000000000000000000000001');
    await u.say('予約する');
    await u.tap('同意する');
    writeDb(h.sqlitePath, (db) => db.prepare("UPDATE conversations SET snapshot = '{not json' WHERE line_user_id = ?").run(u.userId));
    await u.say('はい');
    expect(u.lastText()).toContain('続けられなくなりました');
  });

  it('keeps the event, retries it, and after several failures tells the person instead of staying silent', async () => {
    const u = new ChatDriver(h, 'Ufail000000000000000000000000002');
    await u.say('予約する');
    writeDb(h.sqlitePath, (db) => db.exec('ALTER TABLE conversations RENAME TO conversations_broken'));
    await u.say('同意する');
    expect(u.last).toHaveLength(0);
    for (let i = 0; i < 5; i += 1) {
      await h.app.processor.recover();
      await h.settle();
    }
    const said = h.platform.delivered().filter((d) => d.to === u.userId).map((d) => JSON.stringify(d.message));
    expect(said.at(-1)).toContain('ただいまお返事できない状態です');
    expect(said.filter((t) => t.includes('ただいまお返事できない'))).toHaveLength(1);
  });
});
