import express, { type Request, type Response, type Router } from 'express';
import { recentBookingsOf } from '../../../../db/repositories/bookings-repository.js';
import { peopleMatching } from '../../../../db/repositories/people-search-repository.js';
import { staffAccountByLogin } from '../../../../db/repositories/staff-accounts-repository.js';
import { staffActionsOf } from '../../../../db/repositories/staff-actions-repository.js';
import { getUser } from '../../../../db/repositories/users-repository.js';
import type { Db } from '../../../../db/database.js';
import type { AppContext } from '../../../app-context.js';
import { auditViews } from '../../audit.js';
import { signedIn } from '../../auth/signed-in.js';
import type { ConsoleOutcome } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { echoOf } from '../requests/booking-forms.js';
import type { BookNextFailure } from './book-next-form.js';
import { PeopleSearchPage } from './people-search-page.js';
import { bookNextSession, parseBookNextForm } from './person-booking.js';
import { blockPerson, handBackPerson, unblockPerson, type PersonAction } from './person-changes.js';
import { openBookingsOf } from './open-bookings.js';
import { PersonPage } from './person-page.js';
import { sendPersonNotFound } from './person-not-found.js';
import { ERASED_NOTICE, personRightsRoutes } from './person-rights-routes.js';
import { personSummary, type PersonSummary } from './person-summary.js';
import { MAX_QUERY, peopleSearchOf } from './search-query.js';

/** The most people one search lists: enough for a common surname, few enough to read. */
const SEARCH_LIMIT = 50;
/** More bookings than one person makes in years of the service. */
const BOOKINGS_SHOWN = 500;
/** The longest block reason, as the JSON API allows (src/staff/api-schemas.ts). */
const REASON_MAX = 200;

const DONE_JA: Record<PersonAction, string> = {
  block: '自動応答を停止しました。ご本人にお電話での問い合わせを案内し、職員グループにも知らせました。',
  unblock: '自動応答の停止を解除しました。職員グループにも知らせました。',
  handback: 'トークを自動応答に戻しました。ご本人と職員グループにも知らせました。',
};
/** After booking the person's next session from their page. */
const BOOKED_JA =
  '次回の相談を予約し、確定しました。ご本人にLINEで確定のお知らせを送り、職員グループにも知らせました。';

const PERSON_ACTIONS: readonly string[] = ['block', 'unblock', 'handback'];

async function summaryOf(db: Db, lineUserId: string): Promise<PersonSummary | undefined> {
  const user = await getUser(db, lineUserId);
  return user && personSummary(user, await recentBookingsOf(db, lineUserId, BOOKINGS_SHOWN));
}

const personPath = (lineUserId: string) => `/staff/people/${encodeURIComponent(lineUserId)}`;

