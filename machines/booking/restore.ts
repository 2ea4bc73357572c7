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

export type Restored = { snapshot: BookingSnapshot; expired: boolean };

function fresh(greeted: boolean): BookingSnapshot {
  const [snapshot] = initialTransition(bookingMachine);
  return greeted ? { ...snapshot, context: { ...snapshot.context, greeted: true } } as BookingSnapshot : snapshot;
}

export function stateOf(snapshot: BookingSnapshot): ConversationState {
  return snapshot.value as ConversationState;
}

/**
 * The user's conversation as it should continue at `now`: a new one for a new user or an
 * unreadable snapshot, a fresh one (flagged `expired`) when a booking in progress sat idle for a day.
 */
export function restoreConversation(stored: StoredSnapshot | undefined, now: string): Restored {
  if (!stored || stored.machineVersion !== BOOKING_MACHINE_VERSION) return { snapshot: fresh(stored !== undefined), expired: false };
  let snapshot: BookingSnapshot;
  try {
    snapshot = bookingMachine.resolveState(stored.snapshot as Parameters<typeof bookingMachine.resolveState>[0]);
  } catch {
    return { snapshot: fresh(true), expired: false };
  }
  const idleFor = Date.parse(now) - Date.parse(stored.updatedAt);
  if (stateOf(snapshot) !== 'idle' && idleFor >= IDLE_EXPIRY_MS) return { snapshot: fresh(true), expired: true };
  return { snapshot, expired: false };
}

export function persistable(snapshot: BookingSnapshot): unknown {
  return bookingMachine.getPersistedSnapshot(snapshot);
}
