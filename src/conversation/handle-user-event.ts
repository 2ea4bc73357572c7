import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import { bookingMachine, BOOKING_MACHINE_VERSION, type EffectAction } from '../../machines/booking/booking-machine.js';
import { outputsOf } from '../../machines/booking/machine-output.js';
import { toConversationEvent } from '../../machines/booking/input.js';
import { persistable, restoreConversation, stateOf, type BookingSnapshot } from '../../machines/booking/restore.js';
import type { ConversationEvent, ConversationFacts, Notice } from '../../machines/booking/types.js';
import type { Db } from '../../db/database.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { loadConversation, saveConversation } from '../../db/repositories/conversations-repository.js';
import {
  recordConsent,
  recordEligibility,
  setHandoff,
  touchUser,
  type UserRecord,
} from '../../db/repositories/users-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { insertImmediateRequest, openImmediateRequestOf } from '../../db/repositories/immediate-requests-repository.js';
import { decodeBookingAction } from '../bookings/booking-actions.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { acceptProposal, cancelBooking, declineProposal } from '../bookings/lifecycle.js';
import { nextOpening, toLocal } from '../calendar/index.js';
import { choicesFree } from '../bookings/choice-free.js';
import type { LineMessage } from '../line/message-types.js';
import { activeBookingMessages, submittedMessages } from '../messages/booking-cards.js';
import {
  blockedUserMessages,
  handoffUserMessages,
  immediateRequestedMessages,
} from '../messages/lifecycle-messages.js';
import { bookingEventsDispatches } from '../messages/booking-events.js';
import { noticeMessage, noticeMessages } from '../messages/notice-messages.js';
import { renderQuestion } from '../messages/questions.js';
import { whoJa } from '../messages/companion-ja.js';
import {
  handoffBookingSummary,
  staffHandoffMessages,
  staffImmediateMessages,
  staffRequestMessages,
} from '../messages/staff-messages.js';
import type { IncomingEvent } from './chat-input.js';
import type { ConversationDeps } from './conversation-deps.js';
import { recordSessionDayContact } from './session-day-contact.js';
import { storeRequest } from './store-request.js';
import { loadUserFacts } from './user-facts.js';
import { handoffCommand } from './handoff-answers.js';
import { faqEntryFor } from './faq-match.js';

export type { ConversationDeps } from './conversation-deps.js';

/** How long an immediate-session request waits for a free counsellor before the person is told. */
const IMMEDIATE_WAIT_MS = 20 * 60_000;

interface Turn {
  db: Db;
  deps: ConversationDeps;
  userId: string;
  user: UserRecord;
  facts: ConversationFacts;
  active: Booking | undefined;
  /** The confirmed booking a pending change request would replace. */
  replaced: Booking | undefined;
  /** A confirmed session that has begun, beside a newer request for the next one. */
  underWay: Booking | undefined;
  now: string;
  /** A booking is being filled in (the conversation is at a question, not idle). */
  inProgress: boolean;
  /** What the person typed (undefined for a tap, a sticker, a follow). */
  typed: string | undefined;
  /** What the user will read, in order; staff and other dispatches go beside it. */
  say: LineMessage[];
  others: Dispatch[];
}

function staff(t: Turn, messages: LineMessage[]): void {
  t.others.push({ audience: 'staff', recipient: t.deps.staffGroupId, messages });
}

/** Dispatches of a lifecycle step: the user's part joins this turn's answer. */
function absorb(t: Turn, dispatches: readonly Dispatch[]): void {
  for (const d of dispatches) {
    if (d.audience === 'user' && d.recipient === t.userId) t.say.push(...d.messages);
    else t.others.push(d);
  }
}

/**
 * The confirmed session words typed on a session day are about: the one of today, else the one
 * under way. A pending change of it, or a request for the next one filed while it is under way,
 * is not what the person means (docs/office-rules.md §9, §11).
 */
function sessionWrittenAbout(t: Turn): Booking | undefined {
  const today = toLocal(t.now).date;
  const confirmed = [t.replaced, t.active, t.underWay].flatMap((b) =>
    b?.status === 'confirmed' && b.confirmedStart !== null ? [{ b, date: toLocal(b.confirmedStart).date }] : [],
  );
  return (confirmed.find((c) => c.date === today) ?? confirmed.at(-1))?.b;
}

