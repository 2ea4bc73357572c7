import type { Db } from '../../db/database.js';
import { getBooking, type Booking } from '../../db/repositories/bookings-repository.js';
import { acceptImmediateRequest, immediateRequestStatus } from '../../db/repositories/immediate-requests-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import {
  clearStaffPrompt,
  setStaffPrompt,
  staffPromptOf,
  type StaffPrompt,
} from '../../db/repositories/staff-prompts-repository.js';
import { chatStateOf, setHandoff } from '../../db/repositories/users-repository.js';
import { decodeBookingAction, decodeChatAction } from '../../machines/booking/postback.js';
import type { Dispatch } from '../bookings/dispatch.js';
import {
  bookingToChange,
  confirmBooking,
  markAttendance,
  proposeTime,
  type LifecycleResult,
} from '../bookings/lifecycle.js';
import { firstFreeSlot, normalizeText, parseDateTime, toLocal, type LocalDateTime } from '../calendar/index.js';
import { loadCalendar } from '../bookings/calendar-facts.js';
import { typedSlotExample } from '../messages/examples.js';
import { formatSlotJa } from '../messages/format-ja.js';
import { text } from '../messages/building-blocks.js';
import { STAFF_ERROR_TEXT, STAFF_TEXT } from '../messages/staff-chat-texts.js';
import { immediateAcceptedMessages } from '../messages/lifecycle-messages.js';
import { handbackButton, handbackUserMessages, handoffUserMessages } from '../messages/handoff-messages.js';
import { noteWithButtons } from '../messages/staff-messages.js';
import { bookingEventsDispatches } from '../messages/booking-events.js';
import { receiptNumber } from '../messages/booking-cards.js';
import type { IncomingEvent } from './chat-input.js';
import type { ConversationDeps } from './conversation-deps.js';
import { bookingInProgress } from './booking-in-progress.js';
import { parseMeetingDetails } from './meeting-details.js';
import type { OfficeSettings } from '../office/settings.js';

interface StaffTurn {
  db: Db;
  deps: ConversationDeps;
  staffId: string;
  /**
   * LINE left out who acted (it does for LINE on PC): every such member shares one id here, so
   * one of them must not take over another's open question (see promptHeldByColleague).
   */
  anonymous: boolean;
  now: string;
}

/** A question the bot asked a staff member is answered within this time, or forgotten. */
const PROMPT_LIFETIME_MS = 10 * 60_000;

const say = (t: StaffTurn, body: string): Dispatch[] => [
  { audience: 'staff', recipient: t.deps.staffGroupId, messages: [text(body)] },
];

function outcome(t: StaffTurn, result: LifecycleResult): Dispatch[] {
  if (result.ok) return bookingEventsDispatches(result.events, t.deps);
  return say(t, STAFF_ERROR_TEXT[result.refusal.code]);
}

/** Asks a staff member for input about a booking in the status it has now (see answeredTooLate). */
async function setPrompt(
  t: StaffTurn,
  booking: Booking,
  action: 'zoom_details' | 'propose_time',
  start: string,
): Promise<void> {
  await setStaffPrompt(t.db, {
    staffUserId: t.staffId,
    bookingId: booking.id,
    action,
    start,
    bookingStatus: booking.status,
    createdAt: t.now,
  });
}

/**
 * The booking changed status while the question was open (a colleague confirmed the request the
 * staff member was about to offer another time for): the answer was meant for the old state and
 * would do something else now, so it is refused. Questions from before statuses were kept (null) pass.
 */
async function answeredTooLate(t: StaffTurn, prompt: StaffPrompt): Promise<string | undefined> {
  if (prompt.bookingStatus === null) return undefined;
  const booking = await getBooking(t.db, prompt.bookingId);
  if (!booking) return undefined;
  const ref = receiptNumber(booking.id);
  if (booking.status !== prompt.bookingStatus)
    return STAFF_TEXT.changedMeanwhile(ref, STAFF_TEXT.statusChanged(booking.status));
  // Same status, but changed since (a colleague proposed a time, or moved the session): the
  // answer would silently replace what they did.
  if (booking.updatedAt > prompt.createdAt) return STAFF_TEXT.changedMeanwhile(ref, STAFF_TEXT.otherChange);
  return undefined;
}

