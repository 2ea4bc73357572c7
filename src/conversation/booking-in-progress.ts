import type { Db } from '../../db/database.js';
import { loadConversation } from '../../db/repositories/conversations-repository.js';
import { restoreConversation, stateOf } from '../../machines/booking/restore.js';

/**
 * Whether the person is in the middle of filling in a booking that would still continue if they
 * wrote now (not expired): what the bot says when staff hand a chat back depends on it.
 */
export async function bookingInProgress(db: Db, lineUserId: string, now: string): Promise<boolean> {
  const stored = await loadConversation(db, lineUserId);
  if (!stored) return false;
  const restored = restoreConversation(stored, now);
  return !restored.expired && stateOf(restored.snapshot) !== 'idle';
}
