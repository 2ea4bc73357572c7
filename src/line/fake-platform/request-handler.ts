import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { CallLog } from './call-log.js';
import type { FailureInjector } from './failure-injector.js';
import { BodyTooLargeError, flattenHeaders, readBody, writeResult, type RouteResult } from './http-io.js';
import {
  AUTH_FAILED,
  AUTH_HEADER_REQUIRED,
  errorResult,
  injectedFailureResult,
  notFoundResult,
} from './line-errors.js';
import { matchRoute, type Route } from './router.js';

export interface RequestHandlerDeps {
  routes: readonly Route[];
  calls: CallLog;
  failures: FailureInjector;
  /** Current artificial latency in milliseconds. */
  latencyMs: () => number;
  channelAccessToken: string | undefined;
  now: () => number;
  /** Aborted when the platform closes, so that pending latency waits end with it. */
  closing: AbortSignal;
  /** True when a send request (its raw body) is for a chat LINE is told to hang on. */
  hangs: (raw: Buffer) => boolean;
}

/** A send request for a hung chat: delivered nothing and never answered while the platform runs. */
const HANG: RouteResult = { status: 0, body: null };

/** Larger than any request the bot sends; rich menu images are at most 1 MB. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The node:http handler of the fake platform.
 * Guarantees: every request is recorded exactly once, with the status it is answered with,
 * before the artificial latency; the work (including delivery) happens before the latency,
 * as when a slow network delays LINE's answer; the handler never rejects, and resolves once the
 * request is answered (or its caller is gone).
 */
export function createRequestHandler(
  deps: RequestHandlerDeps,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return (request, response) => handle(deps, request, response);
}

async function handle(deps: RequestHandlerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const receivedAt = deps.now();
  const requestId = randomUUID();
  const method = request.method ?? 'GET';
  const path = request.url ?? '/';
  const headers = flattenHeaders(request.headers);
  let raw: Buffer = Buffer.alloc(0);
  let result: RouteResult;
  try {
    raw = await readBody(request, MAX_BODY_BYTES);
    result = answer(deps, method, path, headers, raw, requestId);
  } catch (e: unknown) {
    result =
      e instanceof BodyTooLargeError
        ? errorResult(413, 'Request Entity Too Large')
        : errorResult(500, `fake LINE platform error: ${e instanceof Error ? e.message : String(e)}`);
  }
  deps.calls.record({
    method,
    path,
    headers,
    body: describeBody(raw, headers['content-type']),
    receivedAt,
    status: result.status,
    requestId,
  });
  const latency = result === HANG ? Number.MAX_SAFE_INTEGER : deps.latencyMs();
  if (latency > 0) {
    try {
      // A hang ends when the platform closes, or when the caller gives up and drops the connection.
      const gone = new AbortController();
      response.once('close', () => gone.abort());
      await delay(Math.min(latency, 2 ** 31 - 1), undefined, {
        signal: AbortSignal.any([deps.closing, gone.signal]),
      });
    } catch {
      // The platform is closing and drops every connection; there is nobody left to answer.
      return;
    }
  }
  writeResult(response, result, requestId);
}

function answer(
  deps: RequestHandlerDeps,
  method: string,
  path: string,
  headers: Record<string, string>,
  raw: Buffer,
  requestId: string,
): RouteResult {
  const authFailure = checkAuthorization(deps.channelAccessToken, headers.authorization);
  if (authFailure !== undefined) return authFailure;

  const match = matchRoute(deps.routes, method, new URL(path, 'http://fake.invalid').pathname);
  if (match === undefined) return notFoundResult();
  const { route, params } = match;
  if (route.isSend) {
    if (deps.hangs(raw)) return HANG;
    const injected = deps.failures.take();
    if (injected !== null) return injectedFailureResult(injected.status, injected.retryAfterSeconds);
  }

  const contentType = headers['content-type'] ?? '';
  let body: unknown;
  if (route.body === 'binary') body = raw;
  if (route.body === 'json' && raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return errorResult(400, 'The request body could not be parsed as JSON');
    }
  }
  return route.handle({ params, headers, body, contentType, requestId });
}

/** Without a configured token every request is allowed, which suits the local demo. */
function checkAuthorization(expectedToken: string | undefined, header: string | undefined): RouteResult | undefined {
  if (expectedToken === undefined) return undefined;
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (match === null) return errorResult(401, AUTH_HEADER_REQUIRED);
  return match[1] === expectedToken ? undefined : errorResult(401, AUTH_FAILED);
}

/** JSON bodies are recorded parsed; anything else by its type and size (images are not kept twice). */
function describeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type === '') {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return raw.toString('utf8');
    }
  }
  return { contentType: type, byteLength: raw.length };
}
