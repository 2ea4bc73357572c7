import type { EffectAction, NoticeAction } from './booking-machine.js';
import type { Notice } from './types.js';

/** What one transition asks of the runner, in order: a notice to show, or an effect to perform. */
export type MachineOutput = { type: 'notice'; notice: Notice } | { type: 'effect'; effect: EffectAction['params'] };

function isNotice(p: unknown): p is NoticeAction['params'] {
  return typeof p === 'object' && p !== null && 'key' in p && typeof p.key === 'string';
}

function isEffect(p: unknown): p is EffectAction['params'] {
  return (
    typeof p === 'object' &&
    p !== null &&
    'effect' in p &&
    typeof p.effect === 'string' &&
    'draft' in p &&
    typeof p.draft === 'object'
  );
}

/**
 * The actions a transition returned, as the runner needs them. xstate types an executed action's
 * params as `unknown`; the machine gives params only to its `notice` and `effect` actions, and each
 * is checked here rather than cast, so a change of their shape fails a test instead of a person's chat.
 */
export function outputsOf(actions: readonly { type: string; params?: unknown }[]): MachineOutput[] {
  return actions.flatMap((a): MachineOutput[] => {
    if (a.type === 'notice' && isNotice(a.params)) return [{ type: 'notice', notice: a.params }];
    if (a.type === 'effect' && isEffect(a.params)) return [{ type: 'effect', effect: a.params }];
    return [];
  });
}