/** Hands a chat staff took over back to the bot. The same rules as the staff API. */
async function handBack(t: StaffTurn, lineUserId: string): Promise<Dispatch[]> {
  const state = await chatStateOf(t.db, lineUserId);
  if (!state) return say(t, STAFF_TEXT.personUnknown);
  if (!state.handoffAt) return say(t, STAFF_TEXT.notInHandoff);
  await setHandoff(t.db, lineUserId, null);
  await recordStaffAction(t.db, {
    subjectId: lineUserId,
    action: 'handback',
    staffId: t.staffId,
    via: 'line',
    at: t.now,
  });
  // A person the bot is stopped for is not told that it answers again.
  if (state.blockedAt) return say(t, STAFF_TEXT.handedBack);
  return [
    {
      audience: 'user',
      recipient: lineUserId,
      messages: handbackUserMessages(await bookingInProgress(t.db, lineUserId, t.now)),
    },
    ...say(t, STAFF_TEXT.handedBack),
  ];
}

/** A question left open for a member LINE does not name, about another booking: possibly a colleague's. */
async function promptHeldByColleague(t: StaffTurn, bookingId: string): Promise<string | undefined> {
  if (!t.anonymous) return undefined;
  const open = await staffPromptOf(t.db, t.staffId);
  if (!open || open.bookingId === bookingId || Date.parse(t.now) - Date.parse(open.createdAt) > PROMPT_LIFETIME_MS)
    return undefined;
  return open.bookingId;
}

async function clearPrompt(t: StaffTurn): Promise<void> {
  await clearStaffPrompt(t.db, t.staffId);
}

