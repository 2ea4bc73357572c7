import express, { type Response, type Router } from 'express';
import { termsAgreedPeople, termsAgreementCounts } from '../../../../db/repositories/terms-agreements-repository.js';
import {
  currentTerms,
  getTerms,
  latestConsentSummary,
  listTerms,
} from '../../../../db/repositories/terms-repository.js';
import type { AppContext } from '../../../app-context.js';
import { toLocal } from '../../../calendar/index.js';
import { registerTermsVersion, termsRegistrationCheck } from '../../../staff/office-settings.js';
import { auditViews } from '../../audit.js';
import { signedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleDone, consoleRefused } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import type { FieldErrors } from './account-rules.js';
import { formBody, formText, queryText } from './form-body.js';
import { TermsPage, TermsPeoplePage, type TermsFormValues } from './terms-page.js';
import { parseTermsForm, termsRefusalJa } from './terms-rules.js';

const NOTICES: Record<string, string> = {
  added: '新しい版を登録しました。申し込み中・予約中の人へ、変更点と適用開始日をLINEで知らせます。',
  same: 'この版は同じ内容で登録済みです。何も変更していません。',
};

/** 利用規約の版: the versions with how many agreed, who agreed (on request), and a new version. */
export function termsPages(ctx: AppContext): Router {
  const router = express.Router();

  const show = async (
    res: Response,
    status: number,
    form: TermsFormValues,
    errors: FieldErrors,
    notice: string | null,
    confirming = false,
  ) => {
    const now = ctx.clock.now().toISOString();
    sendPage(
      res,
      <TermsPage
        frame={frameOf(ctx, signedIn(res))}
        versions={await listTerms(ctx.db)}
        current={(await currentTerms(ctx.db, now))?.id ?? null}
        today={toLocal(now).date}
        counts={await termsAgreementCounts(ctx.db)}
        notice={notice}
        form={form}
        errors={errors}
        confirming={confirming}
      />,
      status,
    );
  };

  // The consent summary starts as the newest version's: staff edit it only where the terms change.
  const emptyForm = async (): Promise<TermsFormValues> => ({
    id: '',
    effective_from: '',
    url: '',
    summary: '',
    consent_summary: (await latestConsentSummary(ctx.db)) ?? '',
  });

  router.get('/staff/settings/terms', async (req, res) => {
    await show(res, 200, await emptyForm(), {}, NOTICES[queryText(req, 'done')] ?? null);
  });

  router.post('/staff/settings/terms', async (req, res) => {
    const who = signedIn(res);
    const form = {
      id: formText(req, 'id'),
      effective_from: formText(req, 'effective_from'),
      url: formText(req, 'url'),
      summary: formText(req, 'summary'),
      consent_summary: formText(req, 'consent_summary'),
    };
    const parsed = parseTermsForm(formBody(req));
    if (!parsed.ok) {
      await show(res, 400, form, parsed.errors, null);
      return;
    }
    const terms = parsed.value;
    // A new version is registered only once it has been shown back and confirmed: it cannot be
    // withdrawn. A refusal is shown at once, and the same version again needs no confirming.
    if (formText(req, 'confirmed') !== '1') {
      const check = await termsRegistrationCheck(ctx.db, terms, ctx.clock.now().toISOString());
      if ('refusal' in check) {
        const { field, message } = termsRefusalJa(check.refusal, terms.id);
        await show(res, check.refusal.code === 'too_far' ? 400 : 409, form, { [field]: message }, null);
        return;
      }
      if ('new' in check) {
        await show(res, 200, form, {}, null, true);
        return;
      }
    }
    let created = false;
    const r = await changeFromConsole(
      ctx,
      who,
      'terms_add',
      terms.id,
      async ({ trx, now, by }) => {
        const reg = await registerTermsVersion(trx, terms, by, now);
        if (!reg.ok) {
          const { field, message } = termsRefusalJa(reg.refusal, terms.id);
          return consoleRefused(reg.refusal.code === 'too_far' ? 400 : 409, message, field);
        }
        created = reg.created;
        return consoleDone();
      },
      { effectiveFrom: terms.effectiveFrom, url: terms.url, summary: terms.summary },
    );
    if (!r.ok) {
      await show(res, r.status, form, { [r.field ?? 'id']: r.message }, null);
      return;
    }
    res.redirect(303, `/staff/settings/terms?done=${created ? 'added' : 'same'}`);
  });

  router.get('/staff/settings/terms/:id/people', async (req, res) => {
    const who = signedIn(res);
    const terms = await getTerms(ctx.db, typeof req.params.id === 'string' ? req.params.id : '');
    if (!terms) {
      await show(res, 404, await emptyForm(), {}, 'その版は登録されていません。');
      return;
    }
    const people = await termsAgreedPeople(ctx.db, terms.id);
    await auditViews(
      ctx.db,
      who,
      ctx.clock.now().toISOString(),
      people.filter((p) => p.name !== null).map((p) => p.lineUserId),
      'terms_people',
    );
    sendPage(res, <TermsPeoplePage frame={frameOf(ctx, who)} terms={terms} people={people} />);
  });

  return router;
}
