import { bookForPerson } from '../../../bookings/book-for-person.js';
import type { MeetingDetails } from '../../../bookings/booking-outcome.js';
import type { BookingRefusalCode } from '../../../bookings/booking-outcome.js';
import { toInstant, type LocalDateTime, type SessionKind } from '../../../calendar/index.js';
import type { AppContext } from '../../../app-context.js';
import type { SignedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleRefused, fromLifecycleJa, type ConsoleOutcome } from '../../console-change.js';
import { ERASED_PERSON_NO_BOOKING } from './book-next-form.js';
import { fieldOf, meetingOf, startOf, type Parsed } from '../requests/booking-forms.js';

/** The 「次回の相談を代理で予約」 form of the person's page; each field's id on the page is `book-<field>`. */
export interface BookNextForm {
  kind: SessionKind;
  app: 'zoom' | 'teleoffice';
  start: LocalDateTime;
  meeting?: MeetingDetails;
}

type Body = Record<string, unknown>;

export function parseBookNextForm(body: Body): Parsed<BookNextForm> {
  const kind = fieldOf(body, 'kind');
  if (kind !== 'regular' && kind !== 'mothers')
    return { ok: false, problem: { field: 'kind', message: '相談の種類を選んでください。' } };
  const app = fieldOf(body, 'app');
  if (app !== 'zoom' && app !== 'teleoffice')
    return { ok: false, problem: { field: 'app', message: '使うアプリを選んでください。' } };
  const start = startOf(body);
  if (!start.ok) return start;
  const meeting = meetingOf(body);
  if (!meeting.ok) return meeting;
  return {
    ok: true,
    value: { kind, app, start: start.value, ...(meeting.value ? { meeting: meeting.value } : {}) },
  };
}

/** Where on the form a refusal belongs; the others are shown above the form. */
function fieldOfRefusal(code: BookingRefusalCode): string | undefined {
  switch (code) {
    case 'meeting_required':
      return 'meeting_id';
    case 'closed_day':
    case 'beyond_horizon':
      return 'date';
    case 'past':
    case 'outside_window':
    case 'slot_full':
      return 'time';
    default:
      return undefined;
  }
}

/**
 * Books the person's next session from their page (terms 6(2)), through the same booking
 * function as the JSON API: confirmed at once, the person sent the confirmation card.
 */
export function bookNextSession(
  ctx: AppContext,
  who: SignedIn,
  lineUserId: string,
  form: BookNextForm,
): Promise<ConsoleOutcome> {
  return changeFromConsole(
    ctx,
    who,
    'book_for_person',
    lineUserId,
    async (c) => {
      const result = await bookForPerson(c.trx, ctx, {
        lineUserId,
        kind: form.kind,
        app: form.app,
        start: form.start,
        ...(form.meeting ? { meeting: form.meeting } : {}),
        by: c.by,
        now: c.now,
      });
      // The booking functions' words are about a request; here it is the person whose details are gone.
      if (!result.ok && result.refusal.code === 'personal_data_erased')
        return { ...consoleRefused(409, ERASED_PERSON_NO_BOOKING), code: result.refusal.code };
      return fromLifecycleJa(result, c.render, result.ok ? undefined : fieldOfRefusal(result.refusal.code));
    },
    { start: toInstant(form.start), kind: form.kind, app: form.app },
  );
}
