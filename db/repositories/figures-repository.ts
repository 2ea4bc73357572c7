import type { Db } from '../database.js';
import type { BookingStatus } from '../schema.js';

/**
 * What the monthly figures read of one booking: its status, kind, app and times, and who ended
 * it. Nothing that names the person (no name, numbers, e-mail, phone, LINE id, booking id).
 */
export interface BookingFact {
  status: BookingStatus;
  kind: 'regular' | 'mothers';
  app: 'zoom' | 'teleoffice';
  createdAt: string;
  /** The session's start: the confirmed start, else the first choice. */
  sessionStart: string;
  confirmedStart: string | null;
  confirmedAt: string | null;
  /** The system's reason code ('expired', 'changed', ...) or null; staff's own words are not read. */
  systemCancelReason: string | null;
  /** The person cancelled it themselves (the cancel is recorded under their own LINE id). */
  cancelledByPerson: boolean;
  /** The system closed it ('expired', 'contacted_on_day'). */
  cancelledBySystem: boolean;
  /** The first time staff answered it (confirmed, proposed a time, cancelled, or took the chat over). */
  firstStaffAnswerAt: string | null;
}

/** Staff decisions that answer a request (docs/staff-console.md, 実績). */
const ANSWERS = ['confirm', 'propose', 'cancel', 'takeover'];

/**
 * The bookings whose session (confirmed start, else first choice) is in [from, to): one query,
 * with the first staff answer to each from the booking history (staff_actions), leaving out
 * what the person or the system did themselves.
 */
export async function bookingFactsBetween(
  db: Db,
  from: string,
  to: string,
  systemReasons: readonly string[],
): Promise<BookingFact[]> {
  const rows = await db
    .selectFrom('bookings as b')
    .select((eb) => [
      'b.status',
      'b.kind',
      'b.app',
      'b.created_at',
      eb.fn.coalesce('b.confirmed_start', 'b.choice1_start').as('session_start'),
      'b.confirmed_start',
      'b.confirmed_at',
      eb
        .case()
        .when('b.cancel_reason', 'in', [...systemReasons])
        .then(eb.ref('b.cancel_reason'))
        .else(null)
        .end()
        .as('system_reason'),
      eb
        .case()
        .when(eb.and([eb('b.status', '=', 'cancelled'), eb('b.cancelled_by', '=', eb.ref('b.line_user_id'))]))
        .then(1)
        .else(0)
        .end()
        .as('by_person'),
      eb
        .case()
        .when(eb.and([eb('b.status', '=', 'cancelled'), eb('b.cancelled_by', '=', 'system')]))
        .then(1)
        .else(0)
        .end()
        .as('by_system'),
      eb
        .selectFrom('staff_actions as a')
        .select((ab) => ab.fn.min('a.at').as('at'))
        .whereRef('a.subject_id', '=', 'b.id')
        .where('a.action', 'in', ANSWERS)
        .where('a.via', '!=', 'system')
        .whereRef('a.staff_id', '!=', 'b.line_user_id')
        .as('first_answer'),
    ])
    .where((eb) => eb(eb.fn.coalesce('b.confirmed_start', 'b.choice1_start'), '>=', from))
    .where((eb) => eb(eb.fn.coalesce('b.confirmed_start', 'b.choice1_start'), '<', to))
    .execute();
  return rows.map((r) => ({
    status: r.status,
    kind: r.kind,
    app: r.app,
    createdAt: r.created_at,
    sessionStart: r.session_start,
    confirmedStart: r.confirmed_start,
    confirmedAt: r.confirmed_at,
    systemCancelReason: r.system_reason,
    cancelledByPerson: Number(r.by_person) === 1,
    cancelledBySystem: Number(r.by_system) === 1,
    firstStaffAnswerAt: r.first_answer ?? null,
  }));
}
