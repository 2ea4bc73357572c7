import type { FlexBubble, FlexComponent, LineAction, LineMessage, QuickReply } from '../line/message-types.js';

/** LINE limits: 13 quick-reply items, labels of 20 characters. */
const MAX_QUICK_REPLY = 13;
const QUICK_LABEL = 20;

export function text(body: string, quickReply?: QuickReply): LineMessage {
  return quickReply ? { type: 'text', text: body, quickReply } : { type: 'text', text: body };
}

export function postback(label: string, data: string, displayText: string = label): LineAction {
  return { type: 'postback', label: label.slice(0, 40), data, displayText: displayText.slice(0, 300) };
}

/** A button that opens a web page (LINE allows http, https, line and tel addresses). */
export function uri(label: string, address: string): LineAction {
  return { type: 'uri', label: label.slice(0, 40), uri: address };
}

/**
 * The rows of a Zoom meeting on a card: its ID and passcode when staff gave them (a join link
 * alone has none; it goes on the card's 「Zoom で参加」 button: zoomJoinActions).
 */
export function meetingRows(m: { meetingId?: string; passcode?: string }): FlexComponent[] {
  return m.meetingId && m.passcode ? [row('ミーティングID', m.meetingId), row('パスコード', m.passcode)] : [];
}

/** The meeting's lines in a text message: ID and passcode, and the join link when staff gave one. */
export function meetingLines(m: { meetingId?: string; passcode?: string; joinUrl?: string }): string {
  return [
    ...(m.meetingId && m.passcode ? [`Zoom ミーティングID: ${m.meetingId}`, `パスコード: ${m.passcode}`] : []),
    ...(m.joinUrl ? [`Zoom の参加用リンク: ${m.joinUrl}`] : []),
  ].join('\n');
}

/** 「Zoom で参加」, when staff gave a join link (opens Zoom straight into the meeting). */
export function zoomJoinActions(m: { joinUrl?: string } | null | undefined): LineAction[] {
  return m?.joinUrl ? [uri('Zoom で参加', m.joinUrl)] : [];
}

export function quickReply(actions: readonly LineAction[]): QuickReply | undefined {
  if (actions.length === 0) return undefined;
  return {
    items: actions
      .slice(0, MAX_QUICK_REPLY)
      .map((action) => ({ type: 'action' as const, action: { ...action, label: action.label.slice(0, QUICK_LABEL) } })),
  };
}

export function paragraph(body: string, extra: Partial<Extract<FlexComponent, { type: 'text' }>> = {}): FlexComponent {
  return { type: 'text', text: body, wrap: true, ...extra };
}

/**
 * A label and its value, the label small above the value. Side by side, a 320 px phone (or a
 * large font setting) leaves the label a column too narrow for 「ミーティングID」 and breaks it,
 * and the value's column breaks a meeting ID or a time in two; stacked, each has the card's full
 * width (test/demo/narrow-phone.browser.test.ts). A date and a time (「12月3日(木) 10:00〜10:40」)
 * take a line each: on one line a narrow card breaks the time range after 「〜」.
 */
export function row(label: string, value: string): FlexComponent {
  return {
    type: 'box',
    layout: 'vertical',
    contents: [
      { type: 'text', text: label, size: 'xs', color: '#6b6b6b', wrap: true },
      { type: 'text', text: value.replace(DATE_THEN_TIME, '$1\n'), size: 'sm', wrap: true },
    ],
  };
}

/** 「12月3日(木) 」 before a time, as format-ja.ts writes a date and a time. */
const DATE_THEN_TIME = /^(\d{1,2}月\d{1,2}日\([日月火水木金土]\)) (?=\d)/u;

/** A flex message of one bubble: what the cards here are. */
type BubbleMessage = Extract<LineMessage, { type: 'flex' }> & { contents: FlexBubble };

/**
 * A card with a question and its answers as buttons, and nothing else: the buttons are the one
 * place a choice is offered. Flex buttons show in LINE for iOS, Android and PC alike, where quick
 * replies show on phones only (so the same choices as quick replies would show twice on a phone
 * and not at all on PC). README, "One place for each choice".
 */
export function questionCard(
  altText: string,
  lines: readonly string[],
  actions: readonly LineAction[],
  options: { primary?: number } = {},
): BubbleMessage {
  const bubble: FlexBubble = {
    type: 'bubble',
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: lines.map((l) => paragraph(l)) },
  };
  if (actions.length > 0) {
    bubble.footer = {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: actions.map((action, i) => ({
        type: 'button' as const,
        action,
        style: i < (options.primary ?? 0) ? ('primary' as const) : ('secondary' as const),
        height: 'sm' as const,
      })),
    };
  }
  return { type: 'flex', altText: altText.slice(0, 400), contents: bubble };
}

export function infoCard(
  altText: string,
  title: string,
  rows: readonly FlexComponent[],
  footer: readonly LineAction[] = [],
): LineMessage {
  const bubble: FlexBubble = {
    type: 'bubble',
    header: { type: 'box', layout: 'vertical', contents: [paragraph(title, { weight: 'bold', size: 'md' })] },
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: [...rows] },
  };
  if (footer.length > 0) {
    bubble.footer = {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: footer.map((action, i) => ({
        type: 'button' as const,
        action,
        style: i === 0 ? ('primary' as const) : ('secondary' as const),
        height: 'sm' as const,
      })),
    };
  }
  return { type: 'flex', altText: altText.slice(0, 400), contents: bubble };
}

/** `bubble` with `button` last in its footer (a footer made for it when it has none). */
function withFooterButton(bubble: FlexBubble, button: FlexComponent): FlexBubble {
  const footer = bubble.footer ?? { type: 'box', layout: 'vertical', spacing: 'sm', contents: [] };
  return { ...bubble, footer: { ...footer, contents: [...footer.contents, button] } };
}

/**
 * The question's last message with a way back beneath its answers: a card gets a link-styled
 * button under its own (it is not one of the answers); a typed question's words move into a card
 * holding that one button, as 「前回と同じ」 does, so LINE for PC shows it too (a quick reply shows
 * on phones only).
 */
export function withBackButton(messages: readonly LineMessage[], back: LineAction): LineMessage[] {
  const last = messages.at(-1);
  const button: FlexComponent = { type: 'button', action: back, style: 'link', height: 'sm' };
  let card: BubbleMessage;
  if (last?.type === 'flex' && last.contents.type === 'bubble') card = { ...last, contents: last.contents };
  else if (last?.type === 'text' && !last.quickReply) {
    const lines = last.text.split('\n');
    card = questionCard(lines[0]!, lines, []);
  } else return [...messages];
  return [...messages.slice(0, -1), { ...card, contents: withFooterButton(card.contents, button) }];
}