/** The 利用者 section (docs/staff-console.md): search, one person's page, and stopping or restarting the bot. */
export function peoplePages(ctx: AppContext): Router {
  const router = express.Router();
  const now = () => ctx.clock.now().toISOString();

  router.get('/staff/people', async (req, res) => {
    const who = signedIn(res);
    const query = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_QUERY) : '';
    const search = peopleSearchOf(query);
    let results: PersonSummary[] | null = null;
    if (search) {
      const ids = await peopleMatching(ctx.db, search, SEARCH_LIMIT);
      results = [];
      for (const id of ids) {
        const summary = await summaryOf(ctx.db, id);
        if (summary) results.push(summary);
      }
      await auditViews(
        ctx.db,
        who,
        now(),
        results.filter((p) => p.details !== null).map((p) => p.lineUserId),
        'people_search',
      );
    }
    sendPage(res, <PeopleSearchPage frame={frameOf(ctx, who)} query={query} results={results} limit={SEARCH_LIMIT} />);
  });

  /** The person's page, with a notice after a change or a refusal beside its form. */
  async function showPerson(
    req: Request,
    res: Response,
    status: number,
    notice: string | null,
    error: { action: PersonAction; message: string } | null,
    reason = '',
    bookFailure: BookNextFailure | null = null,
  ): Promise<void> {
    const who = signedIn(res);
    const lineUserId = String(req.params.lineUserId);
    const user = await getUser(ctx.db, lineUserId);
    if (!user) {
      sendPersonNotFound(res, ctx, who);
      return;
    }
    const bookings = await recentBookingsOf(ctx.db, lineUserId, BOOKINGS_SHOWN);
    const actions = (await staffActionsOf(ctx.db, lineUserId)).filter((a) => PERSON_ACTIONS.includes(a.action));
    const person = personSummary(user, bookings);
    const open = openBookingsOf(bookings, now());
    const staffNames = new Map<string, string>();
    for (const a of actions) {
      if (!a.staffId.startsWith('console:')) continue;
      const login = a.staffId.slice('console:'.length);
      const account = await staffAccountByLogin(ctx.db, login);
      if (account) staffNames.set(login, account.name);
    }
    if (person.details) await auditViews(ctx.db, who, now(), [lineUserId], 'person');
    sendPage(
      res,
      <PersonPage
        frame={frameOf(ctx, who)}
        person={person}
        bookings={bookings}
        open={open}
        actions={actions}
        notice={notice}
        error={error}
        reason={reason}
        staffNames={staffNames}
        bookFailure={bookFailure}
      />,
      status,
    );
  }

  router.use(personRightsRoutes(ctx));

  router.get('/staff/people/:lineUserId', async (req, res) => {
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    const notice =
      done === 'book'
        ? BOOKED_JA
        : done === 'erase'
          ? ERASED_NOTICE
          : done in DONE_JA
            ? DONE_JA[done as PersonAction]
            : null;
    await showPerson(req, res, 200, notice, null);
  });

  /** After a change: back to the person's page with a notice; a refusal shows the page again with why. */
  async function answer(req: Request, res: Response, action: PersonAction, outcome: ConsoleOutcome, reason = '') {
    const lineUserId = String(req.params.lineUserId);
    if (outcome.ok) {
      res.redirect(303, `${personPath(lineUserId)}?done=${action}`);
      return;
    }
    await showPerson(req, res, outcome.status, null, { action, message: outcome.message }, reason);
  }

  router.post('/staff/people/:lineUserId/block', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const raw = typeof body?.reason === 'string' ? body.reason.trim() : '';
    if (raw.length > REASON_MAX) {
      await showPerson(
        req,
        res,
        400,
        null,
        { action: 'block', message: `理由は${REASON_MAX}文字までで入力してください（いま${raw.length}文字）。` },
        raw,
      );
      return;
    }
    const ack = typeof body?.open_ack === 'string' ? body.open_ack : '';
    const outcome = await blockPerson(ctx, signedIn(res), String(req.params.lineUserId), raw === '' ? null : raw, ack);
    await answer(req, res, 'block', outcome, raw);
  });

  router.post('/staff/people/:lineUserId/unblock', async (req, res) => {
    await answer(req, res, 'unblock', await unblockPerson(ctx, signedIn(res), String(req.params.lineUserId)));
  });

  router.post('/staff/people/:lineUserId/handback', async (req, res) => {
    await answer(req, res, 'handback', await handBackPerson(ctx, signedIn(res), String(req.params.lineUserId)));
  });

  router.post('/staff/people/:lineUserId/book', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lineUserId = String(req.params.lineUserId);
    const parsed = parseBookNextForm(body);
    const outcome = parsed.ok
      ? await bookNextSession(ctx, signedIn(res), lineUserId, parsed.value)
      : ({ ok: false, status: 400, ...parsed.problem } as const);
    if (outcome.ok) {
      res.redirect(303, `${personPath(lineUserId)}?done=book`);
      return;
    }
    const failure: BookNextFailure = {
      ...(outcome.field !== undefined ? { field: outcome.field } : {}),
      message: outcome.message,
      values: echoOf(body),
    };
    await showPerson(req, res, outcome.status, null, null, '', failure);
  });

  return router;
}
