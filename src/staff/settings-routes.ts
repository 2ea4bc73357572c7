import express, { type Router } from 'express';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { setSwitch, switchRow } from '../../db/repositories/office-state-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import {
  currentTerms,
  ensureTermsVersion,
  getTerms,
  latestEffectiveFrom,
  listTerms,
} from '../../db/repositories/terms-repository.js';
import { formatIsoJst, toInstant } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { immediateBody, termsBody } from './api-schemas.js';
import { mutate } from './mutation.js';
import { done, fail } from './outcome.js';
import { apiActor, withBody } from './route-helpers.js';
import { termsJson } from './staff-json.js';
import { isTermsDateTooFar, latestTermsEffectiveFrom } from './terms-dates.js';
import { immediateNote } from '../messages/staff-notes.js';

/** The switch the conversation reads before offering an immediate session. */
export const IMMEDIATE_SWITCH = 'immediate';

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
          if (isTermsDateTooFar(b.effectiveFrom, now)) {
            return fail(
              400,
              'invalid_field',
              `effectiveFrom must be at most a year ahead (no later than ${latestTermsEffectiveFrom(now)})`,
              'effectiveFrom',
            );
          }
          const existing = await getTerms(trx, b.id);
          if (existing) {
            if (existing.effectiveFrom !== b.effectiveFrom || existing.url !== b.url) {
              return fail(
                409,
                'terms_conflict',
                `terms version ${b.id} is already registered with another effective date or URL`,
                'id',
              );
            }
            // The same registration again: nothing to do, and users are not told twice.
            return done({ row: existing, current: (await currentTerms(trx, now))?.id ?? null });
          }
          const latest = await latestEffectiveFrom(trx);
          if (latest !== undefined && b.effectiveFrom <= latest) {
            return fail(
              409,
              'terms_not_newer',
              `a new version must take effect after the newest registered one (${latest})`,
              'effectiveFrom',
            );
          }
          await ensureTermsVersion(trx, { id: b.id, effectiveFrom: b.effectiveFrom, url: b.url }, now);
          // Users with an open booking are told once, when the version takes effect (00:00 JST).
          const effective = toInstant({ date: b.effectiveFrom, minutes: 0 });
          await scheduleJob(trx, 'terms_notice', b.id, effective > now ? effective : now, now);
          await recordStaffAction(trx, {
            subjectId: `terms:${b.id}`,
            action: 'terms_registered',
            staffId: apiActor(b.by).id,
            via: 'api',
            detail: { effectiveFrom: b.effectiveFrom, url: b.url },
            at: now,
          });
          return done(
            { row: (await getTerms(trx, b.id))!, current: (await currentTerms(trx, now))?.id ?? null },
            [],
            201,
          );
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
          const before = await switchRow(trx, IMMEDIATE_SWITCH);
          await setSwitch(trx, IMMEDIATE_SWITCH, b.enabled, now);
          await recordStaffAction(trx, {
            subjectId: IMMEDIATE_SWITCH,
            action: b.enabled ? 'immediate_on' : 'immediate_off',
            staffId: apiActor(b.by).id,
            via: 'api',
            at: now,
          });
          // Tell the staff group only when the switch actually flips.
          const dispatches = before.on !== b.enabled ? [immediateNote(ctx.staffGroupId, b.enabled, b.by)] : [];
          return done(await switchRow(trx, IMMEDIATE_SWITCH), dispatches);
        }),
      switchJson,
    ),
  );

  return router;
}
