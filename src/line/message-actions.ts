import type { LineAction } from './message-types.js';

type Json = Record<string, unknown>;

/**
 * Every action (button, quick reply, date-time picker) found anywhere in a message object, in
 * document order. What a person could tap: the tests' chat drivers and the benchmark's load
 * driver both pick their next step from it.
 */
export function actionsIn(message: Json): LineAction[] {
  const found: LineAction[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.action && typeof o.action === 'object' && typeof (o.action as Json).type === 'string')
        found.push(o.action as LineAction);
      for (const [k, child] of Object.entries(o)) if (k !== 'action') walk(child);
    }
  };
  walk(message);
  return found;
}
