import type { MeetingDetails } from '../../../bookings/booking-outcome.js';
import { isOfficeDate, type LocalDateTime } from '../../../calendar/index.js';

/** The three forms of the booking page; each field's id on the page is `<form>-<field>`. */
export type FormName = 'confirm' | 'propose' | 'cancel';

/** The field the booking's updatedAt travels in: a form opened before the last change is refused. */
export const SEEN_FIELD = 'updated_at';

/** Longest cancellation reason (the same limit as the staff API's `reason`). */
export const REASON_MAX = 200;
/** Longest meeting id or passcode (the same limit as the staff API). */
const MEETING_MAX = 40;

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export interface FormProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: FormProblem };

export interface ConfirmForm {
  seen: string;
  at: { choice: 1 | 2 } | { start: LocalDateTime };
  meeting?: MeetingDetails;
}

export interface ProposeForm {
  seen: string;
  start: LocalDateTime;
  meeting?: MeetingDetails;
}

export interface CancelForm {
  seen: string;
  reason: string;
}

type Body = Record<string, unknown>;

const problem = (field: string, message: string): { ok: false; problem: FormProblem } => ({
  ok: false,
  problem: { field, message },
});

/** A single text field as the form sent it; a repeated or missing field reads as absent. */
export function fieldOf(body: Body, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

/** The values to put back into a re-rendered form (text fields only). */
export function echoOf(body: Body): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

function seenOf(body: Body): Parsed<string> {
  const seen = fieldOf(body, SEEN_FIELD);
  return seen && !Number.isNaN(Date.parse(seen))
    ? { ok: true, value: seen }
    : problem(SEEN_FIELD, '画面の情報が足りません。画面を開き直して、もう一度操作してください。');
}

/** A date (type=date) and a time (type=time) in Japan time. */
export function startOf(body: Body): Parsed<LocalDateTime> {
  const date = (fieldOf(body, 'date') ?? '').trim();
  const time = (fieldOf(body, 'time') ?? '').trim();
  if (date === '') return problem('date', '日付を入力してください。');
  if (!isOfficeDate(date)) return problem('date', '日付を 2026-12-08 の形で入力してください。');
  if (time === '') return problem('time', '開始時刻を入力してください。');
  const m = TIME.exec(time);
  if (!m) return problem('time', '開始時刻を 10:30 の形で入力してください。');
  return { ok: true, value: { date, minutes: Number(m[1]) * 60 + Number(m[2]) } };
}

function shortText(body: Body, name: string, label: string): Parsed<string | undefined> {
  const v = (fieldOf(body, name) ?? '').trim();
  if (v === '') return { ok: true, value: undefined };
  if (v.length > MEETING_MAX) return problem(name, `${label}は${MEETING_MAX}文字以内で入力してください。`);
  if (CONTROL_CHARS.test(v)) return problem(name, `${label}に使えない文字が含まれています。`);
  return { ok: true, value: v };
}

/** Longest join link (the same limit as the staff API). */
const JOIN_URL_MAX = 500;

function joinUrlOf(body: Body): Parsed<string | undefined> {
  const v = (fieldOf(body, 'join_url') ?? '').trim();
  if (v === '') return { ok: true, value: undefined };
  if (v.length > JOIN_URL_MAX || !URL.canParse(v) || new URL(v).protocol !== 'https:')
    return problem('join_url', '参加用リンクは https:// で始まるアドレスを入力してください。');
  return { ok: true, value: v };
}

/**
 * Zoom meeting details: the ID and passcode as a pair, a join link, or both (as in the staff API).
 * Whether Zoom needs them is the booking functions' rule (a request has none yet; a confirmed
 * session keeps its own).
 */
export function meetingOf(body: Body): Parsed<MeetingDetails | undefined> {
  const id = shortText(body, 'meeting_id', 'ミーティングID');
  if (!id.ok) return id;
  const pass = shortText(body, 'passcode', 'パスコード');
  if (!pass.ok) return pass;
  const url = joinUrlOf(body);
  if (!url.ok) return url;
  if (id.value !== undefined && pass.value === undefined) return problem('passcode', 'パスコードも入力してください。');
  if (id.value === undefined && pass.value !== undefined)
    return problem('meeting_id', 'ミーティングIDも入力してください。');
  const pair = id.value && pass.value ? { meetingId: id.value, passcode: pass.value } : undefined;
  if (!url.value) return { ok: true, value: pair };
  return { ok: true, value: { ...pair, joinUrl: url.value } };
}

export function parseConfirmForm(body: Body): Parsed<ConfirmForm> {
  const seen = seenOf(body);
  if (!seen.ok) return seen;
  const choice = fieldOf(body, 'choice');
  let at: ConfirmForm['at'];
  if (choice === '1' || choice === '2') {
    // A date or time typed under 「ほかの日時」 while a preferred time is chosen was meant to be
    // the time: confirming the preferred one instead would tell the person the wrong time.
    if ((fieldOf(body, 'date') ?? '').trim() !== '' || (fieldOf(body, 'time') ?? '').trim() !== '')
      return problem(
        'choice',
        `「ほかの日時」に日付か時刻が入力されています。その日時で確定する場合は「ほかの日時」を選んでください。第${choice}希望で確定する場合は、ほかの日時の欄を空にしてください。`,
      );
    at = { choice: choice === '1' ? 1 : 2 };
  } else if (choice === 'other') {
    const start = startOf(body);
    if (!start.ok) return start;
    at = { start: start.value };
  } else return problem('choice', '確定する日時を選んでください。');
  const meeting = meetingOf(body);
  if (!meeting.ok) return meeting;
  return { ok: true, value: { seen: seen.value, at, ...(meeting.value ? { meeting: meeting.value } : {}) } };
}

export function parseProposeForm(body: Body): Parsed<ProposeForm> {
  const seen = seenOf(body);
  if (!seen.ok) return seen;
  const start = startOf(body);
  if (!start.ok) return start;
  const meeting = meetingOf(body);
  if (!meeting.ok) return meeting;
  return {
    ok: true,
    value: { seen: seen.value, start: start.value, ...(meeting.value ? { meeting: meeting.value } : {}) },
  };
}

export function parseCancelForm(body: Body): Parsed<CancelForm> {
  const seen = seenOf(body);
  if (!seen.ok) return seen;
  const reason = (fieldOf(body, 'reason') ?? '').replace(/\r\n?/g, '\n').trim();
  if (reason === '') return problem('reason', 'キャンセルの理由を入力してください（ご本人にもお伝えします）。');
  if (reason.length > REASON_MAX)
    return problem('reason', `理由は${REASON_MAX}文字以内で入力してください（今は${reason.length}文字です）。`);
  if (CONTROL_CHARS.test(reason.replace(/\n/g, ''))) return problem('reason', '理由に使えない文字が含まれています。');
  return { ok: true, value: { seen: seen.value, reason } };
}
