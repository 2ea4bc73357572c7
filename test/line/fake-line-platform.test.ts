import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HTTPFetchError, messagingApi, validateSignature } from '@line/bot-sdk';
import {
  startFakeLinePlatform,
  type DeliveredMessage,
  type FakeLinePlatform,
} from '../../src/line/fake-line-platform.js';
import { signWebhookBody } from '../../src/line/webhook-signature.js';
import {
  followEvent,
  newWebhookEventId,
  postbackEvent,
  signedWebhookRequest,
  textEvent,
  unfollowEvent,
  webhookBody,
} from '../support/line-events.js';

const TOKEN = 'test-channel-access-token';
const USER = 'U1234567890abcdef1234567890abcdef';
const GROUP = 'C1234567890abcdef1234567890abcdef';

/** Runs `action` and returns the SDK's HTTPFetchError it must throw. */
async function fetchError(action: () => Promise<unknown>): Promise<HTTPFetchError> {
  try {
    await action();
  } catch (e: unknown) {
    if (e instanceof HTTPFetchError) return e;
    throw e;
  }
  throw new Error('expected the call to fail with HTTPFetchError');
}

const text = (value: string): messagingApi.TextMessage => ({ type: 'text', text: value });
const texts = (delivered: DeliveredMessage[]): unknown[] => delivered.map((d) => d.message.text);

