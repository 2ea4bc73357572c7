import type { Request, RequestHandler, Response } from 'express';
import { apiCallerOf } from '../http/staff-auth.js';
import type { z } from 'zod';
import type { Actor } from '../bookings/lifecycle.js';
import { parseWith } from './api-schemas.js';
import { fail, sendFailure, sendOutcome, type Failure, type Outcome } from './outcome.js';

/** The staff member behind an API call, as the lifecycle and the action history record it. */
export function apiActor(by: string): Actor {
  return { id: `api:${by}`, via: 'api' };
}

/**
 * The body as the schemas read it, with `by` filled in from the caller's token: a named token is
 * its caller, so `by` cannot name anyone else (one that does is refused). With the deprecated
 * shared token, callers still name themselves in `by`.
 */
export function withCallerBy(res: Response, input: unknown): { ok: true; value: unknown } | Failure {
  const caller = apiCallerOf(res);
  if (caller.kind === 'env') return { ok: true, value: input };
  const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  const given = (body as { by?: unknown }).by;
  if (given !== undefined && given !== caller.name)
    return fail(400, 'invalid_field', 'by is the name of the API token; leave it out', 'by');
  return { ok: true, value: { ...body, by: caller.name } };
}

/** Who reads, for the audit log: the token's name, or `by` (else "env") with the shared token. */
export function readerOf(res: Response, by: string | undefined): string {
  const caller = apiCallerOf(res);
  return caller.kind === 'named' ? caller.name : (by ?? caller.name);
}

/**
 * A handler that reads the JSON body with `schema` (400 naming the field when it does not fit),
 * runs `handle` and answers with `render` of its result or with its error.
 * Express 5 passes a rejected promise on to the error handler, which answers 503.
 */
export function withBody<S extends z.ZodType, T>(
  schema: S,
  handle: (body: z.output<S>, req: Request, res: Response) => Promise<Outcome<T>>,
  render: (value: T) => unknown,
): RequestHandler {
  return async (req, res) => {
    const input = withCallerBy(res, req.body);
    const body = input.ok ? parseWith(schema, input.value) : input;
    if (!body.ok) {
      sendFailure(res, body);
      return;
    }
    sendOutcome(res, await handle(body.value, req, res), render);
  };
}

/** The same for reads: `handle` gets the parsed query string. */
export function withQuery<S extends z.ZodType, T>(
  schema: S,
  handle: (query: z.output<S>, req: Request, res: Response) => Promise<Outcome<T>>,
  render: (value: T) => unknown,
): RequestHandler {
  return async (req, res) => {
    const query = parseWith(schema, req.query);
    if (!query.ok) {
      sendFailure(res, query);
      return;
    }
    sendOutcome(res, await handle(query.value, req, res), render);
  };
}

/** A path parameter (always present on a matched route; '' keeps the types honest). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}
