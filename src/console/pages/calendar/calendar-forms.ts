import { canCloseOn, fitsWindow, isKindDay, type IsoDate, type SessionKind } from '../../../calendar/index.js';
import { dateJa } from '../../views/format.js';
import { readDate } from './calendar-days.js';
import type { OfficeSettings } from '../../../office/settings.js';

/** What a form sent, as strings (to put back in the form when it is refused). */
export type FormValues = Record<string, string>;

/** A refused form: the message shown beside `field`. */
export interface FormProblem {
  field: string;
  message: string;
}

export type FormReading<T> = { ok: true; value: T } | ({ ok: false } & FormProblem);

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'];

/** The largest capacity a slot may have: the same bound as the JSON API (src/staff/api-schemas.ts). */
export const MAX_CAPACITY = 100;
/** The longest note on a closure day, as the JSON API allows. */
export const MAX_NOTE = 200;

export const KIND_JA: Record<SessionKind, string> = { regular: '一般', mothers: 'マザーズコーナー' };

const field = (values: FormValues, name: string): string => (values[name] ?? '').trim();
const refuse = <T>(name: string, message: string): FormReading<T> => ({ ok: false, field: name, message });

/** The form's strings, keeping only the named fields (the rest, such as the token, are not echoed). */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((n) => [n, typeof source[n] === 'string' ? source[n] : '']));
}

export interface CapacityChange {
  kind: SessionKind;
  date: IsoDate;
  start: number;
  capacity: number;
}

/** The capacity form's one choice of slot, kind and start together: 'mothers 11:00'. */
export const slotValue = (kind: SessionKind, start: string): string => `${kind} ${start}`;
const SLOT = /^(regular|mothers) ([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A capacity form read with the JSON API's rules (src/staff/calendar-routes.ts): a real date on
 * which sessions of that kind are held, a start at which such a session can begin (the form offers
 * each kind only its own starts: one field, `slot`, holds both), and a whole number from 0 to 100.
 * Closure days are allowed: a day may be reopened, and the capacity then applies.
 */
export function readCapacityForm(values: FormValues, settings: OfficeSettings): FormReading<CapacityChange> {
  const slot = SLOT.exec(field(values, 'slot'));
  if (slot === null) return refuse('slot', '種類と開始時刻を選んでください。');
  const kind = slot[1] as SessionKind;
  const start = Number(slot[2]) * 60 + Number(slot[3]);
  const date = field(values, 'date');
  if (readDate(date) === null) return refuse('date', '日付を選んでください（例: 2026-12-08）。');
  const text = field(values, 'capacity');
  const capacity = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(capacity >= 0 && capacity <= MAX_CAPACITY))
    return refuse('capacity', `定員は 0 から ${MAX_CAPACITY} までの整数で入力してください。`);
  if (!fitsWindow(kind, start, settings.sessionMinutes, settings))
    return refuse('slot', `その時刻に始まる${KIND_JA[kind]}の相談枠はありません。`);
  if (!isKindDay(kind, date, new Set(), settings)) {
    const days = settings.mothersWeekdays.map((d) => WEEKDAY_JA[d]).join('・');
    return refuse(
      'date',
      kind === 'mothers'
        ? `その日はマザーズコーナーの相談を行っていません（${days}曜日のみ。土日・祝日・年末年始は休み）。`
        : 'その日は相談を行っていません（土日・祝日・年末年始）。',
    );
  }
  return { ok: true, value: { kind, date, start, capacity } };
}

export interface ClosureChange {
  date: IsoDate;
  note: string | null;
}

/**
 * A closure form: a real date from `today` (the Japan date) on, and an optional note of at most
 * 200 characters, as the JSON API (docs/office-rules.md §2).
 */
export function readClosureForm(values: FormValues, today: IsoDate): FormReading<ClosureChange> {
  const date = field(values, 'date');
  if (readDate(date) === null) return refuse('date', '日付を選んでください（例: 2026-12-08）。');
  if (!canCloseOn(date, today))
    return refuse('date', `過去の日付は閉庁日にできません。今日（${dateJa(today)}）以降の日付を選んでください。`);
  const note = field(values, 'note');
  if (note.length > MAX_NOTE) return refuse('note', `メモは ${MAX_NOTE} 文字以内で入力してください。`);
  if (CONTROL_CHARS.test(note)) return refuse('note', 'メモに改行や制御文字は使えません。');
  return { ok: true, value: { date, note: note === '' ? null : note } };
}
