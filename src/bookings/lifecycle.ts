import type { Db } from '../../db/database.js';
import { cancellation, confirmedReplacedBy, getBooking, NO_PROPOSAL, pendingChangeOf, sessionStartOf, takenInSlot, updateBooking, type BookingRow } from '../../db/repositories/bookings-repository.js';
import { scheduleJob } from '../../db/repositories/jobs-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { addDays, capacityOf, formatIsoJst, formatSlotJa, toInstant, toLocal, type Instant, type LocalDateTime } from '../calendar/index.js';
import { attendanceCorrectedMessages, cancelledByOfficeMessages, cancelledByUserMessages, changeRequestEndedMessages, confirmationCard, noShowRecordedMessages, proposalCard, requestWithdrawnMessages, type MeetingDetails } from '../conversation/messages/lifecycle-messages.js';
import { text, postback } from '../conversation/messages/building-blocks.js';
import { noteWithButtons } from '../conversation/messages/staff-messages.js';
import type { LineAction } from '../line/message-types.js';
import { loadCalendar } from '../conversation/facts.js';
import type { LifecycleSettings } from '../office/lifecycle-settings.js';
import type { OfficeSettings } from '../office/settings.js';
import { bookingViewOf } from './booking-view.js';
import type { Dispatch } from './dispatch.js';
import { sessionSpan, staffTimeProblem } from './slot-rules.js';
import { encodeBookingAction, proposalActions } from './booking-actions.js';

export interface LifecycleDeps {
  settings: OfficeSettings;
  lifecycle: LifecycleSettings;
  staffGroupId: string;
}

export interface Actor {
  /** LINE user id of a staff member, 'api:<name>' for the staff API, the user's id, or 'system'. */
  id: string;
  via: 'line' | 'api' | 'system';
}

export type LifecycleError = { ok: false; status: 400 | 404 | 409; code: string; message: string; field?: string };
export type LifecycleResult = { ok: true; booking: BookingRow; dispatches: Dispatch[] } | LifecycleError;

/** The actor behind an id stored in `confirmed_by` or `proposed_by` (see Actor.id). */
function actorOf(id: string): Actor {
  return { id, via: id === 'system' ? 'system' : id.startsWith('api:') ? 'api' : 'line' };
}

const fail = (status: 400 | 404 | 409, code: string, message: string, field?: string): LifecycleError => ({ ok: false, status, code, message, ...(field ? { field } : {}) });

const PROBLEM_TEXT = { past: 'the time has passed', closed_day: 'the office does not hold such sessions that day', outside_window: 'the session does not fit a consultation window' } as const;

async function checkSlot(db: Db, deps: LifecycleDeps, row: BookingRow, at: LocalDateTime, now: Instant): Promise<LifecycleError | null> {
  const calendar = await loadCalendar(db, deps.settings, now);
  const problem = staffTimeProblem(calendar, row.kind, at, now);
  if (problem) return fail(409, problem, PROBLEM_TEXT[problem], 'start');
  const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
  // Counted and taken in the same transaction as the update: two staff at once cannot overfill it.
  if ((await takenInSlot(db, span.slot, row.id)) >= capacityOf(calendar, span.slot)) return fail(409, 'slot_full', 'the slot is already taken', 'start');
  return null;
}

async function scheduleSessionJobs(db: Db, deps: LifecycleDeps, bookingId: string, at: LocalDateTime, now: Instant): Promise<void> {
  const start = toInstant(at);
  const l = deps.lifecycle;
  const dayBefore = toInstant({ date: addDays(at.date, -1), minutes: l.dayBeforeReminderMinutes });
  const morning = toInstant({ date: at.date, minutes: Math.min(l.morningReminderMinutes, at.minutes - 30) });
  // A moved session skipped its old jobs first; one due at the same moment again is re-armed.
  const rearm = { rearm: true };
  if (dayBefore > now) await scheduleJob(db, 'reminder_day_before', bookingId, dayBefore, now, rearm);
  if (morning > now && morning < start) await scheduleJob(db, 'reminder_morning', bookingId, morning, now, rearm);
  await scheduleJob(db, 'no_show', bookingId, toInstant({ date: at.date, minutes: at.minutes + l.noShowGraceMinutes }), now, rearm);
}