describe('fake LINE platform', () => {
  let platform: FakeLinePlatform;
  let client: messagingApi.MessagingApiClient;

  beforeEach(async () => {
    platform = await startFakeLinePlatform({ channelAccessToken: TOKEN });
    client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: platform.url });
  });

  afterEach(async () => {
    await platform.close();
  });

  it('should listen on loopback and a free port by default', () => {
    expect(platform.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  describe('reply', () => {
    it('should deliver a reply to the chat the token was issued for, once', async () => {
      const replyToken = platform.issueReplyToken(USER);

      const response = await client.replyMessage({ replyToken, messages: [text('こんにちは'), text('ご予約ですね')] });

      expect(response.sentMessages).toHaveLength(2);
      expect(response.sentMessages[0]).toEqual({
        id: expect.stringMatching(/^\d{18}$/),
        quoteToken: expect.any(String),
      });
      expect(platform.delivered()).toEqual([
        expect.objectContaining({ seq: 1, via: 'reply', to: USER, message: text('こんにちは') }),
        expect.objectContaining({ seq: 2, via: 'reply', to: USER, message: text('ご予約ですね') }),
      ]);
      expect(platform.delivered()[0]?.messageId).toBe(response.sentMessages[0]?.id);
    });

    it('should refuse a reply token used twice with 400 Invalid reply token', async () => {
      const replyToken = platform.issueReplyToken(USER);
      await client.replyMessage({ replyToken, messages: [text('1')] });

      const error = await fetchError(() => client.replyMessage({ replyToken, messages: [text('2')] }));

      expect(error.status).toBe(400);
      expect(JSON.parse(error.body)).toEqual({ message: 'Invalid reply token' });
      expect(texts(platform.delivered())).toEqual(['1']);
    });

    it('should refuse an unknown reply token', async () => {
      const error = await fetchError(() => client.replyMessage({ replyToken: 'nope', messages: [text('x')] }));
      expect(error.status).toBe(400);
      expect(platform.delivered()).toEqual([]);
    });

    it('should refuse a reply token after it expires', async () => {
      let clock = 1_000_000;
      const timed = await startFakeLinePlatform({ now: () => clock });
      try {
        const timedClient = new messagingApi.MessagingApiClient({ channelAccessToken: 'any', baseURL: timed.url });
        const fresh = timed.issueReplyToken(USER);
        const stale = timed.issueReplyToken(USER);
        clock += 59_999;
        await timedClient.replyMessage({ replyToken: fresh, messages: [text('in time')] });
        clock += 1;

        const error = await fetchError(() => timedClient.replyMessage({ replyToken: stale, messages: [text('late')] }));

        expect(error.status).toBe(400);
        expect(texts(timed.delivered())).toEqual(['in time']);
      } finally {
        await timed.close();
      }
    });

    it('should leave the token usable when the messages are refused', async () => {
      const replyToken = platform.issueReplyToken(USER);
      const error = await fetchError(() => client.replyMessage({ replyToken, messages: [text('')] }));
      expect(error.status).toBe(400);

      await client.replyMessage({ replyToken, messages: [text('fixed')] });
      expect(texts(platform.delivered())).toEqual(['fixed']);
    });

    it('should refuse a retry key on reply, which does not support one', async () => {
      const replyToken = platform.issueReplyToken(USER);
      const response = await fetch(`${platform.url}/v2/bot/message/reply`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'x-line-retry-key': randomUUID(),
        },
        body: JSON.stringify({ replyToken, messages: [text('x')] }),
      });
      expect(response.status).toBe(400);
    });
  });

  describe('push', () => {
    it('should deliver a push to the given chat', async () => {
      const response = await client.pushMessage({ to: GROUP, messages: [text('新しい予約申込があります')] });
      expect(response.sentMessages).toHaveLength(1);
      expect(platform.delivered()).toEqual([
        expect.objectContaining({ via: 'push', to: GROUP, message: text('新しい予約申込があります') }),
      ]);
    });

    it('should deliver a push with the same retry key only once and answer 409 the second time', async () => {
      const retryKey = randomUUID();
      const first = await client.pushMessageWithHttpInfo({ to: USER, messages: [text('確定しました')] }, retryKey);

      const error = await fetchError(() =>
        client.pushMessage({ to: USER, messages: [text('確定しました')] }, retryKey),
      );

      expect(error.status).toBe(409);
      expect(JSON.parse(error.body)).toEqual({
        message: 'The retry key is already accepted',
        sentMessages: first.body.sentMessages,
      });
      expect(error.headers.get('x-line-accepted-request-id')).toBe(first.httpResponse.headers.get('x-line-request-id'));
      expect(platform.delivered()).toEqual([expect.objectContaining({ via: 'push', to: USER, retryKey })]);
    });

    it('should refuse a retry key that is not a UUID', async () => {
      const error = await fetchError(() => client.pushMessage({ to: USER, messages: [text('x')] }, 'not-a-uuid'));
      expect(error.status).toBe(400);
      expect(platform.delivered()).toEqual([]);
    });

    it('should not remember a retry key whose request failed', async () => {
      const retryKey = randomUUID();
      platform.failNext(1);
      await fetchError(() => client.pushMessage({ to: USER, messages: [text('x')] }, retryKey));

      await client.pushMessage({ to: USER, messages: [text('x')] }, retryKey);
      expect(platform.delivered()).toHaveLength(1);
    });

    it('should deliver when the answer is slow even though the client gave up, and refuse the retry with 409', async () => {
      const retryKey = randomUUID();
      platform.setLatency(300);
      const send = () =>
        fetch(`${platform.url}/v2/bot/message/push`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            'x-line-retry-key': retryKey,
          },
          body: JSON.stringify({ to: USER, messages: [text('リマインダー')] }),
          signal: AbortSignal.timeout(50),
        });
      await expect(send()).rejects.toThrow();
      await platform.waitFor((d) => d.length === 1);
      platform.setLatency(0);

      const error = await fetchError(() =>
        client.pushMessage({ to: USER, messages: [text('リマインダー')] }, retryKey),
      );
      expect(error.status).toBe(409);
      expect(platform.delivered()).toHaveLength(1);
    });
  });

  describe('message validation', () => {
    it.each([
      ['no messages', []],
      ['six messages', Array.from({ length: 6 }, (_, i) => text(String(i)))],
      ['an empty text', [text('')]],
      ['a text over 5000 characters', [text('あ'.repeat(5001))]],
      ['a message without type', [{ text: 'x' }]],
      [
        'fourteen quick reply items',
        [
          {
            ...text('どれにしますか'),
            quickReply: {
              items: Array.from({ length: 14 }, (_, i) => ({
                type: 'action',
                action: { type: 'message', label: `${i}`, text: `${i}` },
              })),
            },
          },
        ],
      ],
      [
        'postback data over 300 characters',
        [
          {
            ...text('選んでください'),
            quickReply: {
              items: [{ type: 'action', action: { type: 'postback', label: 'a', data: 'x'.repeat(301) } }],
            },
          },
        ],
      ],
      [
        'a carousel of 13 bubbles',
        [
          {
            type: 'flex',
            altText: '候補',
            contents: { type: 'carousel', contents: Array.from({ length: 13 }, () => ({ type: 'bubble' })) },
          },
        ],
      ],
    ])('should refuse %s with a LINE-like 400', async (_label, messages) => {
      const error = await fetchError(() =>
        client.pushMessage({ to: USER, messages: messages as unknown as messagingApi.Message[] }),
      );
      expect(error.status).toBe(400);
      const body = JSON.parse(error.body) as { message: string; details: { message: string; property: string }[] };
      expect(body.message).toMatch(/^The request body has \d+ error\(s\)$/);
      expect(body.details.length).toBeGreaterThan(0);
      expect(platform.delivered()).toEqual([]);
    });

    it('should accept 5 messages, a 5000-character text and 13 quick reply items', async () => {
      const quickReply = {
        items: Array.from({ length: 13 }, (_, i) => ({
          type: 'action' as const,
          action: { type: 'message' as const, label: `${i}`, text: `${i}` },
        })),
      };
      const messages: messagingApi.Message[] = [
        text('あ'.repeat(5000)),
        text('2'),
        text('3'),
        text('4'),
        { ...text('5'), quickReply },
      ];
      await client.pushMessage({ to: USER, messages });
      expect(platform.delivered()).toHaveLength(5);
    });
  });

  describe('injected failures', () => {
    it('should fail the next two sends with 500 and then succeed', async () => {
      platform.failNext(2, 500);

      const first = await fetchError(() => client.pushMessage({ to: USER, messages: [text('1')] }));
      const second = await fetchError(() =>
        client.replyMessage({ replyToken: platform.issueReplyToken(USER), messages: [text('2')] }),
      );
      await client.pushMessage({ to: USER, messages: [text('3')] });

      expect([first.status, second.status]).toEqual([500, 500]);
      expect(texts(platform.delivered())).toEqual(['3']);
      expect(platform.calls().map((c) => c.status)).toEqual([500, 500, 200]);
    });

    it('should not count other endpoints against failNext', async () => {
      platform.failNext(1);
      await client.getProfile(USER);
      await client.showLoadingAnimation({ chatId: USER });
      const error = await fetchError(() => client.pushMessage({ to: USER, messages: [text('x')] }));
      expect(error.status).toBe(500);
    });

    it('should answer every send with the down status until it is cleared', async () => {
      platform.setDown(503);

      const push = await fetchError(() => client.pushMessage({ to: USER, messages: [text('x')] }));
      const replyToken = platform.issueReplyToken(USER);
      const reply = await fetchError(() => client.replyMessage({ replyToken, messages: [text('y')] }));
      const profile = await client.getProfile(USER);

      expect([push.status, reply.status]).toEqual([503, 503]);
      expect(profile.userId).toBe(USER);
      expect(platform.delivered()).toEqual([]);

      platform.setDown(null);
      await client.replyMessage({ replyToken, messages: [text('back')] });
      expect(texts(platform.delivered())).toEqual(['back']);
    });

    it('should refuse nonsense failure settings', () => {
      expect(() => platform.failNext(-1)).toThrow(RangeError);
      expect(() => platform.failNext(1, 200)).toThrow(RangeError);
      expect(() => platform.setDown(302)).toThrow(RangeError);
      expect(() => platform.setLatency(-5)).toThrow(RangeError);
    });
  });

  describe('waitFor and onDelivered', () => {
    it('should resolve when a later delivery satisfies the predicate', async () => {
      const waiting = platform.waitFor((d) => d.some((m) => m.message.text === 'やっと'), 2000);
      await client.pushMessage({ to: USER, messages: [text('まだ')] });
      setTimeout(() => void client.pushMessage({ to: USER, messages: [text('やっと')] }), 20);

      expect(texts(await waiting)).toEqual(['まだ', 'やっと']);
    });

    it('should resolve at once when the predicate already holds', async () => {
      await client.pushMessage({ to: USER, messages: [text('もう届いた')] });
      await expect(platform.waitFor((d) => d.length === 1, 10)).resolves.toHaveLength(1);
    });

    it('should reject on timeout listing what was delivered', async () => {
      await client.pushMessage({ to: USER, messages: [text('届いたもの')] });
      await expect(platform.waitFor((d) => d.length > 5, 50)).rejects.toThrow(
        /timed out after 50 ms; 1 message\(s\) delivered:\n\s+#1 push to U1234567890abcdef1234567890abcdef \[text\] "届いたもの"/,
      );
    });

    it('should reject pending waiters when the platform closes', async () => {
      const other = await startFakeLinePlatform();
      const waiting = other.waitFor(() => false, 5000);
      await other.close();
      await expect(waiting).rejects.toThrow(/closed/);
    });

    it('should call listeners for each delivered message until they unsubscribe', async () => {
      const seen: string[] = [];
      const unsubscribe = platform.onDelivered((m) => seen.push(`${m.via}:${String(m.message.text)}`));
      platform.onDelivered(() => {
        throw new Error('a broken listener must not break delivery');
      });

      await client.replyMessage({ replyToken: platform.issueReplyToken(USER), messages: [text('a'), text('b')] });
      unsubscribe();
      await client.pushMessage({ to: USER, messages: [text('c')] });

      expect(seen).toEqual(['reply:a', 'reply:b']);
      expect(platform.delivered()).toHaveLength(3);
    });
  });

  describe('settled', () => {
    /** Writes a whole push request on a raw connection and drops it at once, as a killed process does. */
    function sendAndDie(body: string): Promise<void> {
      const { port } = new URL(platform.url);
      return new Promise((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.end(
            [
              'POST /v2/bot/message/push HTTP/1.1',
              `Host: 127.0.0.1:${port}`,
              `Authorization: Bearer ${TOKEN}`,
              'Content-Type: application/json',
              `Content-Length: ${Buffer.byteLength(body)}`,
              '',
              body,
            ].join('\r\n'),
            () => {
              socket.destroy();
              resolve();
            },
          );
        });
        socket.once('error', reject);
      });
    }

    it('should resolve once what a caller sent before it died is recorded and delivered', async () => {
      platform.setLatency(200);
      await sendAndDie(JSON.stringify({ to: USER, messages: [text('最後の一通')] }));

      await platform.settled();

      expect(platform.calls().map((c) => [c.path, c.status])).toEqual([['/v2/bot/message/push', 200]]);
      expect(texts(platform.delivered())).toEqual(['最後の一通']);
    });

    it('should reject while a caller keeps a connection open', async () => {
      const socket = net.connect(Number(new URL(platform.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      try {
        await expect(platform.settled(100)).rejects.toThrow(/still had calls under way after 100 ms/);
      } finally {
        socket.destroy();
      }
      await platform.settled();
    });
  });

  describe('authorization', () => {
    it('should answer 401 to a wrong token and record the call', async () => {
      const stranger = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: platform.url });
      const error = await fetchError(() => stranger.pushMessage({ to: USER, messages: [text('x')] }));
      expect(error.status).toBe(401);
      expect(JSON.parse(error.body)).toEqual({
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      });
      expect(platform.calls()).toEqual([
        expect.objectContaining({ method: 'POST', path: '/v2/bot/message/push', status: 401 }),
      ]);
      expect(platform.delivered()).toEqual([]);
    });

    it('should answer 401 when the header is missing', async () => {
      const response = await fetch(`${platform.url}/v2/bot/profile/${USER}`);
      expect(response.status).toBe(401);
    });

    it('should let anything through when no token was configured', async () => {
      const open = await startFakeLinePlatform();
      try {
        const response = await fetch(`${open.url}/v2/bot/profile/${USER}`);
        expect(response.status).toBe(200);
      } finally {
        await open.close();
      }
    });
  });

  describe('other endpoints', () => {
    it('should show the loading animation with 202', async () => {
      const response = await client.showLoadingAnimationWithHttpInfo({ chatId: USER, loadingSeconds: 20 });
      expect(response.httpResponse.status).toBe(202);
      expect(response.body).toEqual({});
      expect(platform.calls()).toEqual([
        expect.objectContaining({
          path: '/v2/bot/chat/loading/start',
          body: { chatId: USER, loadingSeconds: 20 },
          status: 202,
        }),
      ]);
    });

    it('should refuse loading seconds that are not a multiple of 5 up to 60', async () => {
      const error = await fetchError(() => client.showLoadingAnimation({ chatId: USER, loadingSeconds: 61 }));
      expect(error.status).toBe(400);
    });

    it('should return profiles', async () => {
      await expect(client.getProfile(USER)).resolves.toEqual({ userId: USER, displayName: 'テストユーザー' });
      await expect(client.getGroupMemberProfile(GROUP, USER)).resolves.toEqual({
        userId: USER,
        displayName: 'テストユーザー',
      });
    });

    it('should answer 404 to an unknown endpoint', async () => {
      const error = await fetchError(() => client.getBotInfo());
      expect(error.status).toBe(404);
    });

    it('should record every call with headers and body, in order', async () => {
      const retryKey = randomUUID();
      await client.pushMessage({ to: USER, messages: [text('記録')] }, retryKey);
      await client.getProfile(USER);

      const calls = platform.calls();
      expect(calls.map((c) => [c.id, c.method, c.path, c.status])).toEqual([
        [1, 'POST', '/v2/bot/message/push', 200],
        [2, 'GET', `/v2/bot/profile/${USER}`, 200],
      ]);
      expect(calls[0]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-line-retry-key': retryKey });
      expect(calls[0]?.body).toEqual({ to: USER, messages: [text('記録')] });
      expect(calls[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('rich menus', () => {
    const richMenu: messagingApi.RichMenuRequest = {
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'main',
      chatBarText: 'メニュー',
      areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'postback', data: 'menu=book' } }],
    };

    it('should create, upload an image, set as default, list and delete a rich menu', async () => {
      const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: platform.url });
      const { richMenuId } = await client.createRichMenu(richMenu);
      expect(richMenuId).toMatch(/^richmenu-[0-9a-f]{32}$/);

      const early = await fetchError(() => client.setDefaultRichMenu(richMenuId));
      expect(early.status).toBe(400);

      await blob.setRichMenuImage(richMenuId, new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }));
      const again = await fetchError(() =>
        blob.setRichMenuImage(richMenuId, new Blob([Buffer.from([1])], { type: 'image/png' })),
      );
      expect(again.status).toBe(400);

      await client.setDefaultRichMenu(richMenuId);
      await expect(client.getDefaultRichMenuId()).resolves.toEqual({ richMenuId });
      await expect(client.getRichMenuList()).resolves.toEqual({ richmenus: [{ richMenuId, ...richMenu }] });

      await client.deleteRichMenu(richMenuId);
      await expect(client.getRichMenuList()).resolves.toEqual({ richmenus: [] });
      expect((await fetchError(() => client.getDefaultRichMenuId())).status).toBe(404);
      expect((await fetchError(() => client.deleteRichMenu(richMenuId))).status).toBe(404);
    });

    it('should refuse a rich menu without a chat bar text', async () => {
      const error = await fetchError(() => client.createRichMenu({ ...richMenu, chatBarText: '' }));
      expect(error.status).toBe(400);
    });
  });
});

