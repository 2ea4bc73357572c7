import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Actor } from '../bookings/lifecycle.js';
import { parseWith } from './api-schemas.js';
import { sendFailure, sendOutcome, type Outcome } from './outcome.js';

/** The staff member behind an API call, as the lifecycle and the action history record it. */
export function apiActor(by: string): Actor {
  return { id: `api:${by}`, via: 'api' };
}

/**
 * A handler that reads the JSON body with `schema` (400 naming the field when it does not fit),
 * runs `handle` and answers with `render` of its result or with its error.
 * Express 5 passes a rejected promise on to the error handler, which answers 503.
 */
export function withBody<S extends z.ZodType, T>(
  schema: S,
  handle: (body: z.output<S>, req: Request) => Promise<Outcome<T>>,
  render: (value: T) => unknown,
): RequestHandler {
  return async (req, res) => {
    const body = parseWith(schema, req.body);
    if (!body.ok) {
      sendFailure(res, body);
      return;
    }
    sendOutcome(res, await handle(body.value, req), render);
  };
}

/** The same for reads: `handle` gets the parsed query string. */
export function withQuery<S extends z.ZodType, T>(
  schema: S,
  handle: (query: z.output<S>, req: Request) => Promise<Outcome<T>>,
  render: (value: T) => unknown,
): RequestHandler {
  return async (req, res) => {
    const query = parseWith(schema, req.query);
    if (!query.ok) {
      sendFailure(res, query);
      return;
    }
    sendOutcome(res, await handle(query.value, req), render);
  };
}

/** A path parameter (always present on a matched route; '' keeps the types honest). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}