function staffNote(deps: LifecycleDeps, body: string, actions: readonly LineAction[] = []): Dispatch {
  return { audience: 'staff', recipient: deps.staffGroupId, messages: [actions.length > 0 ? noteWithButtons(body, actions) : text(body)] };
}

/** How staff notes name a booking: the start of its id and the person's name. */
export function bookingRef(row: Pick<BookingRow, 'id' | 'name'>): string {
  // No name once the details were erased after the retention period.
  return row.name ? `受付番号 ${row.id.slice(0, 8)}（${row.name} 様）` : `受付番号 ${row.id.slice(0, 8)}`;
}

/**
 * A booking whose personal details were erased (the office's retention period) is over for good:
 * nothing more is done with it, so no new details (a reason, meeting details) are stored on it.
 */
function erasedRefusal(row: BookingRow): LifecycleResult | undefined {
  return row.personal_data_erased_at !== null ? fail(409, 'personal_data_erased', "the booking is past the office's retention period; its personal details were erased") : undefined;
}

export interface ConfirmInput {
  bookingId: string;
  /** A choice of the request, or any minute-exact start staff agreed with the user. */
  at: { choice: 1 | 2 } | { start: LocalDateTime };
  meeting?: MeetingDetails;
  by: Actor;
  now: Instant;
  /** The person accepted a time `by` proposed: recorded so, in `by`'s name. */
  acceptedByPerson?: boolean;
}

/** Confirms a request at one time: capacity checked and taken atomically, the user told, reminders set. */
export async function confirmBooking(db: Db, deps: LifecycleDeps, input: ConfirmInput): Promise<LifecycleResult> {
  const row = await getBooking(db, input.bookingId);
  if (!row) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  if (row.status === 'confirmed') return fail(409, 'already_confirmed', `already confirmed for ${row.confirmed_start ? formatIsoJst(row.confirmed_start) : 'another time'}`);
  if (row.status !== 'requested') return fail(409, 'invalid_status', `a ${row.status} booking cannot be confirmed`);
  const at = 'choice' in input.at ? toLocal(input.at.choice === 1 ? row.choice1_start : row.choice2_start) : input.at.start;
  const meeting = input.meeting ?? (row.meeting_id && row.meeting_passcode ? { meetingId: row.meeting_id, passcode: row.meeting_passcode } : undefined);
  if (row.app === 'zoom' && !meeting) return fail(400, 'meeting_required', 'a Zoom booking needs meetingId and passcode', 'meetingId');
  const slotError = await checkSlot(db, deps, row, at, input.now);
  if (slotError) return slotError;
  const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
  await updateBooking(db, row.id, {
    status: 'confirmed',
    confirmed_start: span.start,
    confirmed_end: span.end,
    confirmed_slot: span.slot,
    meeting_id: meeting?.meetingId ?? null,
    meeting_passcode: meeting?.passcode ?? null,
    confirmed_by: input.by.id,
    confirmed_at: input.now,
    ...NO_PROPOSAL,
    updated_at: input.now,
  });
  const dispatches: Dispatch[] = [];
  let replaced: LocalDateTime | null = null;
  if (row.replaces_booking_id) {
    const old = await getBooking(db, row.replaces_booking_id);
    if (old && (old.status === 'requested' || old.status === 'confirmed')) {
      await updateBooking(db, old.id, cancellation('rescheduled', input.by.id, input.now));
      replaced = toLocal(sessionStartOf(old));
    }
  }
  await scheduleSessionJobs(db, deps, row.id, at, input.now);
  await recordStaffAction(db, { subjectId: row.id, action: 'confirm', staffId: input.by.id, via: input.by.via, detail: { start: span.start, ...(input.acceptedByPerson ? { acceptedByPerson: true } : {}) }, at: input.now });
  const updated = (await getBooking(db, row.id))!;
  // A change: say plainly that the earlier session is gone, so nobody turns up for both.
  const replacedLine = replaced ? `変更前のご予約（${formatSlotJa(replaced, deps.settings.sessionMinutes)}）は取り消しました。` : null;
  dispatches.push({ audience: 'user', recipient: row.line_user_id, messages: [...confirmationCard(bookingViewOf(updated), at, meeting ?? null, deps.settings), ...(replacedLine ? [text(replacedLine)] : [])] });
  dispatches.push(
    staffNote(deps, `確定しました: ${bookingRef(row)} ${formatSlotJa(at, deps.settings.sessionMinutes)}${replacedLine ? `\n${replacedLine}` : ''}\n相談が終わったら出席を記録してください（開始10分を過ぎても記録がなく、連絡もない場合は欠席として記録されます）。`, [
      postback('出席を記録', encodeBookingAction({ action: 'attended', bookingId: row.id })),
      postback('日時を変更', encodeBookingAction({ action: 'move', bookingId: row.id })),
    ]),
  );
  return { ok: true, booking: updated, dispatches };
}

