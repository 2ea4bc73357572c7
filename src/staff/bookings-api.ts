import express, { type Router } from 'express';
import type { Db } from '../../db/database.js';
import { listBookings, type BookingRow } from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';
import { formatIsoJst } from '../calendar/index.js';
import { requireStaffToken } from '../http/staff-auth.js';

const STATUSES: readonly BookingStatus[] = ['requested', 'confirmed', 'cancelled', 'no_show', 'attended'];

/** The staff API's JSON for one booking; instants in Japan time (+09:00). */
export function bookingJson(row: BookingRow) {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    name: row.name,
    jobSeekerNumber: row.job_seeker_number,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter === 1,
    choices: [
      { start: formatIsoJst(row.choice1_start), end: formatIsoJst(row.choice1_end) },
      { start: formatIsoJst(row.choice2_start), end: formatIsoJst(row.choice2_end) },
    ],
    confirmed: row.confirmed_start && row.confirmed_end ? { start: formatIsoJst(row.confirmed_start), end: formatIsoJst(row.confirmed_end) } : null,
    termsVersion: row.terms_version,
    createdAt: formatIsoJst(row.created_at),
    replyDue: formatIsoJst(row.reply_due),
  };
}

export function staffApiRouter(deps: { db: Db; staffApiToken: string | null }): Router {
  const router = express.Router();
  router.use('/api', requireStaffToken(deps.staffApiToken));
  router.get('/api/bookings', async (req, res, next) => {
    try {
      const status = typeof req.query.status === 'string' ? req.query.status : undefined;
      if (status !== undefined && !STATUSES.includes(status as BookingStatus)) {
        res.status(400).json({ code: 'invalid_field', field: 'status', message: `status must be one of ${STATUSES.join(', ')}` });
        return;
      }
      const rows = await listBookings(deps.db, status ? { status: status as BookingStatus } : {});
      res.json({ bookings: rows.map(bookingJson) });
    } catch (e: unknown) {
      next(e);
    }
  });
  return router;
}