async function onButton(t: StaffTurn, data: string): Promise<Dispatch[]> {
  const chatAction = decodeChatAction(data);
  if (chatAction) return handBack(t, chatAction.lineUserId);
  const action = decodeBookingAction(data);
  if (!action) return [];
  const by = { id: t.staffId, via: 'line' as const };
  if (action.action === 'immediate') {
    const req = await acceptImmediateRequest(t.db, action.bookingId, t.staffId, t.now);
    if (!req) {
      // Either a colleague took it, or it closed for want of anyone (the person was told to book).
      const was = await immediateRequestStatus(t.db, action.bookingId);
      return say(
        t,
        was === 'declined'
          ? STAFF_TEXT.immediateClosed
          : was === 'withdrawn'
            ? STAFF_TEXT.immediateWithdrawn
            : STAFF_TEXT.immediateTaken,
      );
    }
    await recordStaffAction(t.db, {
      subjectId: action.bookingId,
      action: 'immediate_accept',
      staffId: t.staffId,
      via: 'line',
      at: t.now,
    });
    return [
      { audience: 'user', recipient: req.lineUserId, messages: immediateAcceptedMessages(t.deps.settings) },
      ...say(t, STAFF_TEXT.immediateAccepted),
    ];
  }
  // An old card's button (the booking is gone, or erased): say so before asking for meeting
  // details that could not be used.
  const found = await bookingToChange(t.db, action.bookingId);
  if ('refusal' in found) return say(t, STAFF_ERROR_TEXT[found.refusal.code]);
  const booking = found.row;
  switch (action.action) {
    case 'confirm1':
    case 'confirm2': {
      const start = action.action === 'confirm1' ? booking.choice1Start : booking.choice2Start;
      if (booking.status !== 'requested')
        return say(
          t,
          booking.status === 'confirmed' ? STAFF_ERROR_TEXT.already_confirmed : STAFF_ERROR_TEXT.invalid_status,
        );
      // The card of a request with one choice has no such button; a forged or mistaken one is refused.
      if (start === null) return say(t, STAFF_ERROR_TEXT.no_second_choice);
      if (booking.app === 'zoom' && !booking.meetingId) {
        const held = await promptHeldByColleague(t, booking.id);
        if (held) return say(t, STAFF_TEXT.promptHeld(receiptNumber(held)));
        await setPrompt(t, booking, 'zoom_details', start);
        return say(
          t,
          STAFF_TEXT.askZoomDetails(
            receiptNumber(booking.id),
            formatSlotJa(toLocal(start), t.deps.settings.sessionMinutes),
          ),
        );
      }
      return outcome(
        t,
        await confirmBooking(t.db, t.deps, { bookingId: booking.id, at: { start: toLocal(start) }, by, now: t.now }),
      );
    }
    case 'propose':
    case 'move': {
      // Offering a request another time and moving a confirmed session are different messages to
      // the person: an old request card's button must not move the session a colleague confirmed.
      const wanted = action.action === 'propose' ? 'requested' : 'confirmed';
      if (booking.status !== wanted) {
        if (booking.status === 'confirmed') return say(t, STAFF_TEXT.proposeConfirmed(receiptNumber(booking.id)));
        if (booking.status === 'requested') return say(t, STAFF_TEXT.moveRequested(receiptNumber(booking.id)));
        return say(t, STAFF_ERROR_TEXT.invalid_status);
      }
      const held = await promptHeldByColleague(t, booking.id);
      if (held) return say(t, STAFF_TEXT.promptHeld(receiptNumber(held)));
      await setPrompt(t, booking, 'propose_time', '');
      const ref = receiptNumber(booking.id);
      return say(
        t,
        wanted === 'requested'
          ? STAFF_TEXT.askProposal(ref, booking.app === 'zoom', await exampleFor(t, booking))
          : STAFF_TEXT.askMove(
              ref,
              formatSlotJa(toLocal(booking.confirmedStart!), t.deps.settings.sessionMinutes),
              booking.app === 'zoom',
              await exampleFor(t, booking),
            ),
      );
    }
    case 'takeover': {
      // An old card of a booking that ended: silencing the bot for someone who left is a mistake.
      if (booking.status !== 'requested' && booking.status !== 'confirmed')
        return say(t, STAFF_TEXT.takeoverClosed(receiptNumber(booking.id)));
      const state = await chatStateOf(t.db, booking.lineUserId);
      if (state?.handoffAt) return say(t, STAFF_TEXT.alreadyTakenOver(receiptNumber(booking.id)));
      await setHandoff(t.db, booking.lineUserId, t.now);
      await recordStaffAction(t.db, {
        subjectId: booking.id,
        action: 'takeover',
        staffId: t.staffId,
        via: 'line',
        at: t.now,
      });
      // The person is told why the bot goes quiet; staff get the button that hands the chat back.
      const note: Dispatch = {
        audience: 'staff',
        recipient: t.deps.staffGroupId,
        messages: [
          noteWithButtons(STAFF_TEXT.takenOver(receiptNumber(booking.id)), [handbackButton(booking.lineUserId)]),
        ],
      };
      return state?.blockedAt
        ? [note]
        : // A staff member is answering right now, whatever the hour.
          [{ audience: 'user', recipient: booking.lineUserId, messages: handoffUserMessages(null) }, note];
    }
    case 'handback':
      // Cards from before the button was keyed on the person.
      return handBack(t, booking.lineUserId);
    case 'attended':
    case 'noshow':
      if (booking.status === 'confirmed' && booking.confirmedStart !== null && t.now < booking.confirmedStart)
        return say(t, STAFF_TEXT.attendanceTooEarly);
      return outcome(
        t,
        await markAttendance(t.db, t.deps, {
          bookingId: booking.id,
          attended: action.action === 'attended',
          by,
          now: t.now,
        }),
      );
    default:
      return [];
  }
}