export interface CancelInput {
  bookingId: string;
  by: Actor;
  /** The user themselves (through the chat) or the office. */
  byUser: boolean;
  reason: string | null;
  now: Instant;
}

/** Cancels an open booking. Users may do so up to the day before; on the day only by phone. */
export async function cancelBooking(db: Db, deps: LifecycleDeps, input: CancelInput): Promise<LifecycleResult> {
  const row = await getBooking(db, input.bookingId);
  if (!row) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  if (row.status !== 'requested' && row.status !== 'confirmed') return fail(409, 'invalid_status', `a ${row.status} booking cannot be cancelled`);
  const at = toLocal(sessionStartOf(row));
  // The phone-only rule is for a fixed session; a request awaiting staff can be withdrawn any time.
  if (input.byUser && row.status === 'confirmed' && at.date <= toLocal(input.now).date) return fail(409, 'same_day', 'on the day of the session, cancellation is by phone only');
  // A proposal on it lapses with it: its card's buttons then say so.
  await updateBooking(db, row.id, cancellation(input.reason, input.by.id, input.now));
  if (input.byUser) await db.updateTable('users').set((eb) => ({ cancel_count: eb('cancel_count', '+', 1) })).where('line_user_id', '=', row.line_user_id).execute();
  await recordStaffAction(db, { subjectId: row.id, action: 'cancel', staffId: input.by.id, via: input.by.via, detail: { reason: input.reason, byUser: input.byUser }, at: input.now });
  const updated = (await getBooking(db, row.id))!;
  // The office withdrawing a change request leaves the confirmed session it would have replaced.
  const kept = !input.byUser && row.status === 'requested' ? await confirmedReplacedBy(db, row) : undefined;
  // The office cancelling a session also ends the person's request to move it: it had nothing left
  // to replace, and left open it would stop them booking again. (The person's own cancel in the
  // chat ends both itself.)
  const change = !input.byUser && row.status === 'confirmed' ? await endPendingChange(db, row, input) : undefined;
  const toUser =
    kept?.confirmed_start
      ? changeRequestEndedMessages(toLocal(kept.confirmed_start), 'office', input.reason, deps.settings)
      : input.byUser
        ? row.status === 'requested'
          ? requestWithdrawnMessages([toLocal(row.choice1_start), toLocal(row.choice2_start)], row.replaces_booking_id !== null, deps.settings)
          : cancelledByUserMessages(at, deps.settings)
        : cancelledByOfficeMessages(at, input.reason, deps.settings, change !== undefined);
  const changeLine = change ? `\n日時変更の申込み ${bookingRef(change)} も取り消しました。` : '';
  return {
    ok: true,
    booking: updated,
    dispatches: [
      { audience: 'user', recipient: row.line_user_id, messages: toUser },
      staffNote(deps, `${input.byUser ? 'ご本人がキャンセルしました' : 'キャンセルしました'}: ${bookingRef(row)} ${formatSlotJa(at, deps.settings.sessionMinutes)}${changeLine}`),
    ],
  };
}

