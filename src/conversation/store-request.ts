import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { ConcurrentChange, lockPlaces } from '../../db/locks.js';
import { cancellation, insertRequest, takenInSlot, updateBooking } from '../../db/repositories/bookings-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { countBooking } from '../../db/repositories/users-repository.js';
import { isComplete } from '../../machines/booking/evaluate-answer.js';
import type { Draft } from '../../machines/booking/types.js';
import { capacityOf, replyDue, type CalendarContext, type LocalDateTime } from '../calendar/index.js';
import { preferredChoices, type BookingView } from '../bookings/booking-view.js';
import { sessionSpan } from '../bookings/slot-rules.js';
import type { ConversationDeps } from './conversation-deps.js';

export interface StoreOptions {
  termsVersion: string;
  /**
   * A change: the open request it supersedes (cancelled now, nothing is fixed yet) and the
   * confirmed booking it would replace (kept until staff confirm the new time).
   */
  change?: { supersedes?: string; replacesConfirmed?: string };
}

/**
 * Stores a complete draft as a request awaiting staff, with its reply deadline job. A change of
 * a request that staff have not answered yet simply supersedes it; a confirmed booking stays
 * valid until staff confirm the new time (the user never loses a slot to a change that fails),
 * and every later change keeps pointing at that confirmed booking.
 */
export async function storeRequest(
  db: Db,
  deps: ConversationDeps,
  userId: string,
  draft: Draft,
  calendar: CalendarContext,
  now: string,
  options: StoreOptions,
): Promise<BookingView> {
  if (!isComplete(draft)) throw new Error('submit reached with an incomplete draft');
  const id = randomUUID();
  const due = replyDue(now, calendar);
  const span = (at: LocalDateTime) => {
    const s = sessionSpan(draft.kind, at, deps.settings.sessionMinutes);
    return { start: s.start, end: s.end, slotKey: s.slot };
  };
  // The second preferred time is optional (docs/office-rules.md §9).
  const choices = preferredChoices(draft.choice1, draft.choice2);
  const spans = preferredChoices(span(draft.choice1), draft.choice2 && span(draft.choice2));
  // The conversation checked the first choice's place on counts read before this lock; another
  // process may have taken it since. Then the whole event runs again and the person is asked
  // again, as when it was taken before they submitted (docs/storage.md).
  if (await lockPlaces(db)) {
    const slot = spans[0].slotKey;
    if ((await takenInSlot(db, slot, options.change?.supersedes ?? '')) >= capacityOf(calendar, slot))
      throw new ConcurrentChange('the first choice was taken meanwhile');
  }
  await insertRequest(db, {
    id,
    lineUserId: userId,
    kind: draft.kind,
    app: draft.app,
    name: draft.name,
    jobSeekerNumber: draft.jobSeekerNumber,
    email: draft.email,
    phone: draft.phone,
    interpreter: draft.interpreter,
    ...(draft.interpreter && draft.companion
      ? {
          companion: {
            who: draft.companion,
            ...(draft.companion === 'interpreter' && draft.companionLanguage
              ? { language: draft.companionLanguage }
              : {}),
          },
        }
      : {}),
    choices: spans,
    termsVersion: options.termsVersion,
    createdAt: now,
    replyDue: due,
  });
  if (options.change?.replacesConfirmed)
    await updateBooking(db, id, { replacesBookingId: options.change.replacesConfirmed }, now);
  if (options.change?.supersedes) {
    await updateBooking(db, options.change.supersedes, cancellation('changed', userId, now), now);
  }
  await countBooking(db, userId);
  await scheduleJob(db, 'reply_due', id, due, now);
  // A request still unanswered when all of its times have passed is closed (and both sides told).
  const lastChoice = spans
    .map((c) => c.start)
    .sort()
    .at(-1)!;
  await scheduleJob(db, 'request_expiry', id, lastChoice, now);
  const { kind, app, name, jobSeekerNumber, email, phone, interpreter, companion, companionLanguage } = draft;
  return {
    id,
    status: 'requested',
    kind,
    app,
    name,
    jobSeekerNumber,
    email,
    phone,
    interpreter,
    ...(interpreter && companion ? { companion } : {}),
    ...(interpreter && companion === 'interpreter' && companionLanguage ? { companionLanguage } : {}),
    choices,
    replyDue: due,
    createdAt: now,
  };
}
