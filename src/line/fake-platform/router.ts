import type { RouteResult } from './http-io.js';

/** What a route handler gets from the request. */
export interface RouteRequest {
  params: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON for `json` routes, the raw bytes for `binary` routes, undefined for `none`. */
  body: unknown;
  contentType: string;
  requestId: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Path with `:name` placeholders, e.g. `/v2/bot/profile/:userId`. */
  pattern: string;
  body: 'json' | 'binary' | 'none';
  /** Send routes (reply, push) are the ones `failNext` and `setDown` affect. */
  isSend?: boolean;
  handle(request: RouteRequest): RouteResult;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the first route whose method and pattern match.
 * Guarantees: literal segments match exactly, `:name` segments match one non-empty segment
 * (URL-decoded), and routes are tried in the order given, so literals listed first win.
 */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | undefined {
  const segments = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern.split('/'), segments);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const actual = segments[i] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      const decoded = safeDecode(actual);
      if (decoded === undefined) return undefined;
      params[expected.slice(1)] = decoded;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
