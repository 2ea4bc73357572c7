import { afterAll, beforeAll, expect, it } from 'vitest';
import { signWebhookBody } from '../../src/line/webhook-signature.js';
import { textEvent, webhookBody } from '../../src/line/webhook-events.js';
import { textsDeliveredTo } from '../support/chat-driver.js';
import { TEST_SECRET, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => h.close());

const A = 'Upoison00000000000000000000000000a';
const B = 'Upoison00000000000000000000000000b';

it('stores and answers every event of a body, even one carrying nesting too deep to write back as JSON', async () => {
  const now = h.clock.now().getTime();
  const plain = textEvent({ userId: A, text: 'ヘルプ', timestamp: now, replyToken: h.platform.issueReplyToken(A) });
  const poisoned = textEvent({ userId: B, text: 'ヘルプ', timestamp: now, replyToken: h.platform.issueReplyToken(B) });
  // JSON.stringify cannot even build this body: 20,000 nested arrays in a field the bot never reads.
  const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  const body = JSON.stringify(webhookBody([plain, { ...poisoned, extra: '__DEEP__' } as typeof poisoned])).replace(
    '"__DEEP__"',
    deep,
  );
  const res = await fetch(`${h.baseUrl}/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody(TEST_SECRET, body) },
  });
  expect(res.status).toBe(200);
  await h.settle();
  expect(textsDeliveredTo(h, A).join('\n')).toContain('このトークでは');
  expect(textsDeliveredTo(h, B).join('\n')).toContain('このトークでは');
  // Sent again (LINE redelivers): handled once.
  const again = await fetch(`${h.baseUrl}/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody(TEST_SECRET, body) },
  });
  expect(again.status).toBe(200);
  await h.settle();
  expect(textsDeliveredTo(h, B).filter((t) => t.includes('このトークでは'))).toHaveLength(1);
});