async function performEffect(t: Turn, { effect, draft, message, answered }: EffectAction['params']): Promise<void> {
  const { db, deps, userId, now, facts, active } = t;
  switch (effect) {
    case 'recordConsent':
      return recordConsent(db, userId, facts.termsVersion, now);
    case 'showActiveBooking':
    case 'showStatus': {
      const views = [t.replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : []));
      // Asked mid-booking, the answer says the booking being filled in goes on (its question follows).
      const none = noticeMessage(
        { key: 'noActiveBooking', ...(t.inProgress ? { params: { inProgress: 1 } } : {}) },
        deps.settings,
      );
      t.say.push(...(views.length > 0 ? activeBookingMessages(views, deps.settings, effect === 'showStatus') : none));
      return;
    }
    case 'submitRequest':
    case 'submitRepeatRequest':
    case 'submitChange': {
      const change =
        effect === 'submitChange' && active
          ? {
              ...(active.status === 'requested' ? { supersedes: active.id } : {}),
              ...(t.replaced
                ? { replacesConfirmed: t.replaced.id }
                : active.status === 'confirmed'
                  ? { replacesConfirmed: active.id }
                  : {}),
            }
          : undefined;
      const booking = await storeRequest(db, deps, userId, draft, facts.calendar, now, {
        termsVersion: facts.termsVersion,
        ...(change ? { change } : {}),
      });
      // A new request comes after the eligibility questions (a change asks none, a returning person
      // keeps the answers on record): recorded as consent is, for immediate sessions and for
      // returning people (docs/office-rules.md §12, §14). Kept answers keep their old time.
      if (effect === 'submitRequest') await recordEligibility(db, userId, now);
      // A change of a confirmed session: that session holds until staff confirm the new time.
      const kept = change?.replacesConfirmed
        ? [t.replaced, active].find((b) => b?.id === change.replacesConfirmed)?.confirmedStart
        : undefined;
      t.say.push(...submittedMessages(booking, deps.settings, change ? { keeps: kept ? toLocal(kept) : null } : null));
      const free = choicesFree(facts.calendar, booking, now);
      staff(t, staffRequestMessages(booking, deps.settings, change !== undefined, free));
      return;
    }
    case 'cancelBooking': {
      // A pending change and the confirmed booking it would replace go together.
      for (const row of [active, t.replaced]) {
        if (!row) continue;
        const result = await cancelBooking(db, deps, {
          bookingId: row.id,
          by: { id: userId, via: 'line' },
          byUser: true,
          reason: null,
          now,
        });
        if (result.ok) absorb(t, bookingEventsDispatches(result.events, deps));
        else
          t.say.push(
            ...noticeMessage(
              { key: result.refusal.code === 'same_day' ? 'sameDayCancel' : 'noActiveBooking' },
              deps.settings,
            ),
          );
      }
      return;
    }
    case 'handoff': {
      await setHandoff(db, userId, now);
      const view = active ? bookingViewOf(active) : undefined;
      const summary = handoffBookingSummary(
        view ? { at: view.confirmed ?? view.choices[0], confirmed: view.status === 'confirmed' } : null,
        deps.settings,
      );
      t.say.push(...handoffUserMessages(nextOpening(now, deps.settings, facts.calendar.closures)));
      staff(t, staffHandoffMessages(draft.name ?? facts.identity?.name ?? null, summary, userId));
      return;
    }
    case 'sessionDayContact': {
      const session = sessionWrittenAbout(t);
      if (!session) return;
      // `answered`: the phone-only rule already answered the person; staff still hear of it.
      const contact = await recordSessionDayContact(
        db,
        deps.settings,
        deps.staffGroupId,
        session,
        message,
        now,
        answered === true,
      );
      t.say.push(...contact.say);
      t.others.push(...contact.others);
      return;
    }
    case 'requestImmediate': {
      const open = await openImmediateRequestOf(db, userId);
      if (open !== undefined) {
        t.say.push(...noticeMessage({ key: 'immediatePending' }, deps.settings));
        return;
      }
      const id = randomUUID();
      const name = draft.name ?? facts.identity?.name ?? '';
      const number = draft.jobSeekerNumber ?? facts.identity?.jobSeekerNumber ?? '';
      const interpreter = draft.interpreter === true;
      await insertImmediateRequest(db, {
        id,
        lineUserId: userId,
        name,
        jobSeekerNumber: number,
        interpreter,
        createdAt: now,
      });
      await scheduleJob(db, 'immediate_timeout', id, new Date(Date.parse(now) + IMMEDIATE_WAIT_MS).toISOString(), now);
      t.say.push(...immediateRequestedMessages());
      staff(
        t,
        staffImmediateMessages(name, interpreter, id, t.deps.settings, draft.companion ? whoJa(draft) : undefined),
      );
      return;
    }
  }
}

/** A tap on a proposal card (accept or decline); declining leads into choosing new times. */
async function bookingAction(t: Turn, data: string): Promise<ConversationEvent['type'] | 'handled' | undefined> {
  const action = decodeBookingAction(data);
  if (!action || (action.action !== 'accept' && action.action !== 'decline')) return undefined;
  const run = action.action === 'accept' ? acceptProposal : declineProposal;
  const result = await run(t.db, t.deps, action.bookingId, t.userId, t.now, action.proposed);
  if (!result.ok) {
    t.say.push(
      ...noticeMessage(
        { key: result.refusal.code === 'slot_full' ? 'proposalTaken' : 'proposalStale' },
        t.deps.settings,
      ),
    );
    return 'handled';
  }
  absorb(t, bookingEventsDispatches(result.events, t.deps));
  return action.action === 'decline' ? 'CHANGE' : 'handled';
}

