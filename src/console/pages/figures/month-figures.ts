import type { BookingFact } from '../../../../db/repositories/figures-repository.js';
import { outcomeOf, type BookingOutcome } from './booking-outcome.js';

/** The columns of the figures: everything, then by kind, then by app. */
export const FIGURE_COLUMNS = [
  { id: 'all', label: '合計' },
  { id: 'regular', label: '一般' },
  { id: 'mothers', label: 'マザーズコーナー' },
  { id: 'zoom', label: 'Zoom' },
  { id: 'teleoffice', label: 'TeleOffice' },
] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number]['id'];

/** The counted rows, in the order the table and the CSV show them. */
export const FIGURE_COUNTS = [
  { id: 'requests', label: '申込み' },
  { id: 'confirmed', label: '確定' },
  { id: 'attended', label: '参加' },
  { id: 'noShows', label: '無断欠席' },
  { id: 'cancelledByPerson', label: '本人キャンセル' },
  { id: 'cancelledByOffice', label: '事務所キャンセル' },
  { id: 'expired', label: '未回答で終了' },
  { id: 'awaiting', label: '回答待ち' },
  { id: 'unrecorded', label: '確定・出欠未記録' },
] as const;
export type FigureCount = (typeof FIGURE_COUNTS)[number]['id'];

/** A median with how many bookings it was taken over; null when there were none. */
export interface Median {
  value: number | null;
  n: number;
}

export interface ColumnFigures {
  counts: Record<FigureCount, number>;
  /** Request to session, in days (one decimal), over bookings that were confirmed. */
  leadDays: Median;
  /** Request to staff's first answer, in hours (one decimal), over bookings staff answered. */
  replyHours: Median;
}

export type MonthFigures = Record<FigureColumn, ColumnFigures>;

const OUTCOME_COUNT: Record<Exclude<BookingOutcome, 'replaced'>, FigureCount> = {
  awaiting: 'awaiting',
  confirmed: 'unrecorded',
  attended: 'attended',
  no_show: 'noShows',
  cancelled_by_person: 'cancelledByPerson',
  cancelled_by_office: 'cancelledByOffice',
  expired: 'expired',
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The middle value (the mean of the two middle ones for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const oneDecimal = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

function columnFigures(facts: readonly BookingFact[]): ColumnFigures {
  const counts = Object.fromEntries(FIGURE_COUNTS.map((c) => [c.id, 0])) as Record<FigureCount, number>;
  const leads: number[] = [];
  const replies: number[] = [];
  for (const f of facts) {
    const outcome = outcomeOf({
      status: f.status,
      cancelReason: f.systemCancelReason,
      cancelledByPerson: f.cancelledByPerson,
    });
    if (outcome === 'replaced') continue;
    counts.requests += 1;
    counts[OUTCOME_COUNT[outcome]] += 1;
    if (f.confirmedStart !== null) {
      counts.confirmed += 1;
      leads.push(Date.parse(f.confirmedStart) - Date.parse(f.createdAt));
    }
    if (f.firstStaffAnswerAt !== null) replies.push(Date.parse(f.firstStaffAnswerAt) - Date.parse(f.createdAt));
  }
  const lead = median(leads);
  const reply = median(replies);
  return {
    counts,
    leadDays: { value: oneDecimal(lead === null ? null : lead / DAY_MS), n: leads.length },
    replyHours: { value: oneDecimal(reply === null ? null : reply / HOUR_MS), n: replies.length },
  };
}

/** The figures of one month from the bookings whose session is in it (see bookingFactsBetween). */
export function monthFigures(facts: readonly BookingFact[]): MonthFigures {
  return {
    all: columnFigures(facts),
    regular: columnFigures(facts.filter((f) => f.kind === 'regular')),
    mothers: columnFigures(facts.filter((f) => f.kind === 'mothers')),
    zoom: columnFigures(facts.filter((f) => f.app === 'zoom')),
    teleoffice: columnFigures(facts.filter((f) => f.app === 'teleoffice')),
  };
}
