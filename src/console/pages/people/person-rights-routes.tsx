import express, { type Request, type Response, type Router } from 'express';
import { personRecordOf } from '../../../../db/repositories/person-record-repository.js';
import type { AppContext } from '../../../app-context.js';
import { disclosePerson, disclosureJson, erasePersonNow, type Requester } from '../../../staff/person-rights.js';
import { receiptNumber } from '../../../messages/booking-cards.js';
import { signedIn, type SignedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { PersonDisclosurePage } from './person-disclosure-page.js';
import { PersonErasePage } from './person-erase-page.js';
import { sendPersonNotFound } from './person-not-found.js';

const requester = (who: SignedIn): Requester => ({ accountId: who.account.id, loginId: who.account.loginId });
const personOf = (req: Request): string => String(req.params.lineUserId);
const personPath = (lineUserId: string) => `/staff/people/${encodeURIComponent(lineUserId)}`;

/** Where the erasure leaves staff: the person's page, saying what was done. */
export const ERASED_NOTICE = 'ご本人の申出により、この方の個人情報を消去しました。';

/** A person's rights (docs/office-rules.md §16): 開示 as a page or a JSON file, and 消去 after a confirmation. */
export function personRightsRoutes(ctx: AppContext): Router {
  const router = express.Router();
  const now = () => ctx.clock.now().toISOString();

  async function disclose(req: Request, res: Response, format: 'json' | 'page') {
    const who = signedIn(res);
    const at = now();
    const id = personOf(req);
    const record = await ctx.committer.run((trx) => disclosePerson(trx, requester(who), id, format, at));
    if (!record) return sendPersonNotFound(res, ctx, who);
    if (format === 'page')
      return sendPage(res, <PersonDisclosurePage frame={frameOf(ctx, who)} record={record} at={at} />);
    res
      .type('json')
      .attachment(`disclosure-${id}.json`)
      .send(JSON.stringify(disclosureJson(record, at), null, 2));
  }

  router.get('/staff/people/:lineUserId/disclosure', (req, res) => disclose(req, res, 'page'));
  router.get('/staff/people/:lineUserId/disclosure.json', (req, res) => disclose(req, res, 'json'));

  async function showErase(req: Request, res: Response, error: string | null, status = 200) {
    const who = signedIn(res);
    const record = await personRecordOf(ctx.db, personOf(req));
    if (!record) return sendPersonNotFound(res, ctx, who);
    sendPage(res, <PersonErasePage frame={frameOf(ctx, who)} record={record} error={error} />, status);
  }

  router.get('/staff/people/:lineUserId/erase', (req, res) => showErase(req, res, null));

  router.post('/staff/people/:lineUserId/erase', async (req, res) => {
    const who = signedIn(res);
    const id = personOf(req);
    if ((req.body as Record<string, unknown> | undefined)?.confirm !== 'yes')
      return showErase(req, res, 'ご本人からの申出と本人確認を確かめて、チェックを入れてください。', 400);
    const at = now();
    const r = await erasePersonNow(ctx, requester(who), id, at);
    if (r.ok) return res.redirect(303, `${personPath(id)}?done=erase`);
    if (r.refusal === 'not_found') return sendPersonNotFound(res, ctx, who);
    return showErase(
      req,
      res,
      `受付番号 ${receiptNumber(r.bookingId)} の予約がまだ終わっていません。先にキャンセルしてから消去してください。`,
      409,
    );
  });

  return router;
}
