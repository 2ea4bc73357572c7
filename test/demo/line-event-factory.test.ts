import { validateSignature } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { buildWebhookEvent, newWebhookEventId } from '../../src/demo/line-event-factory.js';
import { signWebhookBody } from '../../src/line/webhook-signature.js';

const origin = {
  userId: 'U00000000000000000000000000de0001',
  replyToken: 'a'.repeat(32),
  timestamp: Date.parse('2026-12-01T00:00:00Z'),
};

describe('webhook events built by the simulator', () => {
  it('carry the fields LINE sets on every event', () => {
    const event = buildWebhookEvent({ kind: 'text', text: 'こんにちは' }, origin);
    expect(event).toMatchObject({
      type: 'message',
      mode: 'active',
      timestamp: origin.timestamp,
      replyToken: origin.replyToken,
      deliveryContext: { isRedelivery: false },
      source: { type: 'user', userId: origin.userId },
      message: { type: 'text', text: 'こんにちは' },
    });
    expect((event as { message: { id: string } }).message.id).toMatch(/^\d{18}$/);
    expect(event.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('give ids that sort by time and never repeat', () => {
    const a = newWebhookEventId(1000);
    const b = newWebhookEventId(2000);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 200 }, () => newWebhookEventId(1000))).size).toBe(200);
  });

  it('come from the group, with the staff member as the user, in the staff chat', () => {
    const event = buildWebhookEvent(
      { kind: 'postback', data: 'x=1', params: { date: '2026-12-03' } },
      { ...origin, groupId: 'Cgroup' },
    );
    expect(event).toMatchObject({
      type: 'postback',
      source: { type: 'group', groupId: 'Cgroup', userId: origin.userId },
      postback: { data: 'x=1', params: { date: '2026-12-03' } },
    });
  });

  it('are signed so that the SDK accepts the body', () => {
    const body = JSON.stringify({ destination: 'Ubot', events: [buildWebhookEvent({ kind: 'follow' }, origin)] });
    expect(validateSignature(body, 'secret', signWebhookBody('secret', body))).toBe(true);
  });
});
