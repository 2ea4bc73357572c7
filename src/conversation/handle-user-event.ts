import { transition } from 'xstate';
import { bookingMachine, BOOKING_MACHINE_VERSION } from '../../machines/booking/booking-machine.js';
import { outputsOf } from '../../machines/booking/machine-output.js';
import { handoffCommand, toConversationEvent } from '../../machines/booking/input.js';
import { persistable, restoreConversation, stateOf, type BookingSnapshot } from '../../machines/booking/restore.js';
import type { ConversationEvent, Notice } from '../../machines/booking/types.js';
import type { Db } from '../../db/database.js';
import { loadConversation, saveConversation } from '../../db/repositories/conversations-repository.js';
import { touchUser } from '../../db/repositories/users-repository.js';
import { decodeBookingAction } from '../../machines/booking/postback.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { acceptProposal, declineProposal } from '../bookings/lifecycle.js';
import { blockedUserMessages } from '../messages/lifecycle-messages.js';
import { bookingEventsDispatches } from '../messages/booking-events.js';
import { noticeMessage, noticeMessages } from '../messages/notice-messages.js';
import { ownDateAnswers, renderQuestion } from '../messages/questions.js';
import { handoffAnswer, staffHandoffRequestMessages } from '../messages/handoff-messages.js';
import { bookingRef } from '../messages/staff-messages.js';
import type { IncomingEvent } from './chat-input.js';
import type { ConversationDeps } from './conversation-deps.js';
import { loadUserFacts } from './user-facts.js';
import { asksSomething, faqEntryFor } from './faq-match.js';
import { performEffect } from './turn-effects.js';
import { absorb, type Turn } from './turn.js';

export type { ConversationDeps } from './conversation-deps.js';

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
  const faqAtQuestion = faq && t.typed !== undefined && asksSomething(t.typed) ? faq : undefined;
  const question = after ? stateOf(after) : 'idle';
  const asked = after && question !== 'idle' ? { question, context: after.context, facts: t.facts, now: t.now } : null;
  const next = asked ? { ...asked, shown: ownDateAnswers(asked) } : undefined;
  t.say.push(
    ...noticeMessages(notices, {
      settings: t.deps.settings,
      ...(faq ? { faq } : {}),
      ...(faqAtQuestion ? { faqAtQuestion } : {}),
      ...(next ? { next } : {}),
    }),
  );
  notices.length = 0;
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
  if (duringHandoff !== null) {
    const answer: Dispatch = {
      audience: 'user',
      recipient: userId,
      messages: handoffAnswer(
        duringHandoff,
        deps.settings,
        [replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : [])),
      ),
    };
    if (duringHandoff !== 'held') return [answer];
    // Out of hours nobody may be reading the chat: what the person asked for reaches the group.
    const about = active ?? replaced;
    const ref = about ? bookingRef({ bookingId: about.id, name: about.name }) : null;
    const typed = event.input.type === 'text' ? event.input.text : null;
    return [
      answer,
      { audience: 'staff', recipient: deps.staffGroupId, messages: staffHandoffRequestMessages(ref, typed) },
    ];
  }
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
      machineEvent = {
        type: 'CHANGE',
        afterDecline: true,
        now,
        facts: (await loadUserFacts(db, deps, user, now)).facts,
      };
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
