import type { Response } from 'express';
import { recordAudit, type AuditViewPage } from '../../db/repositories/audit-log-repository.js';
import type { AppContext } from '../app-context.js';
import { readerOf } from './route-helpers.js';

/**
 * Records that an API answer carried these people's personal details, one `view_person` line per
 * person, as the console does for its pages (src/console/audit.ts): who read them is `api:<token
 * name>` (or `api:<by>` / `api:env` with the shared token). `page` says which endpoint.
 */
export async function auditApiReads(
  ctx: Pick<AppContext, 'committer' | 'clock'>,
  res: Response,
  lineUserIds: readonly string[],
  page: AuditViewPage,
  by?: string,
): Promise<void> {
  const people = [...new Set(lineUserIds)];
  if (people.length === 0) return;
  const at = ctx.clock.now().toISOString();
  const loginId = `api:${readerOf(res, by)}`;
  await ctx.committer.run(async (trx) => {
    for (const subject of people)
      await recordAudit(trx, { at, accountId: null, loginId, action: 'view_person', subject, detail: { page } });
  });
}
