import type { Db } from '../database.js';
import { rowLimit } from '../row-limit.js';

/**
 * Every kind of line the audit log holds. The console, the API and the command line record only
 * these (the type of `recordAudit` holds them to it), and the console's log page names each one in
 * Japanese (src/console/pages/settings/audit-labels.ts): a new kind goes here first.
 */
export const AUDIT_ACTIONS = [
  // Signing in to the console (subject: the login id typed).
  'login',
  'login_failed',
  'login_refused_locked',
  'locked',
  'unlocked',
  // A person's details: looked at, disclosed, erased (subject: their LINE user id).
  'view_person',
  'disclose_person',
  'erase_person',
  // Staff accounts (subject: the login id).
  'account_add',
  'account_disable',
  'account_enable',
  'account_role',
  'password_reset',
  'password_change',
  'password_change_failed',
  // Office settings: terms versions (their id), the immediate-session switch, API tokens (their name).
  'terms_add',
  'immediate_on',
  'immediate_off',
  'api_token_add',
  'api_token_revoke',
  // Bookings (subject: the booking id), and one booked on a person's behalf (their LINE user id).
  'confirm',
  'propose',
  'cancel',
  'attendance',
  'book_for_person',
  // The bot for a person (their LINE user id).
  'block',
  'unblock',
  'handback',
  // The calendar (subject: `closure:<date>`, `capacity:<slot key>`).
  'closure_set',
  'closure_removed',
  'capacity_set',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where a `view_person` line's details were shown (its detail's `page`): a console page or an API answer. */
export const AUDIT_VIEW_PAGES = [
  'requests',
  'booking',
  'person',
  'people_search',
  'calendar',
  'today',
  'today_print',
  'terms_people',
  'api_bookings',
  'api_booking',
  'api_user',
] as const;

export type AuditViewPage = (typeof AUDIT_VIEW_PAGES)[number];

/** One line of the console's audit log: who did or looked at what, and when. */
export interface AuditEntry {
  at: string;
  accountId: number | null;
  loginId: string;
  action: AuditAction;
  subject: string | null;
  detail: Record<string, unknown> | null;
}

/** A line as stored: its action as written then (a kind since retired reads as it was stored). */
export interface RecordedAuditEntry extends Omit<AuditEntry, 'action'> {
  id: number;
  action: string;
}

export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      account_id: e.accountId,
      login_id: e.loginId,
      action: e.action,
      subject: e.subject,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

export interface AuditFilter {
  loginId?: string;
  action?: string;
  subject?: string;
  limit?: number;
  /** Entries with an id below this one (the next page of an older-first walk). */
  beforeId?: number;
}

/** The newest entries first. */
export async function listAudit(db: Db, f: AuditFilter = {}): Promise<RecordedAuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.loginId !== undefined) q = q.where('login_id', '=', f.loginId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.subject !== undefined) q = q.where('subject', '=', f.subject);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(rowLimit(f.limit ?? 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    accountId: r.account_id,
    loginId: r.login_id,
    action: r.action,
    subject: r.subject,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  }));
}
