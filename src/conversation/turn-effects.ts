import { randomUUID } from 'node:crypto';
import type { EffectAction } from '../../machines/booking/booking-machine.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { recordConsent, recordEligibility, setHandoff } from '../../db/repositories/users-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import {
  insertImmediateRequest,
  openImmediateRequestOf,
  withdrawImmediateRequest,
} from '../../db/repositories/immediate-requests-repository.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import { cancelBooking } from '../bookings/lifecycle.js';
import { nextOpening, toLocal } from '../calendar/index.js';
import { choicesFree } from '../bookings/choice-free.js';
import { activeBookingMessages, submittedMessages } from '../messages/booking-cards.js';
import { handoffBookingSummary, handoffUserMessages, staffHandoffMessages } from '../messages/handoff-messages.js';
import {
  immediateRequestedMessages,
  immediateWaitingMessages,
  immediateWithdrawnMessages,
} from '../messages/lifecycle-messages.js';
import { bookingEventsDispatches } from '../messages/booking-events.js';
import { noticeMessage } from '../messages/notice-messages.js';
import { whoJa } from '../messages/companion-ja.js';
import {
  bookingRef,
  staffDeclinedChangeStoppedMessages,
  staffImmediateMessages,
  staffImmediateWithdrawnMessages,
  staffRequestMessages,
} from '../messages/staff-messages.js';
import { recordSessionDayContact } from './session-day-contact.js';
import { storeRequest } from './store-request.js';
import { absorb, sayToStaff, type Turn } from './turn.js';

/** How long an immediate-session request waits for a free counsellor before the person is told. */
const IMMEDIATE_WAIT_MS = 20 * 60_000;

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

/** There is no booking; asked mid-booking, the answer says the booking being filled in goes on. */
function noBooking(t: Turn, inProgress: boolean) {
  return noticeMessage(
    { key: 'noActiveBooking', ...(inProgress ? { params: { inProgress: 1 } } : {}) },
    t.deps.settings,
  );
}

/**
 * Carries out one effect the conversation asked for (consent, a request, a cancellation, a
 * hand-over, contact on a session day, an immediate session) in the turn's transaction, and adds
 * what it says to the turn.
 */
export async function performEffect(
  t: Turn,
  { effect, draft, message, answered, inProgress }: EffectAction['params'],
): Promise<void> {
  const { db, deps, userId, now, facts, active } = t;
  switch (effect) {
    case 'recordConsent':
      return recordConsent(db, userId, facts.termsVersion, now);
    case 'showActiveBooking':
    case 'showStatus': {
      const views = [t.replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : []));
      if (views.length > 0) {
        t.say.push(...activeBookingMessages(views, deps.settings, effect === 'showStatus'));
        return;
      }
      // A 今すぐ相談 request waiting for staff is what the person has: say so, and how to call it off.
      const waiting = effect === 'showStatus' ? await openImmediateRequestOf(db, userId) : undefined;
      t.say.push(...(waiting ? immediateWaitingMessages(waiting.createdAt) : noBooking(t, t.inProgress)));
      return;
    }
    case 'cancelWithoutBooking': {
      const withdrawn = await withdrawImmediateRequest(db, userId);
      if (withdrawn) {
        t.say.push(...immediateWithdrawnMessages());
        sayToStaff(t, staffImmediateWithdrawnMessages(withdrawn.name));
      } else t.say.push(...noBooking(t, inProgress === true));
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
      sayToStaff(t, staffRequestMessages(booking, deps.settings, change !== undefined, free));
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
      sayToStaff(t, staffHandoffMessages(draft.name ?? facts.identity?.name ?? null, summary, userId));
      return;
    }
    case 'declinedChangeStopped': {
      const stopped = t.replaced ?? active;
      if (stopped)
        sayToStaff(t, staffDeclinedChangeStoppedMessages(bookingRef({ bookingId: stopped.id, name: stopped.name })));
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
        companion: interpreter ? (draft.companion ?? null) : null,
        companionLanguage: interpreter ? (draft.companionLanguage ?? null) : null,
        createdAt: now,
      });
      await scheduleJob(db, 'immediate_timeout', id, new Date(Date.parse(now) + IMMEDIATE_WAIT_MS).toISOString(), now);
      t.say.push(...immediateRequestedMessages());
      sayToStaff(
        t,
        staffImmediateMessages(name, interpreter, id, t.deps.settings, draft.companion ? whoJa(draft) : undefined),
      );
      return;
    }
  }
}
