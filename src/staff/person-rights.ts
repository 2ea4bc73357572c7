import type { Db } from '../../db/database.js';
import { recordAudit } from '../../db/repositories/audit-log-repository.js';
import { isActiveBooking } from '../../db/repositories/bookings-repository.js';
import {
  erasePerson,
  personRecordOf,
  type PersonErased,
  type PersonRecord,
} from '../../db/repositories/person-record-repository.js';
import { truncateLog } from '../../db/truncate-log.js';
import type { AppContext } from '../app-context.js';
import { formatIsoJst, type Instant } from '../calendar/index.js';
import { actionJson, bookingJson } from './staff-json.js';

const jst = (instant: string | null): string | null => (instant === null ? null : formatIsoJst(instant));

/** The conversation's answers so far (the machine's draft), or the whole snapshot when it has none. */
function draftOf(snapshot: unknown): unknown {
  if (typeof snapshot !== 'object' || snapshot === null) return snapshot;
  const context = (snapshot as { context?: unknown }).context;
  if (typeof context !== 'object' || context === null) return snapshot;
  return (context as { draft?: unknown }).draft ?? null;
}

/**
 * Everything the office holds about one person, as the 開示 answer gives it (docs/office-rules.md
 * §16): the same JSON from the console's download and the API. Instants in Japan time.
 */
export function disclosureJson(r: PersonRecord, at: Instant) {
  const u = r.user;
  return {
    lineUserId: u.lineUserId,
    disclosedAt: formatIsoJst(at),
    user: {
      createdAt: formatIsoJst(u.createdAt),
      lastSeenAt: formatIsoJst(u.lastSeenAt),
      counts: { bookings: u.bookingCount, cancellations: u.cancelCount, noShows: u.noShowCount },
      flaggedAt: jst(u.flaggedAt),
      blockedAt: jst(u.blockedAt),
      handoffAt: jst(u.handoffAt),
    },
    terms: {
      agreedVersion: u.termsVersion,
      agreedAt: jst(u.termsAgreedAt),
      lastToldVersion: u.termsNotifiedVersion,
      // Each booking keeps the version agreed to when it was asked for.
      versionsAgreedForBookings: [...new Set(r.bookings.map((b) => b.termsVersion))],
    },
    bookings: r.bookings.map(bookingJson),
    immediateRequests: r.immediateRequests.map((q) => ({
      ...q,
      createdAt: formatIsoJst(q.createdAt),
      acceptedAt: jst(q.acceptedAt),
    })),
    history: r.staffActions.map((a) => ({ subject: a.subjectId, ...actionJson(a) })),
    conversation: r.conversation
      ? { updatedAt: formatIsoJst(r.conversation.updatedAt), draft: draftOf(r.conversation.snapshot) }
      : null,
    queuedMessages: r.messages.map((m) => ({ ...m, createdAt: formatIsoJst(m.createdAt), sentAt: jst(m.sentAt) })),
    audit: r.audit.map((e) => ({
      at: formatIsoJst(e.at),
      by: e.loginId,
      action: e.action,
      subject: e.subject,
      detail: e.detail,
    })),
  };
}

export type DisclosureJson = ReturnType<typeof disclosureJson>;

/** Who asked, as the audit log records them: a console account, or `api:<name>` with no account. */
export interface Requester {
  accountId: number | null;
  loginId: string;
}

/**
 * Reads the person's whole record and records in the audit log, in the same transaction, who
 * produced it and in which form; undefined (and nothing recorded) when there is no such person.
 */
export async function disclosePerson(
  db: Db,
  who: Requester,
  lineUserId: string,
  format: 'json' | 'page',
  now: Instant,
): Promise<PersonRecord | undefined> {
  const record = await personRecordOf(db, lineUserId);
  if (!record) return undefined;
  await recordAudit(db, { at: now, ...who, action: 'disclose_person', subject: lineUserId, detail: { format } });
  return record;
}

export type ErasureResult =
  | { ok: true; erased: PersonErased }
  | { ok: false; refusal: 'not_found' }
  /** A session still to come (or a request awaiting an answer): cancel it first, so nobody is left waiting. */
  | { ok: false; refusal: 'open_booking'; bookingId: string };

/**
 * Erases the person now, on their request (消去, docs/office-rules.md §16): the same as the
 * retention job does, for this person only, and recorded in the audit log with who did it.
 */
export async function erasePersonOnRequest(
  db: Db,
  who: Requester,
  lineUserId: string,
  now: Instant,
): Promise<ErasureResult> {
  const record = await personRecordOf(db, lineUserId);
  if (!record) return { ok: false, refusal: 'not_found' };
  const open = record.bookings.find((b) => isActiveBooking(b, now));
  if (open) return { ok: false, refusal: 'open_booking', bookingId: open.id };
  const erased = await erasePerson(db, lineUserId, now);
  await recordAudit(db, { at: now, ...who, action: 'erase_person', subject: lineUserId, detail: { ...erased } });
  return { ok: true, erased };
}

/**
 * 消去 as the doors run it: committed, then the SQLite log emptied, so the erased values leave the
 * file as well as the tables (docs/storage.md), as after the retention job's erasure.
 */
export async function erasePersonNow(
  ctx: Pick<AppContext, 'committer' | 'db' | 'logger'>,
  who: Requester,
  lineUserId: string,
  now: Instant,
): Promise<ErasureResult> {
  const r = await ctx.committer.run((trx) => erasePersonOnRequest(trx, who, lineUserId, now));
  if (r.ok && !(await truncateLog(ctx.db))) ctx.logger.info('database log in use; it is emptied on the next purge');
  return r;
}
