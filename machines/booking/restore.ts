import { initialTransition, type SnapshotFrom } from 'xstate';
import { BOOKING_MACHINE_VERSION, bookingMachine } from './booking-machine.js';
import type { ConversationState } from './types.js';

export type BookingSnapshot = SnapshotFrom<typeof bookingMachine>;

/** A conversation left unanswered this long starts afresh (the user is told so). */
export const IDLE_EXPIRY_MS = 24 * 60 * 60 * 1000;

export interface StoredSnapshot {
  machineVersion: number;
  snapshot: unknown;
  updatedAt: string;
}

/** `expired`: idle for a day; `reset`: the stored conversation could not be continued (new version). */
export type Restored = { snapshot: BookingSnapshot; expired: boolean; reset?: boolean };

/**
 * A new conversation. The turn carries on from the old one, so a button shown before the reset
 * can never match a question asked after it.
 */
function fresh(greeted: boolean, turn = 0): BookingSnapshot {
  const [snapshot] = initialTransition(bookingMachine);
  return { ...snapshot, context: { ...snapshot.context, greeted, turn } };
}

function storedTurn(stored: StoredSnapshot): number {
  const turn = (stored.snapshot as { context?: { turn?: unknown } } | null)?.context?.turn;
  return typeof turn === 'number' && Number.isSafeInteger(turn) && turn >= 0 ? turn : 0;
}

export function stateOf(snapshot: BookingSnapshot): ConversationState {
  return snapshot.value;
}

/**
 * The user's conversation as it should continue at `now`: a new one for a new user or an
 * unreadable snapshot, a fresh one (flagged `expired`) when a booking in progress sat idle for a day.
 */
export function restoreConversation(stored: StoredSnapshot | undefined, now: string): Restored {
  if (!stored) return { snapshot: fresh(false), expired: false };
  const wasActive = (stored.snapshot as { value?: unknown } | null)?.value !== 'idle';
  if (stored.machineVersion !== BOOKING_MACHINE_VERSION)
    return { snapshot: fresh(true, storedTurn(stored)), expired: false, reset: wasActive };
  let snapshot: BookingSnapshot;
  try {
    snapshot = bookingMachine.resolveState(stored.snapshot as Parameters<typeof bookingMachine.resolveState>[0]);
  } catch {
    return { snapshot: fresh(true, storedTurn(stored)), expired: false, reset: wasActive };
  }
  const idleFor = Date.parse(now) - Date.parse(stored.updatedAt);
  if (stateOf(snapshot) !== 'idle' && idleFor >= IDLE_EXPIRY_MS)
    return { snapshot: fresh(true, snapshot.context.turn), expired: true };
  return { snapshot, expired: false };
}

export function persistable(snapshot: BookingSnapshot): unknown {
  return bookingMachine.getPersistedSnapshot(snapshot);
}
