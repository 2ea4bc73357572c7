/**
 * A server started again months after its timed jobs fell due: each job checks that it still
 * makes sense, and those that no longer do are recorded with their reason, not sent
 * (src/jobs/job-staleness.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan; bookByButtons asks for Thursday 12/3.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

it('sends nothing stale to the person or staff when restarted months after the jobs were due', async () => {
  const confirmed = new ChatDriver(h, 'Uoutage0000000000000000000000001');
  await bookByButtons(confirmed, 'Zoom');
  const staff = new StaffDriver(h);
  await staff.tap('第1希望で確定');
  await staff.say('123 4567 8901 abc123');
  const waiting = new ChatDriver(h, 'Uoutage0000000000000000000000002');
  await bookByButtons(waiting, 'TeleOffice', '弘前 次郎', {
    first: ['12月10日(木)', '10:00〜10:40'],
    second: ['12月10日(木)', '11:00〜11:40'],
  });
  await h.settle();
  const sentBefore = h.platform.delivered().length;

  await h.stop();
  h.clock.set(new Date('2027-03-01T01:00:00Z')); // three months on, 10:00 in Japan
  await h.start();
  await h.runJobs();
  await h.settle();

  const sentAfter = h.platform.delivered().slice(sentBefore);
  expect(sentAfter.map((d) => d.to)).toEqual([]);
  const jobs = await probe(h).all<{ kind: string; status: string; reason: string | null }>(
    'SELECT kind, status, reason FROM scheduled_jobs ORDER BY kind',
  );
  expect(jobs.filter((j) => j.status === 'pending')).toEqual([]);
  // Every job that would have sent something says why it did not (the confirmed booking's reply
  // deadline was simply answered in time: it has nothing to explain).
  expect(jobs.filter((j) => j.reason !== null).map((j) => j.kind)).toEqual([
    'no_show',
    'reminder_day_before',
    'reminder_morning',
    'reply_due',
    'request_expiry',
  ]);
});
