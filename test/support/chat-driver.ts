import type { LineAction } from '../../src/line/message-types.js';
import type { Harness } from './harness.js';
import { followEvent, postbackEvent, textEvent } from './line-events.js';
import { actionsIn } from '../../src/line/message-actions.js';

export { actionsIn };

type Json = Record<string, unknown>;

/** All text a person would read in a message: text messages, Flex texts, alt text. */
export function textOf(message: Json): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.text === 'string' && o.type !== 'message') parts.push(o.text);
      for (const [k, child] of Object.entries(o)) if (k !== 'action' && k !== 'quickReply') walk(child);
    }
  };
  walk(message);
  return parts.join('\n');
}

/**
 * A simulated person in a one-to-one chat: types, taps buttons and picks dates, each step a
 * signed webhook event, and reads what the bot answered through the fake LINE platform.
 */
export class ChatDriver {
  private seen = 0;
  constructor(
    private readonly h: Harness,
    readonly userId: string,
  ) {}

  /** Messages the bot sent to this user since the last step. */
  last: Json[] = [];

  /** The person's actions so far: every message typed and every button or picker used (following is not one). */
  actions = 0;

  private async send(make: (replyToken: string) => Parameters<Harness['post']>[0][number]): Promise<Json[]> {
    const token = this.h.platform.issueReplyToken(this.userId);
    const res = await this.h.post([make(token)]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await this.h.settle();
    const mine = this.h.platform.delivered().filter((d) => d.to === this.userId);
    this.last = mine.slice(this.seen).map((d) => d.message);
    this.seen = mine.length;
    return this.last;
  }

  /** Reads what the bot pushed since the last step (a reminder, a confirmation), as the person's phone shows it. */
  receive(): Json[] {
    const mine = this.h.platform.delivered().filter((d) => d.to === this.userId);
    this.last = mine.slice(this.seen).map((d) => d.message);
    this.seen = mine.length;
    return this.last;
  }

  follow() {
    return this.send((replyToken) => followEvent({ userId: this.userId, replyToken }));
  }

  say(text: string) {
    this.actions += 1;
    return this.send((replyToken) => textEvent({ userId: this.userId, replyToken, text }));
  }

  /** Taps the button (Flex or quick reply) whose label is `label` in the bot's latest answer. */
  tap(label: string) {
    const action = this.lastActions().find((a) => a.label === label && (a.type === 'postback' || a.type === 'message'));
    if (!action)
      throw new Error(
        `no button "${label}" in: ${this.lastActions()
          .map((a) => a.label)
          .join(' | ')}`,
      );
    if (action.type === 'message') return this.say(action.text);
    const data = (action as Extract<LineAction, { type: 'postback' }>).data;
    this.actions += 1;
    return this.send((replyToken) => postbackEvent({ userId: this.userId, replyToken, data }));
  }

  /** Sends the postback of an earlier button again (a stale tap). */
  tapData(data: string, params?: Record<string, string>) {
    this.actions += 1;
    return this.send((replyToken) =>
      postbackEvent({ userId: this.userId, replyToken, data, ...(params ? { params } : {}) }),
    );
  }

  /** Uses the date-time picker of the latest answer. */
  pick(params: Record<string, string>) {
    const action = this.lastActions().find((a) => a.type === 'datetimepicker');
    if (!action) throw new Error('no date-time picker in the latest answer');
    return this.tapData(action.data ?? '', params);
  }

  lastActions(): LineAction[] {
    return this.last.flatMap(actionsIn);
  }

  lastText(): string {
    return this.last.map(textOf).join('\n');
  }
}

/** Everything the fake LINE platform delivered to one chat so far, as text a person would read. */
export function textsDeliveredTo(h: Pick<Harness, 'platform'>, to: string): string[] {
  return h.platform
    .delivered()
    .filter((d) => d.to === to)
    .map((d) => textOf(d.message));
}