/** Cancels the open change request that would have replaced `confirmed`, if there is one; returns it. */
async function endPendingChange(db: Db, confirmed: BookingRow, input: CancelInput): Promise<BookingRow | undefined> {
  const change = await pendingChangeOf(db, confirmed.id);
  if (!change) return undefined;
  await updateBooking(db, change.id, cancellation(input.reason, input.by.id, input.now));
  await recordStaffAction(db, { subjectId: change.id, action: 'cancel', staffId: input.by.id, via: input.by.via, detail: { reason: input.reason, byUser: false, with: confirmed.id }, at: input.now });
  return change;
}

export interface ProposeInput {
  bookingId: string;
  start: LocalDateTime;
  meeting?: MeetingDetails;
  by: Actor;
  now: Instant;
}

/**
 * The office proposes another time for a request, or moves a confirmed booking (terms 6(5)).
 * The user accepts or asks for another; until then nothing is taken.
 */
export async function proposeTime(db: Db, deps: LifecycleDeps, input: ProposeInput): Promise<LifecycleResult> {
  const row = await getBooking(db, input.bookingId);
  if (!row) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  if (row.status !== 'requested' && row.status !== 'confirmed') return fail(409, 'invalid_status', `a ${row.status} booking cannot be moved`);
  if (row.app === 'zoom' && !input.meeting && !row.meeting_id) return fail(400, 'meeting_required', 'a Zoom booking needs meetingId and passcode', 'meetingId');
  const slotError = await checkSlot(db, deps, row, input.start, input.now);
  if (slotError) return slotError;
  const span = sessionSpan(row.kind, input.start, deps.settings.sessionMinutes);
  // The meeting details go with the proposal: a confirmed session keeps its own until the person accepts.
  await updateBooking(db, row.id, {
    proposed_start: span.start,
    proposed_end: span.end,
    proposed_meeting_id: input.meeting?.meetingId ?? null,
    proposed_meeting_passcode: input.meeting?.passcode ?? null,
    proposed_by: input.by.id,
    updated_at: input.now,
  });
  await recordStaffAction(db, { subjectId: row.id, action: 'propose', staffId: input.by.id, via: input.by.via, detail: { start: span.start }, at: input.now });
  const actions = proposalActions(row.id, span.start);
  return {
    ok: true,
    booking: (await getBooking(db, row.id))!,
    dispatches: [
      { audience: 'user', recipient: row.line_user_id, messages: proposalCard(input.start, row.status === 'confirmed', actions, deps.settings) },
      staffNote(deps, `日時を提案しました: ${bookingRef(row)} ${formatSlotJa(input.start, deps.settings.sessionMinutes)}（ご本人の回答待ち）`),
    ],
  };
}

/** The user accepts the proposed time (the one their card showed): it is confirmed like a staff confirmation. */
export async function acceptProposal(db: Db, deps: LifecycleDeps, bookingId: string, userId: string, now: Instant, shown?: string): Promise<LifecycleResult> {
  const row = await getBooking(db, bookingId);
  if (!row || row.line_user_id !== userId) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  if (!row.proposed_start || (shown !== undefined && shown !== row.proposed_start)) return fail(409, 'no_proposal', 'nothing proposed, or another time was proposed since');
  const at = toLocal(row.proposed_start);
  const proposedMeeting = row.proposed_meeting_id && row.proposed_meeting_passcode ? { meetingId: row.proposed_meeting_id, passcode: row.proposed_meeting_passcode } : undefined;
  // Confirmed in the name of whoever proposed it; the person's part is in the record's detail.
  const proposer = actorOf(row.proposed_by ?? row.confirmed_by ?? userId);
  if (row.status === 'confirmed') {
    // Moving a confirmed booking: take the new slot, release the old one.
    const slotError = await checkSlot(db, deps, row, at, now);
    if (slotError) return slotError;
    const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
    await updateBooking(db, row.id, {
      confirmed_start: span.start,
      confirmed_end: span.end,
      confirmed_slot: span.slot,
      ...(proposedMeeting ? { meeting_id: proposedMeeting.meetingId, meeting_passcode: proposedMeeting.passcode } : {}),
      confirmed_by: proposer.id,
      confirmed_at: now,
      ...NO_PROPOSAL,
      updated_at: now,
    });
    await db.updateTable('scheduled_jobs').set({ status: 'skipped', done_at: now }).where('subject_id', '=', row.id).where('status', '=', 'pending').execute();
    await scheduleSessionJobs(db, deps, row.id, at, now);
    await recordStaffAction(db, { subjectId: row.id, action: 'confirm', staffId: proposer.id, via: proposer.via, detail: { start: span.start, acceptedByPerson: true }, at: now });
    const updated = (await getBooking(db, row.id))!;
    const meeting = updated.meeting_id && updated.meeting_passcode ? { meetingId: updated.meeting_id, passcode: updated.meeting_passcode } : null;
    return {
      ok: true,
      booking: updated,
      dispatches: [
        { audience: 'user', recipient: row.line_user_id, messages: confirmationCard(bookingViewOf(updated), at, meeting, deps.settings) },
        staffNote(deps, `ご本人が変更後の日時を承諾しました: ${bookingRef(row)} ${formatSlotJa(at, deps.settings.sessionMinutes)}`),
      ],
    };
  }
  return confirmBooking(db, deps, { bookingId, at: { start: at }, ...(proposedMeeting ? { meeting: proposedMeeting } : {}), by: proposer, acceptedByPerson: true, now });
}