/**
 * Splits 「12/10 14:00 123 4567 8901 abc」 into the date-time and the rest. A bare 「2:00」 is read
 * as the afternoon when only that fits the office's day, as in the person's chat.
 */
function splitWhenAndRest(raw: string, now: string, settings: OfficeSettings): { at?: LocalDateTime; rest: string } {
  const words = raw.normalize('NFKC').trim().split(/\s+/);
  for (const n of [2, 1]) {
    const parsed = parseDateTime(words.slice(0, n).join(' '), now, { settings });
    if (parsed.type === 'datetime')
      return { at: { date: parsed.date, minutes: parsed.minutes }, rest: words.slice(n).join(' ') };
  }
  return { rest: raw };
}

/** A slot of the booking's kind free now, as the example of a date and time to type (never a fixed date). */
async function exampleFor(t: StaffTurn, booking: Booking | undefined): Promise<string | undefined> {
  if (!booking) return undefined;
  const at = firstFreeSlot(await loadCalendar(t.db, t.deps.settings, t.now), booking.kind, t.now);
  return at ? typedSlotExample(at) : undefined;
}

async function onText(t: StaffTurn, raw: string): Promise<Dispatch[]> {
  const prompt = await staffPromptOf(t.db, t.staffId);
  if (!prompt) return []; // ordinary talk among staff: the bot stays quiet
  if (Date.parse(t.now) - Date.parse(prompt.createdAt) > PROMPT_LIFETIME_MS) {
    // An old question must not turn later chatter ("12/10 14:00 の件、了解です") into an action.
    await clearPrompt(t);
    return [];
  }
  if (['取消', '取り消し', 'キャンセル', 'やめる'].includes(normalizeText(raw))) {
    await clearPrompt(t);
    return say(t, STAFF_TEXT.promptCancelled);
  }
  const tooLate = await answeredTooLate(t, prompt);
  if (tooLate) {
    await clearPrompt(t);
    return say(t, tooLate);
  }
  const by = { id: t.staffId, via: 'line' as const };
  if (prompt.action === 'zoom_details') {
    const meeting = parseMeetingDetails(raw);
    if (!meeting) return say(t, STAFF_TEXT.zoomUnreadable);
    await clearPrompt(t);
    return outcome(
      t,
      await confirmBooking(t.db, t.deps, {
        bookingId: prompt.bookingId,
        at: { start: toLocal(prompt.start) },
        meeting,
        by,
        now: t.now,
      }),
    );
  }
  const { at, rest } = splitWhenAndRest(raw, t.now, t.deps.settings);
  if (!at) return say(t, STAFF_TEXT.whenUnreadable(await exampleFor(t, await getBooking(t.db, prompt.bookingId))));
  const meeting = rest ? parseMeetingDetails(rest) : undefined;
  if (rest && !meeting)
    return say(t, STAFF_TEXT.restUnreadable(await exampleFor(t, await getBooking(t.db, prompt.bookingId))));
  const result = await proposeTime(t.db, t.deps, {
    bookingId: prompt.bookingId,
    start: at,
    ...(meeting ? { meeting } : {}),
    by,
    now: t.now,
  });
  if (result.ok || result.refusal.code !== 'meeting_required') await clearPrompt(t);
  return outcome(t, result);
}

/** Staff actions from the staff group: card buttons, and answers to the bot's follow-up questions. */
export async function handleStaffEvent(
  db: Db,
  deps: ConversationDeps,
  event: IncomingEvent,
  staffId: string,
  now: string,
): Promise<Dispatch[]> {
  const t: StaffTurn = { db, deps, staffId, anonymous: event.userId === null, now };
  if (event.input.type === 'postback') return onButton(t, event.input.data);
  if (event.input.type === 'text') return onText(t, event.input.text);
  return [];
}
