import { toLocal } from '../calendar/index.js';
import { eligibilityValidThrough } from '../../machines/booking/immediate-eligibility.js';
import { SAME_AS_BEFORE, type KeepableItem } from '../../machines/booking/previous-details.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, ConversationFacts, Question } from '../../machines/booking/types.js';
import { phoneForDisplay } from '../validation/phone.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import { postback, questionCard } from './building-blocks.js';
import { formatDateJa, formatDateWithYearJa } from './format-ja.js';
import { optionLabel } from './option-labels.js';

/**
 * What a returning person reads (docs/office-rules.md §12): the answers and details kept from
 * before, and 「前回と同じ」 at each item. Values are masked where a glance at the screen, or a
 * notification on a locked phone, would show more than the person needs to recognise them: the
 * e-mail and the phone are partly hidden, the job-seeker number keeps its office code and last
 * four digits, the name is shown whole.
 */

/** 'hanako@example.jp' → 'ha***@example.jp'. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = address.slice(0, at);
  return `${local.slice(0, local.length > 2 ? 2 : 1)}***${address.slice(at)}`;
}

/** '09012345678' → '090-****-5678' (the groups as the number is written, the middle ones hidden). */
export function maskPhone(phone: string): string {
  const groups = phoneForDisplay(phone).split('-');
  if (groups.length < 3) return `${phone.slice(0, 3)}-****-${phone.slice(-4)}`;
  return groups.map((g, i) => (i === 0 || i === groups.length - 1 ? g : '*'.repeat(g.length))).join('-');
}

/** '02010-12345678' → '02010-****5678'. */
export function maskJobSeekerNumber(value: string): string {
  const digits = value.replace(/-/g, '');
  return `${digits.slice(0, 5)}-****${digits.slice(-4)}`;
}

const ITEM_NAMES: Record<KeepableItem, string> = {
  name: 'お名前',
  jobSeekerNumber: '求職番号',
  email: 'メールアドレス',
  phone: '電話番号',
};

function shown(item: KeepableItem, value: string): string {
  switch (item) {
    case 'name':
      return value;
    case 'jobSeekerNumber':
      return maskJobSeekerNumber(value);
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
  }
}

function eligibilityLine(facts: ConversationFacts): string {
  const answered = facts.eligibilityAnsweredAt;
  if (answered === null) return '';
  const on = toLocal(answered).date;
  const through = eligibilityValidThrough(on, facts.calendar.settings.eligibilityValidMonths);
  // The year is said when the answers hold into another year than they were given in.
  const until = through.slice(0, 4) === on.slice(0, 4) ? formatDateJa(through) : formatDateWithYearJa(through);
  return `ご利用条件の確認（求職登録・ご利用の理由・端末・継続相談・ご利用環境）は、${formatDateJa(on)}のご回答をそのまま使います（${until}まで有効）。`;
}

/** The returning person's first card: what is kept, and one button each to keep, change or review. */
export function previousDetailsCard(facts: ConversationFacts, actions: readonly LineAction[]): LineMessage {
  // Shown only to a returning person, whose details of before are all kept (isReturning).
  const kept = facts.previous;
  const lines = ['前回のお申し込みの内容を引き継いで、日時の選択から始められます。', eligibilityLine(facts)];
  if (kept)
    lines.push(
      [
        `相談の種類: ${optionLabel('kind', kept.kind)}`,
        `利用アプリ: ${optionLabel('app', kept.app)}`,
        ...(['name', 'jobSeekerNumber', 'email', 'phone'] as const).flatMap((item) => {
          const value = kept[item];
          return value === undefined ? [] : [`${ITEM_NAMES[item]}: ${shown(item, value)}`];
        }),
      ].join('\n'),
    );
  lines.push(
    'この内容でよろしければ「前回と同じ内容で進む」を、変わったものがあれば「内容を変えて入力する」を押してください。',
  );
  return questionCard('前回の内容で予約', lines, actions, { primary: 1 });
}

function isItem(question: Question): question is KeepableItem {
  return question in ITEM_NAMES;
}

/**
 * A typed item's question for a returning person: the same words, in a card whose button keeps the
 * value of before (shown, masked). In the card, not as a quick reply, so LINE for PC shows it too.
 * Any other question, or nothing to keep, is left as it is.
 */
export function offerPrevious(
  question: Question,
  context: ConversationContext,
  facts: ConversationFacts,
  messages: LineMessage[],
): LineMessage[] {
  if (!isItem(question)) return messages;
  const value = facts.previous?.[question];
  const asked = messages[0];
  if (value === undefined || messages.length !== 1 || asked?.type !== 'text') return messages;
  const button = postback(
    '前回と同じ',
    encodePostback({ kind: 'answer', question, turn: context.turn, value: SAME_AS_BEFORE }),
    `前回と同じ（${shown(question, value)}）`,
  );
  return [
    questionCard(
      ITEM_NAMES[question],
      [...asked.text.split('\n'), `前回の${ITEM_NAMES[question]}: ${shown(question, value)}`],
      [button],
    ),
  ];
}