async function runMachine(
  t: Turn,
  before: BookingSnapshot,
  event: ConversationEvent | undefined,
  notices: Notice[],
): Promise<BookingSnapshot> {
  if (!event) {
    notices.push({ key: 'unsupportedMessage' });
    return before;
  }
  const [next, actions] = transition(bookingMachine, before, event);
  for (const output of outputsOf(actions)) {
    if (output.type === 'notice') notices.push(output.notice);
    else {
      // Notices so far come first, so the user reads them before the effect's messages.
      flushNotices(t, notices);
      await performEffect(t, output.effect);
    }
  }
  return next;
}

/** `after`: where the conversation ends up, for buttons that answer its question (suggested times). */
function flushNotices(t: Turn, notices: Notice[], after?: BookingSnapshot): void {
  if (notices.length === 0) return;
  // Words the conversation could not act on may be a common question the office answers (config/faq.json).
  const faq = t.typed !== undefined && t.deps.faq ? faqEntryFor(t.deps.faq, t.typed) : undefined;
  const question = after ? stateOf(after) : 'idle';
  const next =
    after && question !== 'idle' ? { question, context: after.context, facts: t.facts, now: t.now } : undefined;
  t.say.push(
    ...noticeMessages(notices, { settings: t.deps.settings, ...(faq ? { faq } : {}), ...(next ? { next } : {}) }),
  );
  notices.length = 0;
}

/** The answer to 予約確認 or ヘルプ while staff have the chat, with a line saying they still do. */
function handoffAnswer(
  command: 'check' | 'help',
  deps: ConversationDeps,
  active: Booking | undefined,
  replaced: Booking | undefined,
): LineMessage[] {
  const still = noticeMessage({ key: 'handoffContinues' }, deps.settings);
  if (command === 'help') return [...noticeMessage({ key: 'help' }, deps.settings), ...still];
  const views = [replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : []));
  return views.length > 0
    ? [...activeBookingMessages(views, deps.settings, true), ...still]
    : [...noticeMessage({ key: 'noActiveBooking' }, deps.settings), ...still];
}

/**
 * Handles one user event inside the caller's transaction: restores the conversation, runs the
 * machine, performs its effects (consent, requests, cancellations) and returns what to send.
 * Nothing here touches the network, so the transaction stays short.
 */
export async function handleUserEvent(
  db: Db,
  deps: ConversationDeps,
  event: IncomingEvent,
  userId: string,
  now: string,
): Promise<Dispatch[]> {
  if (event.input.type === 'ignored') return [];
  const user = await touchUser(db, userId, now);
  if (user.blockedAt) return [{ audience: 'user', recipient: userId, messages: blockedUserMessages(deps.settings) }];
  // While staff talk to the user themselves, the bot stays silent (staff hand the chat back),
  // except for 予約確認 and ヘルプ, which never get in their way.
  const duringHandoff = user.handoffAt ? handoffCommand(event.input) : null;
  if (user.handoffAt && duringHandoff === null) return [];
  const { facts, active, replaced, underWay } = await loadUserFacts(db, deps, user, now);
  if (duringHandoff !== null)
    return [{ audience: 'user', recipient: userId, messages: handoffAnswer(duringHandoff, deps, active, replaced) }];
  const restored = restoreConversation(await loadConversation(db, userId), now);
  const t: Turn = {
    db,
    deps,
    userId,
    user,
    facts,
    active,
    replaced,
    underWay,
    now,
    inProgress: stateOf(restored.snapshot) !== 'idle',
    typed: event.input.type === 'text' ? event.input.text : undefined,
    say: [],
    others: [],
  };
  const notices: Notice[] = restored.expired
    ? [{ key: 'expired' }]
    : restored.reset
      ? [{ key: 'conversationReset' }]
      : [];
  let machineEvent = toConversationEvent(
    event.input,
    stateOf(restored.snapshot),
    restored.snapshot.context,
    now,
    facts,
  );
  if (event.input.type === 'postback') {
    const handled = await bookingAction(t, event.input.data);
    if (handled === 'handled') machineEvent = undefined;
    else if (handled === 'CHANGE')
      machineEvent = { type: 'CHANGE', now, facts: (await loadUserFacts(db, deps, user, now)).facts };
  }
  // After a reset the person was in the middle of a booking. What they typed or tapped answered a
  // question that is gone: they are told so and offered to start again (a button), rather than
  // taken into a new booking they did not ask for. Commands (予約する, 予約確認...) still run.
  const offerRestart =
    (restored.expired || restored.reset) && (machineEvent?.type === 'ANSWER' || machineEvent?.type === 'STALE');
  if (offerRestart) {
    notices.forEach((n) => (n.params = { ...n.params, offer: 1 }));
    flushNotices(t, notices);
  }
  const after =
    offerRestart || (machineEvent === undefined && t.say.length > 0)
      ? restored.snapshot
      : await runMachine(t, restored.snapshot, machineEvent, notices);
  flushNotices(t, notices, after);
  await saveConversation(db, userId, BOOKING_MACHINE_VERSION, persistable(after), now);
  const state = stateOf(after);
  if (state !== 'idle') t.say.push(...renderQuestion({ question: state, context: after.context, facts: t.facts, now }));
  return [{ audience: 'user', recipient: userId, messages: t.say }, ...t.others];
}
