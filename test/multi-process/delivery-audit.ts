/**
 * After a load on several processes: what the database holds and what the fake LINE platform
 * accepted, compared event by event and message by message. Each check returns the problems it
 * found as sentences (empty when all is well), so a failing test says exactly what went wrong.
 */
import type { DbProbe } from '../support/db-inspect.js';
import type { FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { retryKeyFor } from '../../src/line/retry-key.js';

interface InboxRow {
  webhook_event_id: string;
  chat_key: string;
  status: string;
  attempts: number;
}

interface OutboxRow {
  id: number;
  dedupe_key: string;
  recipient: string;
  reply_token: string | null;
  status: string;
  attempts: number;
}

/** One send LINE accepted (2xx): to whom, and which outbox row it carried. */
interface AcceptedSend {
  via: 'reply' | 'push';
  to: string | undefined;
  /** Outbox row id, or undefined when no row matches (which is itself a problem). */
  rowId: number | undefined;
  retryKey: string | undefined;
}

export interface Audit {
  problems: string[];
  figures: {
    inboxEvents: number;
    outboxRows: number;
    acceptedSends: number;
    /** Rows accepted twice, each one whose reply was in flight at a kill. */
    answeredTwice: number;
    /** Pushes LINE refused as already accepted under their retry key (a retry that did not double). */
    retryKeyConflicts: number;
    refusedReplies: number;
  };
}

const SEND_PATHS = { '/v2/bot/message/reply': 'reply', '/v2/bot/message/push': 'push' } as const;

function accepted(platform: FakeLinePlatform, tokenOwner: ReadonlyMap<string, string>, rows: OutboxRow[]) {
  const byToken = new Map(rows.filter((r) => r.reply_token !== null).map((r) => [r.reply_token!, r.id]));
  const byRetryKey = new Map(rows.map((r) => [retryKeyFor(r.dedupe_key), r.id]));
  const sends: AcceptedSend[] = [];
  let retryKeyConflicts = 0;
  let refusedReplies = 0;
  for (const call of platform.calls()) {
    const via = SEND_PATHS[call.path as keyof typeof SEND_PATHS];
    if (call.method !== 'POST' || via === undefined) continue;
    const body = (call.body ?? {}) as { to?: string; replyToken?: string };
    if (via === 'push' && call.status === 409) retryKeyConflicts += 1;
    if (via === 'reply' && call.status >= 400) refusedReplies += 1;
    if (call.status < 200 || call.status >= 300) continue;
    const retryKey = call.headers['x-line-retry-key'];
    sends.push(
      via === 'reply'
        ? { via, to: tokenOwner.get(body.replyToken ?? ''), rowId: byToken.get(body.replyToken ?? ''), retryKey }
        : { via, to: body.to, rowId: retryKey === undefined ? undefined : byRetryKey.get(retryKey), retryKey },
    );
  }
  return { sends, retryKeyConflicts, refusedReplies };
}

export interface AuditInput {
  db: DbProbe;
  platform: FakeLinePlatform;
  /** Which chat each reply token the driver handed out belongs to. */
  tokenOwner: ReadonlyMap<string, string>;
  userIds: readonly string[];
  /** Events the driver had acknowledged (200), all users together. */
  acknowledgedEvents: number;
  staffGroupId: string;
  /** Timed jobs the test made due, and the user each one writes to. */
  jobs: ReadonlyMap<string, string>;
  /**
   * Outbox rows whose reply call had started, unsent, when a process was killed. LINE may have
   * taken such a reply before the process died; the server cannot know, so it pushes the answer
   * again rather than risk losing it (docs/line-platform.md). These, and only these, may reach
   * their chat twice.
   */
  inFlightAtKill?: ReadonlySet<number>;
}

/**
 * Every event in the inbox once and handled; every outbox row sent, and carried by exactly one
 * accepted send; every user answered once per event (plus once per timed job of theirs); the
 * staff group one card per request; every timed job done with its messages sent once.
 */
export async function auditDeliveries(input: AuditInput): Promise<Audit> {
  const { db, platform, tokenOwner, userIds, staffGroupId, jobs } = input;
  const problems: string[] = [];
  const inbox = await db.all<InboxRow>('SELECT webhook_event_id, chat_key, status, attempts FROM inbox');
  const rows = await db.all<OutboxRow>('SELECT id, dedupe_key, recipient, reply_token, status, attempts FROM outbox');
  const users = new Set(userIds);

  // The inbox: the acknowledged events, each handled.
  const userEvents = inbox.filter((e) => users.has(e.chat_key));
  if (userEvents.length !== input.acknowledgedEvents)
    problems.push(
      `inbox holds ${userEvents.length} events of the users, the driver counted ${input.acknowledgedEvents} acknowledged (users stopped by the time limit leave events in flight uncounted)`,
    );
  for (const e of inbox)
    if (e.status !== 'done') problems.push(`event ${e.webhook_event_id} is ${e.status} after ${e.attempts} attempts`);

  // Every accepted send carried one outbox row, and every row was carried exactly once.
  const { sends, retryKeyConflicts, refusedReplies } = accepted(platform, tokenOwner, rows);
  const sendsOfRow = new Map<number, AcceptedSend[]>();
  for (const s of sends) {
    if (s.rowId === undefined) {
      problems.push(`a ${s.via} to ${s.to ?? 'an unknown chat'} matches no outbox row`);
      continue;
    }
    sendsOfRow.set(s.rowId, [...(sendsOfRow.get(s.rowId) ?? []), s]);
  }
  const seenRetryKeys = new Set<string>();
  for (const s of sends) {
    if (s.retryKey === undefined) continue;
    if (seenRetryKeys.has(s.retryKey)) problems.push(`retry key ${s.retryKey} was accepted twice`);
    seenRetryKeys.add(s.retryKey);
  }
  const inFlight = input.inFlightAtKill ?? new Set<number>();
  // Second copies allowed by the rule for uncertain replies, per chat they reached.
  const secondCopies = new Map<string, number>();
  for (const r of rows) {
    const n = sendsOfRow.get(r.id)?.length ?? 0;
    const twiceAllowed = n === 2 && inFlight.has(r.id);
    if (twiceAllowed) secondCopies.set(r.recipient, (secondCopies.get(r.recipient) ?? 0) + 1);
    if (r.status !== 'sent') problems.push(`outbox row ${r.dedupe_key} is ${r.status} after ${r.attempts} attempts`);
    else if (n !== 1 && !twiceAllowed)
      problems.push(`outbox row ${r.dedupe_key} (to ${r.recipient}) was accepted by LINE ${n} times`);
    const owner = sendsOfRow.get(r.id)?.find((s) => s.to !== r.recipient);
    if (owner) problems.push(`outbox row ${r.dedupe_key} for ${r.recipient} reached ${owner.to ?? 'an unknown chat'}`);
  }

  // One answer per event to the user who sent it, and nothing else but the user's own jobs.
  const rowsByKeyPrefix = new Map<string, OutboxRow[]>();
  for (const r of rows) {
    const cause = r.dedupe_key.startsWith('job:')
      ? r.dedupe_key.slice(0, r.dedupe_key.lastIndexOf(':', r.dedupe_key.lastIndexOf(':') - 1))
      : r.dedupe_key.slice(0, r.dedupe_key.indexOf(':'));
    rowsByKeyPrefix.set(cause, [...(rowsByKeyPrefix.get(cause) ?? []), r]);
  }
  const jobsOfUser = new Map<string, number>();
  for (const user of jobs.values()) jobsOfUser.set(user, (jobsOfUser.get(user) ?? 0) + 1);
  const eventsOfUser = new Map<string, number>();
  for (const e of userEvents) {
    eventsOfUser.set(e.chat_key, (eventsOfUser.get(e.chat_key) ?? 0) + 1);
    const answers = (rowsByKeyPrefix.get(e.webhook_event_id) ?? []).filter((r) => r.recipient === e.chat_key);
    if (answers.length !== 1) problems.push(`event ${e.webhook_event_id} has ${answers.length} answers queued, not 1`);
  }
  const sendsTo = new Map<string, number>();
  for (const s of sends) if (s.to !== undefined) sendsTo.set(s.to, (sendsTo.get(s.to) ?? 0) + 1);
  for (const user of users) {
    const expected = (eventsOfUser.get(user) ?? 0) + (jobsOfUser.get(user) ?? 0) + (secondCopies.get(user) ?? 0);
    const got = sendsTo.get(user) ?? 0;
    if (got !== expected)
      problems.push(
        `user ${user} got ${got} sends for ${eventsOfUser.get(user) ?? 0} events and ${jobsOfUser.get(user) ?? 0} jobs`,
      );
  }

  // The staff group: one card per request (from the event that made it), plus the jobs' messages.
  const requests = (await db.get<{ n: number }>("SELECT count(*) AS n FROM bookings WHERE status = 'requested'"))!.n;
  const cards = rows.filter((r) => r.recipient === staffGroupId && !r.dedupe_key.startsWith('job:'));
  if (cards.length !== requests) problems.push(`${cards.length} staff cards queued for ${requests} requests`);
  const staffSends = sendsTo.get(staffGroupId) ?? 0;
  if (staffSends !== requests + jobs.size + (secondCopies.get(staffGroupId) ?? 0))
    problems.push(`the staff group got ${staffSends} sends for ${requests} requests and ${jobs.size} jobs`);

  // The timed jobs: each done, its user and staff messages queued once (and, above, sent once).
  for (const [id, user] of jobs) {
    const job = await db.get<{ status: string }>('SELECT status FROM scheduled_jobs WHERE id = ?', id);
    if (job?.status !== 'done') problems.push(`job ${id} is ${job?.status ?? 'missing'}, not done`);
    const queued = rowsByKeyPrefix.get(`job:${id}`) ?? [];
    const toUser = queued.filter((r) => r.recipient === user).length;
    const toStaff = queued.filter((r) => r.recipient === staffGroupId).length;
    if (toUser !== 1 || toStaff !== 1) problems.push(`job ${id} queued ${toUser} user and ${toStaff} staff messages`);
  }

  return {
    problems,
    figures: {
      inboxEvents: inbox.length,
      outboxRows: rows.length,
      acceptedSends: sends.length,
      answeredTwice: [...secondCopies.values()].reduce((a, b) => a + b, 0),
      retryKeyConflicts,
      refusedReplies,
    },
  };
}
