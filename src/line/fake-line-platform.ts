/**
 * A fake LINE Messaging API platform on a real HTTP server, for end-to-end tests and the
 * local demo mode. Point `messagingApi.MessagingApiClient({ baseURL: platform.url })` (and the
 * blob client) at it. It imitates the parts of LINE this project uses: reply tokens, push with
 * retry keys, loading animation, profiles and rich menus, and it validates message objects
 * lightly so that the bot's own mistakes show up as LINE-like 400s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createCallLog } from './fake-platform/call-log.js';
import { createChatRoutes } from './fake-platform/chat-routes.js';
import { createDeliveryLog } from './fake-platform/delivery-log.js';
import { createFailureInjector } from './fake-platform/failure-injector.js';
import { createReplyTokenRegistry } from './fake-platform/reply-token-registry.js';
import { createRequestHandler } from './fake-platform/request-handler.js';
import { createRetryKeyRegistry, RETRY_KEY_TTL_MS } from './fake-platform/retry-key-registry.js';
import { createRichMenuRoutes } from './fake-platform/rich-menu-routes.js';
import { createRichMenuStore } from './fake-platform/rich-menu-store.js';
import { createSendRoutes } from './fake-platform/send-routes.js';
import type { FakeLinePlatform, FakeLinePlatformOptions } from './fake-platform/types.js';

export type {
  DeliveredMessage,
  FakeLinePlatform,
  FakeLinePlatformOptions,
  RecordedCall,
} from './fake-platform/types.js';
export { FAKE_DISPLAY_NAME } from './fake-platform/chat-routes.js';

const DEFAULT_REPLY_TOKEN_TTL_MS = 60_000;
const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

/**
 * Starts a fake platform, by default on 127.0.0.1 and a free port.
 * Guarantees: resolves once the server listens; every instance has its own state, so tests
 * running in parallel do not see each other's messages.
 */
export async function startFakeLinePlatform(options: FakeLinePlatformOptions = {}): Promise<FakeLinePlatform> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const deliveries = createDeliveryLog(now);
  const replyTokens = createReplyTokenRegistry({ ttlMs: options.replyTokenTtlMs ?? DEFAULT_REPLY_TOKEN_TTL_MS, now });
  const failures = createFailureInjector();
  const calls = createCallLog();
  const closing = new AbortController();
  let latencyMs = 0;
  let hungChats: ReadonlySet<string> = new Set();
  /** The chat a send request is for: push names it, a reply's token was issued for it. */
  const hangs = (raw: Buffer): boolean => {
    if (hungChats.size === 0) return false;
    try {
      const body = JSON.parse(raw.toString('utf8')) as { to?: unknown; replyToken?: unknown };
      const chat = typeof body.to === 'string' ? body.to : replyTokens.chatOf(String(body.replyToken));
      return chat !== undefined && hungChats.has(chat);
    } catch {
      return false;
    }
  };

  const routes = [
    ...createSendRoutes({
      replyTokens,
      retryKeys: createRetryKeyRegistry({ ttlMs: RETRY_KEY_TTL_MS, now }),
      deliveries,
    }),
    ...createChatRoutes(),
    ...createRichMenuRoutes(createRichMenuStore()),
  ];
  const handler = createRequestHandler({
    routes,
    calls,
    failures,
    latencyMs: () => latencyMs,
    channelAccessToken: options.channelAccessToken,
    now,
    closing: closing.signal,
    hangs,
  });
  /** Requests being read or answered. */
  let underWay = 0;
  const server = createServer((request, response) => {
    underWay += 1;
    void handler(request, response).finally(() => {
      underWay -= 1;
    });
  });
  const port = await listen(server, options.port ?? 0, host);

  return {
    url: `http://${urlHost(host)}:${port}`,
    calls: () => calls.all(),
    delivered: () => deliveries.all(),
    failNext: (count, status, retryAfterSeconds) => failures.failNext(count, status, retryAfterSeconds),
    setDown: (status) => failures.setDown(status),
    hang(chats) {
      hungChats = new Set(chats);
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
      latencyMs = ms;
    },
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS) => deliveries.waitFor(predicate, timeoutMs),
    onDelivered: (listener) => deliveries.subscribe(listener),
    issueReplyToken: (to) => replyTokens.issue(to),
    settled: (timeoutMs = DEFAULT_WAIT_TIMEOUT_MS) => quiet(server, () => underWay, timeoutMs),
    close: () => {
      closing.abort();
      deliveries.close();
      return closeServer(server);
    },
  };
}

const openConnections = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

/**
 * Waits until no connection is open and no request under way, twice in a row 20 ms apart: a
 * connection the kernel had accepted but the server not yet taken is counted by the second look.
 */
async function quiet(server: Server, underWay: () => number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quietLooks = 0;
  while (quietLooks < 2) {
    if (Date.now() > end) throw new Error(`the fake LINE platform still had calls under way after ${timeoutMs} ms`);
    await delay(20);
    quietLooks = underWay() === 0 && (await openConnections(server)) === 0 ? quietLooks + 1 : 0;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes the server and drops keep-alive connections (fetch keeps them open otherwise). */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) =>
      error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve(),
    );
    server.closeAllConnections();
  });
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
