import { Router } from 'express';
import { readCalendarToken } from '../bookings/calendar-link.js';
import type { Clock } from '../infra/clock.js';
import { calendarFile } from '../messages/calendar-file.js';
import type { OfficeSettings } from '../office/settings.js';

/**
 * GET /calendar/<token>.ics: the file behind 「カレンダーに追加」 on the confirmation card
 * (src/bookings/calendar-link.ts). Anyone holding the link may read it, so it holds only the time
 * and the office; a forged or altered link is 404, one whose session is over is 410.
 */
export function calendarRouter(deps: { key: string; settings: OfficeSettings; clock: Clock }): Router {
  const router = Router();
  router.get('/calendar/:file', (req, res) => {
    const file = req.params.file;
    const session = file.endsWith('.ics') ? readCalendarToken(deps.key, file.slice(0, -4)) : undefined;
    res.set('Cache-Control', 'no-store');
    if (!session) {
      res.status(404).json({ code: 'not_found', message: 'no such calendar file' });
      return;
    }
    if (deps.clock.now().toISOString() >= session.expires) {
      res.status(410).json({ code: 'gone', message: 'this session is over' });
      return;
    }
    // The signature is unique to the session's time, so a calendar app that opens the link twice
    // updates one event rather than adding a second.
    const uid = `${file.slice(0, -4).split('.').at(-1)}@online-consultation`;
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="online-consultation.ics"')
      .send(calendarFile(session, deps.settings, uid));
  });
  return router;
}
