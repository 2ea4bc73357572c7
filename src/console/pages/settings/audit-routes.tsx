import express, { type Request, type Router } from 'express';
import type { Db } from '../../../../db/database.js';
import { listAudit, type RecordedAuditEntry } from '../../../../db/repositories/audit-log-repository.js';
import { getBooking, latestBookingOf } from '../../../../db/repositories/bookings-repository.js';
import { listStaffAccounts } from '../../../../db/repositories/staff-accounts-repository.js';
import type { AppContext } from '../../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { instantJa } from '../../views/format.js';
import { Page, type PageFrame } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  auditActorText,
  auditDetailText,
  auditSubjectKind,
  auditSubjectText,
  type AuditNames,
} from './audit-labels.js';
import { queryText } from './form-body.js';
import { BackToSettings } from './settings-views.js';
import { TableScroll } from '../../views/table-scroll.js';

export const AUDIT_PAGE_SIZE = 50;

/** The filters of the log page, read from its query string (blank = no filter). */
export interface AuditQuery {
  login: string;
  action: string;
  subject: string;
  before: number | undefined;
}

export function auditQueryOf(req: Request): AuditQuery {
  const before = Number(queryText(req, 'before'));
  return {
    login: queryText(req, 'login').trim().slice(0, 100),
    action: queryText(req, 'action').trim().slice(0, 100),
    subject: queryText(req, 'subject').trim().slice(0, 200),
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

/** The log of one subject alone (the subject filter), as a subject's link leads to it. */
export const subjectHref = (subject: string): string => `/staff/settings/audit?${new URLSearchParams({ subject })}`;

/**
 * The names the page's lines need: every staff account, and the name on the request of each
 * person and booking they are about (null once erased). Only the short form of a person's name is
 * shown, as in the staff group's notes, so reading the log is not a look at anyone's details.
 */
async function namesFor(db: Db, entries: readonly RecordedAuditEntry[]): Promise<AuditNames> {
  const staff = new Map((await listStaffAccounts(db)).map((a) => [a.loginId, a.name]));
  const people = new Map<string, string | null>();
  const bookings = new Map<string, string | null>();
  for (const e of entries) {
    if (e.subject === null) continue;
    const kind = auditSubjectKind(e.action);
    if (kind === 'person' && !people.has(e.subject)) {
      const latest = await latestBookingOf(db, e.subject);
      people.set(e.subject, latest && latest.personalDataErasedAt === null ? latest.name : null);
    }
    if (kind === 'booking' && !bookings.has(e.subject)) {
      const booking = await getBooking(db, e.subject);
      bookings.set(e.subject, booking && booking.personalDataErasedAt === null ? booking.name : null);
    }
  }
  return { staff, people, bookings };
}

/** The link to the next (older) page, keeping the filters. */
export function olderHref(q: AuditQuery, lastId: number): string {
  const params = new URLSearchParams();
  if (q.login) params.set('login', q.login);
  if (q.action) params.set('action', q.action);
  if (q.subject) params.set('subject', q.subject);
  params.set('before', String(lastId));
  return `/staff/settings/audit?${params}`;
}

function AuditPage(props: {
  frame: PageFrame;
  q: AuditQuery;
  entries: readonly RecordedAuditEntry[];
  names: AuditNames;
  more: boolean;
}) {
  const { q, entries, names } = props;
  const actions = Object.entries(AUDIT_ACTION_LABELS);
  const filtered = q.login !== '' || q.action !== '' || q.subject !== '';
  return (
    <Page frame={props.frame} section="settings" title="操作記録">
      <BackToSettings />
      <form method="get" action="/staff/settings/audit" class="toolbar" role="search" aria-label="操作記録の絞り込み">
        <div class="field">
          <label for="login">ログインID</label>
          <input id="login" name="login" value={q.login} autocomplete="off" size={14} />
        </div>
        <div class="field">
          <label for="action">操作</label>
          <select id="action" name="action">
            <option value="">すべて</option>
            {actions.map(([value, label]) => (
              <option key={value} value={value} selected={q.action === value}>
                {label}
              </option>
            ))}
            {q.action !== '' && !(q.action in AUDIT_ACTION_LABELS) ? (
              <option value={q.action} selected>
                {q.action}
              </option>
            ) : null}
          </select>
        </div>
        <div class="field">
          <label for="subject">対象</label>
          <input id="subject" name="subject" value={q.subject} autocomplete="off" size={22} />
        </div>
        <button type="submit">絞り込む</button>
        {filtered ? (
          <a class="button secondary" href="/staff/settings/audit">
            条件を消す
          </a>
        ) : null}
      </form>
      {q.before !== undefined ? (
        <p>
          <a href="/staff/settings/audit">最新の記録へ戻る</a>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p>{filtered ? '条件に合う記録はありません。' : '記録はまだありません。'}</p>
      ) : (
        <TableScroll label="操作記録">
          <table class="audit-log">
            <caption class="visually-hidden">操作記録（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">職員</th>
                <th scope="col">操作</th>
                <th scope="col">対象</th>
                <th scope="col">詳細</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row" class="audit-at">
                    {instantJa(e.at)}
                  </th>
                  <td>{auditActorText(e.loginId, names)}</td>
                  <td>{auditActionLabel(e.action)}</td>
                  <td class="audit-subject">
                    {e.subject === null ? null : (
                      <a href={subjectHref(e.subject)} title="この対象の記録だけを表示">
                        {auditSubjectText(e.action, e.subject, names)}
                      </a>
                    )}
                  </td>
                  <td>{auditDetailText(e.action, e.detail, instantJa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.more ? (
        <p>
          <a href={olderHref(q, entries[entries.length - 1]!.id)}>さらに古い記録</a>
        </p>
      ) : null}
    </Page>
  );
}

/** 操作記録: the audit log, newest first, filtered by login id, action and subject, in pages. */
export function auditPages(ctx: AppContext): Router {
  const router = express.Router();
  router.get('/staff/settings/audit', async (req, res) => {
    const q = auditQueryOf(req);
    const rows = await listAudit(ctx.db, {
      ...(q.login ? { loginId: q.login } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.subject ? { subject: q.subject } : {}),
      ...(q.before !== undefined ? { beforeId: q.before } : {}),
      limit: AUDIT_PAGE_SIZE + 1,
    });
    const entries = rows.slice(0, AUDIT_PAGE_SIZE);
    sendPage(
      res,
      <AuditPage
        frame={frameOf(ctx, signedIn(res))}
        q={q}
        entries={entries}
        names={await namesFor(ctx.db, entries)}
        more={rows.length > AUDIT_PAGE_SIZE}
      />,
    );
  });
  return router;
}