describe('signWebhookBody', () => {
  it('should produce the signature the SDK accepts, for strings and Buffers', () => {
    const body = JSON.stringify(webhookBody([textEvent({ userId: USER, text: '予約したい' })]));
    const signature = signWebhookBody('secret', body);
    expect(validateSignature(body, 'secret', signature)).toBe(true);
    expect(signWebhookBody('secret', Buffer.from(body, 'utf8'))).toBe(signature);
    expect(validateSignature(body, 'other-secret', signature)).toBe(false);
  });

  it('should match a known HMAC-SHA256 value', () => {
    // echo -n '{"events":[]}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signWebhookBody('secret', '{"events":[]}')).toBe('pkK1lVPJPiJ+wPLziRD79xIxohl8AImYM8AEeM7IbzQ=');
  });
});

describe('webhook event builders', () => {
  it('should build a text event as LINE sends it', () => {
    const event = textEvent({ userId: USER, text: '予約', replyToken: 'r', timestamp: 1_700_000_000_000 });
    expect(event).toEqual({
      type: 'message',
      source: { type: 'user', userId: USER },
      timestamp: 1_700_000_000_000,
      mode: 'active',
      webhookEventId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      deliveryContext: { isRedelivery: false },
      replyToken: 'r',
      message: { type: 'text', id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String), text: '予約' },
    });
  });

  it('should build group, postback, follow and unfollow events', () => {
    expect(textEvent({ userId: USER, groupId: GROUP, text: 'x' }).source).toEqual({
      type: 'group',
      groupId: GROUP,
      userId: USER,
    });
    expect(postbackEvent({ userId: USER, data: 'slot=1', params: { datetime: '2026-12-03T14:00' } }).postback).toEqual({
      data: 'slot=1',
      params: { datetime: '2026-12-03T14:00' },
    });
    expect(followEvent({ userId: USER, isUnblocked: true })).toMatchObject({
      type: 'follow',
      follow: { isUnblocked: true },
    });
    const unfollow = unfollowEvent({ userId: USER, mode: 'standby', isRedelivery: true });
    expect(unfollow).toMatchObject({ type: 'unfollow', mode: 'standby', deliveryContext: { isRedelivery: true } });
    expect(unfollow).not.toHaveProperty('replyToken');
  });

  it('should make time-ordered 26-character event ids', () => {
    const earlier = newWebhookEventId(1_700_000_000_000);
    const later = newWebhookEventId(1_700_000_000_001);
    expect(earlier).toHaveLength(26);
    expect(earlier.slice(0, 10) < later.slice(0, 10)).toBe(true);
  });

  it('should sign a whole request', () => {
    const request = signedWebhookRequest('secret', []);
    expect(JSON.parse(request.body)).toEqual({ destination: expect.any(String), events: [] });
    expect(validateSignature(request.body, 'secret', request.headers['x-line-signature'])).toBe(true);
  });
});
