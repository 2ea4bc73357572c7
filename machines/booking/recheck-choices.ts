import type { Instant } from '../../src/calendar/index.js';
import { checkChoice } from './choice-checks.js';
import type { Answer, ConversationFacts, Draft, Notice } from './types.js';

/** A preferred choice that no longer holds, and the notice that says why. */
export interface StaleChoice {
  which: 1 | 2;
  notice: Notice;
}

/**
 * The first of the draft's choices that the calendar, as it is now, refuses (or that is
 * missing), or undefined when all hold. A second choice the person declined is none to check.
 *
 * Why: time passes between picking a choice and seeing the review card (the lead time may pass
 * at closing time; someone else may take the slot), and the review card must not show a choice
 * the bot already knows it will refuse at submit. The refusal notice names the choice (`choice`:
 * 1 or 2), because it may be about a choice other than the one just answered.
 */
export function staleChoice(
  draft: Draft,
  facts: ConversationFacts,
  now: Instant,
  answer: Answer,
): StaleChoice | undefined {
  for (const which of [1, 2] as const) {
    const choice = which === 1 ? draft.choice1 : draft.choice2;
    // No second choice given (docs/office-rules.md §9): nothing to recheck.
    if (choice === null) continue;
    const recheck =
      choice && draft.kind ? checkChoice({ which, answer, draft, facts, now }, draft.kind, choice) : undefined;
    if (recheck?.type === 'chosen') continue;
    const notice: Notice =
      recheck?.type === 'refused'
        ? { ...recheck.notice, params: { ...recheck.notice.params, choice: which } }
        : { key: 'invalidChoice' };
    return { which, notice };
  }
  return undefined;
}
