import express, { type Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { by, byOnlyBody } from './api-schemas.js';
import { done, fail, notFound, type Outcome } from './outcome.js';
import { disclosePerson, disclosureJson, erasePersonNow, type Requester } from './person-rights.js';
import type { PersonErased } from '../../db/repositories/person-record-repository.js';
import { param, readerOf, withBody, withQuery } from './route-helpers.js';

/** Who asked is recorded: the token's name, or with the shared token the `by` it sends. */
const disclosureQuery = z.strictObject({ by: by.optional() });

/** An API caller as the audit log records them: no console account, `api:<by>`. */
const apiRequester = (name: string): Requester => ({ accountId: null, loginId: `api:${name}` });

/** 開示 and 消去 for one person (docs/office-rules.md §16), each recorded in the audit log. */
export function personRightsApiRoutes(ctx: AppContext): Router {
  const router = express.Router();

  router.get(
    '/api/users/:lineUserId/disclosure',
    withQuery(
      disclosureQuery,
      async (q, req, res): Promise<Outcome<ReturnType<typeof disclosureJson>>> => {
        const now = ctx.clock.now().toISOString();
        const record = await ctx.committer.run((trx) =>
          disclosePerson(trx, apiRequester(readerOf(res, q.by)), param(req, 'lineUserId'), 'json', now),
        );
        return record ? done(disclosureJson(record, now)) : notFound('user');
      },
      (disclosure) => ({ disclosure }),
    ),
  );

  router.post(
    '/api/users/:lineUserId/erase',
    withBody(
      byOnlyBody,
      async (b, req): Promise<Outcome<PersonErased>> => {
        const now = ctx.clock.now().toISOString();
        const r = await erasePersonNow(ctx, apiRequester(b.by), param(req, 'lineUserId'), now);
        if (r.ok) return done(r.erased);
        if (r.refusal === 'not_found') return notFound('user');
        return fail(409, 'open_booking', `booking ${r.bookingId} is still open: cancel it before erasing the person`);
      },
      (erased) => ({ erased }),
    ),
  );

  return router;
}
