import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import { bookingMachine, BOOKING_MACHINE_VERSION, type EffectAction, type NoticeAction } from '../../machines/booking/booking-machine.js';
import { isComplete } from '../../machines/booking/evaluate-answer.js';
import { toConversationEvent } from '../../machines/booking/input.js';
import { persistable, restoreConversation, stateOf } from '../../machines/booking/restore.js';
import type { ConversationFacts, Draft, Notice } from '../../machines/booking/types.js';
import type { Db } from '../../db/database.js';
import { activeBookingOf, insertRequest } from '../../db/repositories/bookings-repository.js';
import { loadConversation, saveConversation } from '../../db/repositories/conversations-repository.js';
import { countBooking, recordConsent, touchUser } from '../../db/repositories/users-repository.js';
import { replyDue, slotKey, toInstant, type CalendarContext } from '../calendar/index.js';
import { bookingViewOf, type BookingView } from '../bookings/booking-view.js';
import type { LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { text } from './messages/building-blocks.js';
import { activeBookingMessages, staffRequestCard, submittedMessages } from './messages/booking-cards.js';
import { noticeText } from './messages/notices.js';
import { renderQuestion } from './messages/questions.js';
import type { IncomingEvent } from './chat-input.js';
import { loadCalendar } from './facts.js';

export interface ConversationDeps {
  settings: OfficeSettings;
  terms: { version: string; url: string };
  staffGroupId: string;
}

/** Messages to send once the transaction commits. */
export interface Outgoing {
  toUser: LineMessage[];
  toStaff: LineMessage[];
}

function view(draft: Draft, extra: Partial<BookingView>): BookingView | undefined {
  if (!isComplete(draft)) return undefined;
  const { kind, app, name, jobSeekerNumber, email, phone, interpreter, choice1, choice2 } = draft;
  return { kind, app, name, jobSeekerNumber, email, phone, interpreter, choices: [choice1, choice2], ...extra };
}

async function storeRequest(db: Db, deps: ConversationDeps, userId: string, draft: Draft, calendar: CalendarContext, now: string): Promise<BookingView> {
  const id = randomUUID();
  const due = replyDue(now, calendar);
  const booking = view(draft, { id, status: 'requested', replyDue: due, createdAt: now });
  if (!booking) throw new Error('submit reached with an incomplete draft');
  const choice = (i: 0 | 1) => {
    const c = booking.choices[i];
    return { start: toInstant(c), end: toInstant({ date: c.date, minutes: c.minutes + deps.settings.sessionMinutes }), slotKey: slotKey(booking.kind, c.date, c.minutes) };
  };
  await insertRequest(db, {
    id,
    lineUserId: userId,
    kind: booking.kind,
    app: booking.app,
    name: booking.name,
    jobSeekerNumber: booking.jobSeekerNumber,
    email: booking.email,
    phone: booking.phone,
    interpreter: booking.interpreter,
    choices: [choice(0), choice(1)],
    termsVersion: deps.terms.version,
    createdAt: now,
    replyDue: due,
  });
  await countBooking(db, userId);
  return booking;
}

/**
 * Handles one user event inside the caller's transaction: restores the conversation, runs the
 * machine, performs its effects (consent, the request) and returns what to send. Nothing here
 * touches the network, so the transaction stays short.
 */
export async function handleUserEvent(db: Db, deps: ConversationDeps, event: IncomingEvent, userId: string, now: string): Promise<Outgoing> {
  const user = await touchUser(db, userId, now);
  const restored = restoreConversation(await loadConversation(db, userId), now);
  const calendar = await loadCalendar(db, deps.settings, now);
  const active = await activeBookingOf(db, userId);
  const facts: ConversationFacts = {
    calendar,
    termsVersion: deps.terms.version,
    termsUrl: deps.terms.url,
    agreedTermsVersion: user.termsVersion,
    hasActiveBooking: active !== undefined,
  };
  const notices: Notice[] = restored.expired ? [{ key: 'expired' }] : [];
  const before = restored.snapshot;
  const machineEvent = toConversationEvent(event.input, stateOf(before), before.context, now, facts);
  const out: Outgoing = { toUser: [], toStaff: [] };
  let after = before;
  if (machineEvent === undefined) {
    notices.push({ key: 'unsupportedMessage' });
  } else {
    const [next, actions] = transition(bookingMachine, before, machineEvent);
    after = next;
    for (const action of actions as unknown as (NoticeAction | EffectAction | { type: string })[]) {
      if (action.type === 'notice') notices.push((action as NoticeAction).params);
      if (action.type !== 'effect') continue;
      const { effect, draft } = (action as EffectAction).params;
      if (effect === 'recordConsent') await recordConsent(db, userId, deps.terms.version, now);
      if (effect === 'showActiveBooking' && active) out.toUser.push(...activeBookingMessages(bookingViewOf(active), deps.settings));
      if (effect === 'submitRequest') {
        const booking = await storeRequest(db, deps, userId, draft, calendar, now);
        out.toUser.push(...submittedMessages(booking, deps.settings));
        out.toStaff.push(staffRequestCard(booking, deps.settings));
      }
    }
  }
  await saveConversation(db, userId, BOOKING_MACHINE_VERSION, persistable(after), now);
  const noticeMessages = notices.length > 0 ? [text(notices.map((n) => noticeText(n, deps.settings)).join('\n\n'))] : [];
  const state = stateOf(after);
  // After the request is stored the calendar has changed; the next question (if any) uses facts as of now.
  const question = state === 'idle' ? [] : renderQuestion({ question: state, context: after.context, facts, now });
  out.toUser = [...noticeMessages, ...out.toUser, ...question];
  return out;
}
