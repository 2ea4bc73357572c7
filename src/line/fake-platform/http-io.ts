import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What a route answers; the request handler turns it into an HTTP response. */
export interface RouteResult {
  status: number;
  /** Sent as JSON unless it is a Buffer, which is sent as is with `contentType`. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Thrown by `readBody` when the body exceeds the limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole request body.
 * Guarantees: resolves with at most `limitBytes` bytes, or rejects with BodyTooLargeError
 * (after which the rest of the body is drained, so the connection stays usable).
 */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) {
      request.resume();
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Header names lower-cased; repeated headers joined with ", " as HTTP allows. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Writes a route result. Guarantees: never throws, even when the client has gone away
 * (a client that aborted after a timeout is a normal case in retry tests).
 */
export function writeResult(response: ServerResponse, result: RouteResult, requestId: string): void {
  if (response.destroyed || response.writableEnded) return;
  const isBinary = Buffer.isBuffer(result.body);
  const payload = isBinary ? (result.body as Buffer) : Buffer.from(JSON.stringify(result.body ?? {}));
  try {
    response.writeHead(result.status, {
      'content-type': isBinary ? (result.contentType ?? 'application/octet-stream') : 'application/json',
      'content-length': String(payload.length),
      'x-line-request-id': requestId,
      ...result.headers,
    });
    response.end(payload);
  } catch (e: unknown) {
    // The socket closed between the check above and the write: nobody is left to answer.
    response.destroy(e instanceof Error ? e : undefined);
  }
}
