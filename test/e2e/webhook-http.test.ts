import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, PRODUCT_TABLES, probe } from '../support/db-inspect.js';
import { STAFF_API_TOKEN, TEST_SECRET, startHarness, type Harness } from '../support/harness.js';
import { followEvent, signedWebhookRequest, textEvent, webhookBody } from '../support/line-events.js';
import { signWebhookBody } from '../../src/line/webhook-signature.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const USER = 'Uhttp000000000000000000000000000001';
const NOTHING = Object.fromEntries(PRODUCT_TABLES.map((t) => [t, 0]));

async function postWebhook(
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${h.baseUrl}/webhook`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

function eventBody(): string {
  return JSON.stringify(webhookBody([textEvent({ userId: USER, text: '予約する' }), followEvent({ userId: USER })]));
}

// These run in order on one server: the refusals first, while the database must stay empty.
describe('the webhook endpoint over HTTP', () => {
  it('a forged signature gets 401 and stores nothing', async () => {
    const body = eventBody();
    const forged = signWebhookBody('not-the-channel-secret', body);
    expect((await postWebhook(body, { 'content-type': 'application/json', 'x-line-signature': forged })).status).toBe(
      401,
    );
    await h.settle();
    expect(await countRows(h)).toEqual(NOTHING);
    expect(h.platform.delivered()).toHaveLength(0);
  });

  it('a signature of another body (a tampered request) gets 401 and stores nothing', async () => {
    const signed = signedWebhookRequest(TEST_SECRET, [
      textEvent({ userId: USER, text: 'ヘルプ', timestamp: h.clock.now().getTime() }),
    ]);
    const tampered = signed.body.replace('ヘルプ', '予約する');
    expect((await postWebhook(tampered, signed.headers)).status).toBe(401);
    await h.settle();
    expect(await countRows(h)).toEqual(NOTHING);
  });

  it('a missing signature gets 401 and stores nothing', async () => {
    expect((await postWebhook(eventBody(), { 'content-type': 'application/json' })).status).toBe(401);
    expect(
      (await postWebhook(eventBody(), { 'content-type': 'application/json', 'x-line-signature': '' })).status,
    ).toBe(401);
    await h.settle();
    expect(await countRows(h)).toEqual(NOTHING);
    expect(h.platform.delivered()).toHaveLength(0);
  });

  it('malformed JSON with a valid signature gets 400', async () => {
    const body = '{"destination":"U0","events":[{"type":"message",';
    const res = await postWebhook(body, {
      'content-type': 'application/json',
      'x-line-signature': signWebhookBody(TEST_SECRET, body),
    });
    expect(res.status).toBe(400);
    const notAnObject = '"events"';
    expect(
      (
        await postWebhook(notAnObject, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, notAnObject),
        })
      ).status,
    ).toBe(400);
    const empty = '';
    expect(
      (
        await postWebhook(empty, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, empty),
        })
      ).status,
    ).toBe(400);
    const noEvents = '{"destination":"U0"}';
    expect(
      (
        await postWebhook(noEvents, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, noEvents),
        })
      ).status,
    ).toBe(400);
    expect(await countRows(h)).toEqual(NOTHING);
  });

  it('a body over 256 kB gets 413, signed or not, and stores nothing', async () => {
    const big = JSON.stringify(webhookBody([textEvent({ userId: USER, text: 'あ'.repeat(100_000) })]));
    expect(Buffer.byteLength(big)).toBeGreaterThan(256 * 1024);
    expect(
      (
        await postWebhook(big, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, big),
        })
      ).status,
    ).toBe(413);
    expect((await postWebhook(big, { 'content-type': 'application/json' })).status).toBe(413);
    expect(await countRows(h)).toEqual(NOTHING);
  });

  it('the console\'s verify request (signed {"events":[]}) gets 200 and stores nothing', async () => {
    const verify = JSON.stringify({ destination: 'U00000000000000000000000000000bot', events: [] });
    expect(
      (
        await postWebhook(verify, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, verify),
        })
      ).status,
    ).toBe(200);
    const bare = '{"events":[]}';
    expect(
      (
        await postWebhook(bare, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, bare),
        })
      ).status,
    ).toBe(200);
    await h.settle();
    expect(await countRows(h)).toEqual(NOTHING);
    expect(h.platform.delivered()).toHaveLength(0);
  });

  it('a correctly signed event is accepted with 200 and stored (the same server, so the refusals above were real)', async () => {
    const signed = signedWebhookRequest(TEST_SECRET, [
      textEvent({
        userId: USER,
        text: '予約する',
        replyToken: h.platform.issueReplyToken(USER),
        timestamp: h.clock.now().getTime(),
      }),
    ]);
    expect((await postWebhook(signed.body, signed.headers)).status).toBe(200);
    await h.settle();
    expect((await countRows(h, ['inbox', 'users'])).inbox).toBe(1);
    expect(h.platform.delivered().filter((d) => d.to === USER).length).toBeGreaterThan(0);
  });

  it('GET /healthz answers 200', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /api/bookings without a token or with a wrong one gets 401; with the token 200', async () => {
    const none = await fetch(`${h.baseUrl}/api/bookings`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${h.baseUrl}/api/bookings`, {
      headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' },
    });
    expect(wrong.status).toBe(401);
    const notBearer = await fetch(`${h.baseUrl}/api/bookings`, {
      headers: { authorization: `Basic ${STAFF_API_TOKEN}` },
    });
    expect(notBearer.status).toBe(401);
    const prefix = await fetch(`${h.baseUrl}/api/bookings`, {
      headers: { authorization: `Bearer ${STAFF_API_TOKEN.slice(0, -1)}` },
    });
    expect(prefix.status).toBe(401);
    const ok = await fetch(`${h.baseUrl}/api/bookings`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ bookings: [], nextCursor: null });
  });
});

