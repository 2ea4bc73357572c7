import type { ChatDriver } from './chat-driver.js';
import { postbackEvent, textEvent } from './line-events.js';
import { STAFF_GROUP, type Harness } from './harness.js';
import { actionsIn, textOf } from './chat-driver.js';

/**
 * Books by buttons up to a stored request: first choice 12/3 (Thu) 10:00, second 10:30 when the
 * clock is at the harness default (Tue 2026-12-01 09:00 JST). `app` picks Zoom or TeleOffice.
 */
export interface ChoiceLabels {
  first: [date: string, time: string];
  second: [date: string, time: string];
}

/** From the eligibility questions to the first date question, by buttons: the shared part of every booking. */
export async function answerUpToDates(
  u: ChatDriver,
  app: 'Zoom' | 'TeleOffice' = 'Zoom',
  name = '青森 花子',
): Promise<void> {
  await u.tap('登録しています');
  await u.tap('長期療養中');
  await u.tap('はい、持っています');
  await u.tap('はい、希望します');
  await u.tap('すべて確認しました');
  await u.tap('一般の職業相談');
  await u.tap(app);
  await u.say(name);
  await u.say('02010-12345678');
}

/** The label of the first button the latest question offers (the first free date or time). */
const firstOffered = (u: ChatDriver) => u.lastActions().find((a) => a.type === 'postback')!.label;

async function tapChoices(u: ChatDriver, choices?: ChoiceLabels): Promise<void> {
  for (const label of choices ? [...choices.first, ...choices.second] : [0, 1, 2, 3]) {
    await u.tap(typeof label === 'string' ? label : firstOffered(u));
  }
}

async function submit(u: ChatDriver): Promise<void> {
  await u.tap('この内容で申し込む');
  if (!u.lastText().includes('受け付けました')) throw new Error(`booking not accepted: ${u.lastText()}`);
}

/**
 * A booking with every question answered, as a first booking is. A returning person is offered
 * to keep what they gave before: here they review the eligibility answers instead, so the same
 * answers are given every time (bookAgainByButtons keeps them). Returns the person's actions,
 * from 「予約する」 to the filed request.
 */
export async function bookByButtons(
  u: ChatDriver,
  app: 'Zoom' | 'TeleOffice' = 'Zoom',
  name = '青森 花子',
  choices?: ChoiceLabels,
): Promise<number> {
  const before = u.actions;
  await u.say('予約する');
  if (u.lastText().includes('利用規約')) await u.tap('同意する');
  if (u.lastActions().some((a) => a.label === '利用条件の回答を見直す')) await u.tap('利用条件の回答を見直す');
  await answerUpToDates(u, app, name);
  await tapChoices(u, choices);
  await u.say('hanako@example.jp');
  await u.say('090-1234-5678');
  await u.tap('同席しません');
  await submit(u);
  return u.actions - before;
}

/**
 * A returning person's booking by buttons: everything of before kept with one tap, then the two
 * preferred times, the interpreter question and the submit. Returns the person's actions.
 */
export async function bookAgainByButtons(u: ChatDriver, choices?: ChoiceLabels): Promise<number> {
  const before = u.actions;
  await u.say('予約する');
  await u.tap('前回と同じ内容で進む');
  await tapChoices(u, choices);
  await u.tap('同席しません');
  await submit(u);
  return u.actions - before;
}

/** A staff member in the staff group: taps buttons of the group's cards and types answers. */
export class StaffDriver {
  private seen = 0;
  last: Record<string, unknown>[] = [];
  constructor(
    private readonly h: Harness,
    /** null: a member LINE does not name (LINE on PC leaves userId out of group events). */
    readonly staffId: string | null = 'Ustaff00000000000000000000000001',
  ) {}

  /** The event as LINE sends it: without the member's id when it does not name them. */
  private from<E extends { source?: unknown }>(event: E): E {
    if (this.staffId === null) delete (event.source as { userId?: string }).userId;
    return event;
  }

  private groupMessages() {
    return this.h.platform
      .delivered()
      .filter((d) => d.to === STAFF_GROUP)
      .map((d) => d.message);
  }

  private async post(event: Parameters<Harness['post']>[0][number]) {
    const res = await this.h.post([event]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await this.h.settle();
    const all = this.groupMessages();
    this.last = all.slice(this.seen);
    this.seen = all.length;
    return this.last;
  }

  /** Taps a button with this label in the group (the cards stay in the chat): the newest, or the oldest. */
  tap(label: string, which: 'newest' | 'oldest' = 'newest') {
    const all = this.groupMessages().flatMap(actionsIn);
    const action = (which === 'newest' ? all.reverse() : all).find((a) => a.label === label && a.type === 'postback');
    if (!action || action.type !== 'postback') throw new Error(`no staff button "${label}"`);
    const replyToken = this.h.platform.issueReplyToken(STAFF_GROUP);
    return this.post(
      this.from(
        postbackEvent({ userId: this.staffId ?? 'unnamed', groupId: STAFF_GROUP, replyToken, data: action.data }),
      ),
    );
  }

  say(text: string) {
    const replyToken = this.h.platform.issueReplyToken(STAFF_GROUP);
    return this.post(
      this.from(textEvent({ userId: this.staffId ?? 'unnamed', groupId: STAFF_GROUP, replyToken, text })),
    );
  }

  lastText(): string {
    return this.last.map(textOf).join('\n');
  }
}