/** The user declines the proposal; staff are told, and the chat asks for new preferred times. */
export async function declineProposal(db: Db, deps: LifecycleDeps, bookingId: string, userId: string, now: Instant, shown?: string): Promise<LifecycleResult> {
  const row = await getBooking(db, bookingId);
  if (!row || row.line_user_id !== userId) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  if (!row.proposed_start || (shown !== undefined && shown !== row.proposed_start)) return fail(409, 'no_proposal', 'nothing proposed, or another time was proposed since');
  // A booking that ended meanwhile (cancelled, replaced, held) has nothing left to decline.
  if (row.status !== 'requested' && row.status !== 'confirmed') return fail(409, 'no_proposal', `a ${row.status} booking has no proposal to answer`);
  await updateBooking(db, row.id, { ...NO_PROPOSAL, updated_at: now });
  return { ok: true, booking: (await getBooking(db, row.id))!, dispatches: [staffNote(deps, `ご本人が提案の日時を辞退し、別の日時を希望しています: ${bookingRef(row)}`)] };
}

/**
 * The no-show check found a session unrecorded, but the person wrote to the office that day (late,
 * could not connect): the terms count only a session missed without contact. It is closed as a
 * cancellation on the day with contact, not counted towards the no-show flag, and staff can still
 * correct it to attended. The person is not told anything: they may be in the session right now.
 */
export async function closeAfterContact(db: Db, deps: LifecycleDeps, bookingId: string, now: Instant): Promise<LifecycleResult> {
  const row = await getBooking(db, bookingId);
  if (!row) return fail(404, 'not_found', 'no such booking');
  if (row.status !== 'confirmed') return fail(409, 'invalid_status', `a ${row.status} booking has no attendance to mark`);
  await updateBooking(db, row.id, cancellation('contacted_on_day', 'system', now));
  await recordStaffAction(db, { subjectId: row.id, action: 'closed_after_contact', staffId: 'system', via: 'system', at: now });
  const when = formatSlotJa(toLocal(sessionStartOf(row)), deps.settings.sessionMinutes);
  return {
    ok: true,
    booking: (await getBooking(db, row.id))!,
    dispatches: [
      staffNote(deps, `【当日連絡ありの欠席】${bookingRef(row)}（${when}）は、開始から10分を過ぎても出席の記録がありません。本日ご本人から連絡があったため、連絡ありのキャンセルとして記録しました（欠席回数には数えません）。出席していた場合は「出席に訂正」を押してください。`, [
        postback('出席に訂正', encodeBookingAction({ action: 'attended', bookingId: row.id })),
      ]),
    ],
  };
}

export interface AttendanceInput {
  bookingId: string;
  attended: boolean;
  by: Actor;
  now: Instant;
}