describe('a signed webhook with an event that lacks what its type promises', () => {
  it('stores and answers the good events beside it, and answers the bad ones as unreadable messages', async () => {
    const good = 'Uhttp000000000000000000000000000002';
    const odd = 'Uhttp000000000000000000000000000003';
    const events = [
      textEvent({
        userId: good,
        text: '予約する',
        replyToken: h.platform.issueReplyToken(good),
        timestamp: h.clock.now().getTime(),
      }),
      {
        ...textEvent({
          userId: odd,
          text: 'x',
          replyToken: h.platform.issueReplyToken(odd),
          timestamp: h.clock.now().getTime(),
        }),
        message: null,
      },
      {
        ...textEvent({ userId: odd, text: 'x', timestamp: h.clock.now().getTime() }),
        type: 'postback',
        postback: null,
      },
      { ...textEvent({ userId: odd, text: 'x', timestamp: h.clock.now().getTime() }), source: null },
    ];
    const body = JSON.stringify({ destination: 'Ubot', events });
    expect(
      (
        await postWebhook(body, {
          'content-type': 'application/json',
          'x-line-signature': signWebhookBody(TEST_SECRET, body),
        })
      ).status,
    ).toBe(200);
    await h.settle();
    expect(
      h.platform
        .delivered()
        .filter((d) => d.to === good)
        .map((d) => JSON.stringify(d.message))
        .join(''),
    ).toContain('利用規約');
    // The two with a chat are stored and answered; the one without a source has no chat to answer.
    expect(h.platform.delivered().filter((d) => d.to === odd).length).toBeGreaterThan(0);
    const ids = events.map((e) => e.webhookEventId);
    const stored = await probe(h).all<{ id: string }>(
      `SELECT webhook_event_id AS id FROM inbox WHERE webhook_event_id IN (${ids.map(() => '?').join(', ')})`,
      ...ids,
    );
    expect(stored.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
  });
});
