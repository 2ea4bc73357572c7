import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { startHarnessWithLogs, type HarnessWithLogs } from '../support/harness-with-logs.js';

let h: HarnessWithLogs | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

describe('commits made durable off the event loop', () => {
  it("syncs SQLite's own log on the thread pool, also when the database path is a symbolic link", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-commits-'));
    fs.mkdirSync(path.join(dir, 'volume'));
    const real = path.join(dir, 'volume', 'booking.db');
    fs.writeFileSync(real, '');
    const link = path.join(dir, 'booking.db');
    fs.symlinkSync(real, link);
    h = await startHarnessWithLogs({ sqlitePath: link, level: 'debug' });
    const open = h.logLines().find((l) => l['msg'] === 'database open');
    // 'on commit' would mean every shared commit waits for the disk on the event loop again.
    expect(open?.['logSync']).toBe('thread pool');
    const u = new ChatDriver(h, 'Udurable000000000000000000000000a1');
    await u.say('予約する');
    expect(u.lastText()).toContain('利用規約');
  });
});