/**
 * Marks a confirmed session attended, or a no-show (counted; staff flagged at the threshold).
 * A no-show recorded by mistake (the person came, or had phoned) can be corrected to attended:
 * the count goes back down, so nobody is flagged for a session they attended.
 */
export async function markAttendance(db: Db, deps: LifecycleDeps, input: AttendanceInput): Promise<LifecycleResult> {
  const row = await getBooking(db, input.bookingId);
  if (!row) return fail(404, 'not_found', 'no such booking');
  const erased = erasedRefusal(row);
  if (erased) return erased;
  // A missed session can be corrected to attended: a no-show, or one closed after the person wrote that day.
  const closedAfterContact = row.status === 'cancelled' && row.cancel_reason === 'contacted_on_day';
  const correcting = (row.status === 'no_show' || closedAfterContact) && input.attended;
  if (row.status !== 'confirmed' && !correcting) return fail(409, 'invalid_status', `a ${row.status} booking has no attendance to mark`);
  const dispatches: Dispatch[] = [];
  if (input.attended) {
    await updateBooking(db, row.id, { status: 'attended', attended_at: input.now, cancel_reason: null, cancelled_by: null, cancelled_at: null, updated_at: input.now });
    if (correcting && closedAfterContact) {
      dispatches.push(staffNote(deps, `出席に訂正しました: ${bookingRef(row)}`));
    } else if (correcting) {
      const user = await db
        .updateTable('users')
        .set((eb) => ({ no_show_count: eb.fn('max', [eb('no_show_count', '-', 1), eb.val(0)]) }))
        .where('line_user_id', '=', row.line_user_id)
        .returning('no_show_count')
        .executeTakeFirst();
      if (user && user.no_show_count < deps.lifecycle.noShowFlagCount) await db.updateTable('users').set({ flagged_at: null }).where('line_user_id', '=', row.line_user_id).execute();
      dispatches.push(staffNote(deps, `出席に訂正しました: ${bookingRef(row)}`));
      // The last thing the person read said the session counted as missed.
      dispatches.push({ audience: 'user', recipient: row.line_user_id, messages: attendanceCorrectedMessages(toLocal(sessionStartOf(row)), deps.settings) });
    }
  } else {
    await updateBooking(db, row.id, { status: 'no_show', cancel_reason: 'no_show', cancelled_by: input.by.id, cancelled_at: input.now, updated_at: input.now });
    const user = await db
      .updateTable('users')
      .set((eb) => ({ no_show_count: eb('no_show_count', '+', 1) }))
      .where('line_user_id', '=', row.line_user_id)
      .returning(['no_show_count', 'flagged_at'])
      .executeTakeFirst();
    // The person hears of it too: it counts towards refusal (terms 6(4)), and a reason may exist.
    dispatches.push({ audience: 'user', recipient: row.line_user_id, messages: noShowRecordedMessages(toLocal(sessionStartOf(row)), deps.settings) });
    dispatches.push(
      staffNote(deps, `欠席（連絡なし）として記録しました: ${bookingRef(row)} ${formatSlotJa(toLocal(sessionStartOf(row)), deps.settings.sessionMinutes)}\n出席していた場合や連絡があった場合は訂正してください。`, [
        postback('出席に訂正', encodeBookingAction({ action: 'attended', bookingId: row.id })),
      ]),
    );
    if (user && user.no_show_count >= deps.lifecycle.noShowFlagCount && !user.flagged_at) {
      await db.updateTable('users').set({ flagged_at: input.now }).where('line_user_id', '=', row.line_user_id).execute();
      dispatches.push(staffNote(deps, `【要確認】${row.name} 様の連絡のないキャンセル（欠席）が${user.no_show_count}回になりました。今後のオンライン相談の扱いをご判断ください。`));
    }
  }
  await recordStaffAction(db, { subjectId: row.id, action: correcting ? 'attendance_corrected' : input.attended ? 'attended' : 'no_show', staffId: input.by.id, via: input.by.via, at: input.now });
  return { ok: true, booking: (await getBooking(db, row.id))!, dispatches };
}
