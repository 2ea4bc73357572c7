import express, { type Router } from 'express';
import { switchRow } from '../../db/repositories/office-state-repository.js';
import { currentTerms, listTerms } from '../../db/repositories/terms-repository.js';
import { formatIsoJst } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { immediateBody, termsBody } from './api-schemas.js';
import { mutate } from './mutation.js';
import { IMMEDIATE_SWITCH, registerTermsVersion, switchImmediate } from './office-settings.js';
import { done, fail } from './outcome.js';
import { apiActor, withBody } from './route-helpers.js';
import { termsJson } from './staff-json.js';

export { IMMEDIATE_SWITCH };

const switchJson = (s: { on: boolean; updatedAt: string | null }) => ({
  enabled: s.on,
  updatedAt: s.updatedAt === null ? null : formatIsoJst(s.updatedAt),
});

/** Terms versions and the immediate-session switch: office-wide settings staff change at run time. */
export function settingsRoutes(ctx: AppContext): Router {
  const router = express.Router();

  router.get('/api/terms', async (_req, res) => {
    const current = await currentTerms(ctx.db, ctx.clock.now().toISOString());
    const rows = await listTerms(ctx.db);
    res.json({ current: current?.id ?? null, terms: rows.map((r) => termsJson(r, current?.id ?? null)) });
  });

  router.post(
    '/api/terms',
    withBody(
      termsBody,
      (b) =>
        mutate(ctx, async (trx, now) => {
          const r = await registerTermsVersion(
            trx,
            {
              id: b.id,
              effectiveFrom: b.effectiveFrom,
              url: b.url,
              summary: b.summary,
              consentSummary: b.consentSummary,
            },
            apiActor(b.by),
            now,
          );
          if (r.ok) return done({ row: r.row, current: r.current }, [], r.created ? 201 : 200);
          switch (r.refusal.code) {
            case 'too_far':
              return fail(
                400,
                'invalid_field',
                `effectiveFrom must be at most a year ahead (no later than ${r.refusal.latestAllowed})`,
                'effectiveFrom',
              );
            case 'conflict':
              return fail(
                409,
                'terms_conflict',
                `terms version ${b.id} is already registered with another effective date, URL or summary`,
                'id',
              );
            case 'not_newer':
              return fail(
                409,
                'terms_not_newer',
                `a new version must take effect after the newest registered one (${r.refusal.latest})`,
                'effectiveFrom',
              );
          }
        }),
      (v) => ({ terms: termsJson(v.row, v.current) }),
    ),
  );

  router.get('/api/immediate', async (_req, res) => {
    res.json(switchJson(await switchRow(ctx.db, IMMEDIATE_SWITCH)));
  });

  router.put(
    '/api/immediate',
    withBody(
      immediateBody,
      (b) =>
        mutate(ctx, async (trx, now) => {
          const r = await switchImmediate(trx, b.enabled, apiActor(b.by), b.by, ctx.staffGroupId, now);
          return done(r.state, r.dispatches);
        }),
      switchJson,
    ),
  );

  return router;
}
