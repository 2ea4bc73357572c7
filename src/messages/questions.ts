import { bookableDates, earliest, horizonEnd, inHalfDay, type Instant, type IsoDate } from '../calendar/index.js';
import { formatDateJa, formatSlotJa, formatTimeJa, weekdayJa } from './format-ja.js';
import { freeStartsOn } from '../../machines/booking/choice-checks.js';
import { OPTIONS } from '../../machines/booking/options.js';
import { optionLabel } from './option-labels.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, ConversationFacts, Question } from '../../machines/booking/types.js';
import { isComplete } from '../../machines/booking/evaluate-answer.js';
import { offersBack } from '../../machines/booking/back.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import { postback, questionCard, text, withBackButton } from './building-blocks.js';
import { reviewCard } from './booking-cards.js';
import { confirmQuestion } from './confirm-questions.js';
import { typedSlotExample } from './examples.js';
import { whoJa } from './companion-ja.js';
import { preferredChoices } from '../bookings/booking-view.js';
import { offerPrevious, previousDetailsCard } from './previous-details.js';

interface QuestionInput {
  question: Question;
  context: ConversationContext;
  facts: ConversationFacts;
  now: Instant;
}

/** The button that goes back one question; tapped, it reads as the person's words too. */
const BACK_LABEL = 'ひとつ前に戻る';

/** How many date buttons to offer: enough to choose from, few enough to read on a phone. */
const DATE_BUTTONS = 8;

function answer(input: QuestionInput, value: string, label: string, displayText = label): LineAction {
  return postback(
    label,
    encodePostback({ kind: 'answer', question: input.question, turn: input.context.turn, value }),
    displayText,
  );
}

function optionActions(input: QuestionInput): LineAction[] {
  return (OPTIONS[input.question] ?? []).map((o) => answer(input, o.value, optionLabel(input.question, o.value)));
}

function termsSummary(facts: ConversationFacts, input: QuestionInput): string[] {
  const s = facts.calendar.settings;
  const changed = facts.agreedTermsVersion !== null && facts.agreedTermsVersion !== facts.termsVersion;
  return [
    ...(changed
      ? ['利用規約が改定されました。お手数ですが、改定後の内容をご確認のうえ、あらためて同意をお願いします。']
      : []),
    `${s.officeName}のオンライン職業相談の予約窓口です。はじめに、利用規約の大切な点をご確認ください。`,
    // The version's own summary (docs/office-rules.md §13): a new version never shows the old one.
    facts.termsConsentSummary,
    `利用規約の全文: ${input.facts.termsUrl}`,
    '利用規約に同意してお申し込みを続けますか？',
  ];
}

/** The starts offered on `date` for this choice (the second leaves out the first's time). */
function offeredStarts(input: QuestionInput, which: 1 | 2, date: IsoDate): number[] {
  const { facts, now, context } = input;
  return freeStartsOn(
    facts,
    context.draft.kind ?? 'regular',
    date,
    now,
    which === 2 ? context.draft.choice1 : undefined,
  );
}

/** The dates offered as buttons: the first bookable ones with a free start left. */
function offeredDates(input: QuestionInput, which: 1 | 2): IsoDate[] {
  const { facts, now, context } = input;
  return bookableDates(facts.calendar, context.draft.kind ?? 'regular', now, DATE_BUTTONS + 1)
    .filter((d) => offeredStarts(input, which, d).length > 0)
    .slice(0, DATE_BUTTONS);
}

/**
 * What to show as an example of typing a date and time: the first slot actually offered, so the
 * example is one the bot accepts (a fixed 「12/8 10:30」 was in the past, or no Mothers' Corner time).
 */
function typedExample(input: QuestionInput, which: 1 | 2, offered: readonly IsoDate[]): string | undefined {
  const date = offered[0];
  const start = date ? offeredStarts(input, which, date)[0] : undefined;
  // Nothing free: no example rather than one the bot would refuse.
  return date && start !== undefined ? typedSlotExample({ date, minutes: start }) : undefined;
}

function dateActions(input: QuestionInput, which: 1 | 2, dates: readonly IsoDate[]): LineAction[] {
  const { facts, now, context } = input;
  const first = earliest(now, facts.calendar);
  const picker: LineAction = {
    type: 'datetimepicker',
    label: 'カレンダーから選ぶ',
    data: encodePostback({ kind: 'answer', question: input.question, turn: context.turn, value: 'picker' }),
    mode: 'date',
    initial: dates[0] ?? first,
    min: first,
    max: horizonEnd(now, facts.calendar),
  };
  // The second preferred time is optional (docs/office-rules.md §9): one tap goes on without it.
  const none = which === 2 ? [answer(input, 'none', optionLabel('choice2Date', 'none'))] : [];
  return [...dates.map((d) => answer(input, `d:${d}`, formatDateJa(d))), picker, ...none];
}

function timeActions(input: QuestionInput, date: IsoDate, starts: readonly number[]): LineAction[] {
  const s = input.facts.calendar.settings;
  return [
    ...starts.map((m) =>
      answer(
        input,
        `t:${m}`,
        `${formatTimeJa(m)}〜${formatTimeJa(m + s.sessionMinutes)}`,
        `${formatDateJa(date)} ${formatTimeJa(m)}`,
      ),
    ),
    answer(input, 'other_day', '別の日を選ぶ'),
  ];
}

function choiceDateLines(input: QuestionInput, which: 1 | 2, offered: readonly IsoDate[]): string[] {
  const { facts, now } = input;
  const first = earliest(now, facts.calendar);
  const example = typedExample(input, which, offered);
  const lines = [
    which === 2
      ? '第2希望の日付をお選びください（第1希望とは別の日時）。第2希望がなければ「第2希望はなし」を押してください。'
      : '第1希望の日付をお選びください。',
    `いまからですと、${formatDateJa(first)}から${formatDateJa(horizonEnd(now, facts.calendar))}までの日をお選びいただけます（ご希望日の2開庁日前の${formatTimeJa(facts.calendar.settings.closingMinutes)}が締切です）。`,
    ...(example ? [`日付と時刻を「${example}」のように入力することもできます。`] : []),
  ];
  if (which === 2 && input.context.draft.choice1)
    lines.push(`第1希望: ${formatSlotJa(input.context.draft.choice1, facts.calendar.settings.sessionMinutes)}`);
  return lines;
}

function requestedWhen(b: NonNullable<ConversationFacts['activeBooking']>, minutes: number): string {
  // The second preferred time is optional (docs/office-rules.md §9).
  const second = b.draft.choice2 ? ` / 第2希望 ${formatSlotJa(b.draft.choice2, minutes)}` : '';
  return `第1希望 ${formatSlotJa(b.draft.choice1, minutes)}${second}（日程調整中）`;
}

/** A request awaiting staff that still has a confirmed session is a change of that session. */
function isPendingChange(b: NonNullable<ConversationFacts['activeBooking']>): boolean {
  return b.status === 'requested' && b.confirmedDate !== undefined;
}

/**
 * The booking the menu and the cancel confirmation are about. While a change is pending there
 * are two: the confirmed session and the change request, and cancelling takes both (see the
 * cancelBooking effect), so both are named.
 */
function bookingWhen(b: NonNullable<ConversationFacts['activeBooking']>, minutes: number): string {
  const confirmed = `${formatSlotJa({ date: b.confirmedDate ?? b.sessionDate, minutes: b.confirmedMinutes ?? b.draft.choice1.minutes }, minutes)}（確定）`;
  if (isPendingChange(b)) return `確定しているご予約: ${confirmed}\n日時変更のお申し込み: ${requestedWhen(b, minutes)}`;
  return b.status === 'requested' ? requestedWhen(b, minutes) : confirmed;
}

function cancelLead(b: NonNullable<ConversationFacts['activeBooking']> | undefined): string {
  return b && isPendingChange(b)
    ? '確定しているご予約と、お申し込み中の日時変更の両方をキャンセルします。よろしいですか？'
    : '次の予約をキャンセルします。よろしいですか？';
}

/**
 * The current question as LINE messages, with buttons that carry this turn; a typed item a
 * returning person gave before also offers 「前回と同じ」, and a question 「戻る」 leads back from
 * offers 「ひとつ前に戻る」 (docs/office-rules.md §15).
 */
/**
 * The answers the question's own date buttons carry (none at other questions): a refusal's
 * suggested days above the question need not repeat them.
 */
export function ownDateAnswers(input: QuestionInput): ReadonlySet<string> {
  const { question } = input;
  if (question !== 'choice1Date' && question !== 'choice2Date') return new Set();
  return new Set(offeredDates(input, question === 'choice1Date' ? 1 : 2).map((d) => `d:${d}`));
}

export function renderQuestion(input: QuestionInput): LineMessage[] {
  const { question, context } = input;
  const messages = offerPrevious(question, context, input.facts, questionMessages(input));
  if (!offersBack(question, context)) return messages;
  const back = encodePostback({ kind: 'back', question, turn: context.turn });
  return withBackButton(messages, postback(BACK_LABEL, back));
}

function questionMessages(input: QuestionInput): LineMessage[] {
  const { question, context, facts } = input;
  const s = facts.calendar.settings;
  const choices = (alt: string, lines: string[], primary = 0) => [
    questionCard(alt, lines, optionActions(input), { primary }),
  ];
  switch (question) {
    case 'terms':
      return [
        questionCard(
          '利用規約のご確認',
          termsSummary(facts, input),
          [...optionActions(input), { type: 'uri', label: '利用規約を読む', uri: facts.termsUrl }],
          { primary: 1 },
        ),
      ];
    case 'registered':
      return choices('求職登録の確認', [
        'ご利用いただける方を確認します（4つの質問）。',
        `1. ${s.officeName}で求職登録をされていますか？`,
      ]);
    case 'target':
      return choices('ご利用の理由', ['2. 次のうち、あてはまるものをお選びください。']);
    case 'device':
      return choices('端末の確認', [
        '3. カメラ付きのスマートフォンやパソコンをお持ちで、Zoom または TeleOffice を使える環境を用意できますか？',
      ]);
    case 'continuing':
      return choices('継続相談の確認', ['4. 担当の職員による継続的な職業相談をご希望ですか？']);
    case 'checklist':
      return choices(
        'ご利用環境のチェック',
        [
          '当日までに、次の点をご確認ください。',
          '・端末のOSはサポート期間中で、最新のセキュリティ更新を適用している\n' +
            '・ブラウザや Zoom・TeleOffice などのアプリも最新の版にしている\n' +
            '・ファイアウォールを有効にし、許可する通信を必要なものだけにしている\n' +
            '・有償版と同等のウイルス対策ソフトを入れ、定義ファイルを最新にしている\n' +
            '・ファイル共有ソフトを入れておらず、相談中は不要なソフトを起動しない\n' +
            '・公衆の無料Wi-Fiなど安全性の分からない回線は使わない\n' +
            '・個室など、周りに人のいない場所で参加できる',
          '端末と通信環境はご自身でご用意いただき、通信料はご負担となります。従量制の料金プランでは、通信料が高額にならないようご注意ください。',
        ],
        1,
      );
    case 'kind':
      return choices('相談の種類', [
        'ご希望の相談の種類をお選びください。',
        `マザーズコーナーの相談は${s.mothersWeekdays.map((d) => `${weekdayJa(d)}曜日`).join('・')}の ${s.mothersStarts.map(formatTimeJa).join('、')} 開始です。`,
      ]);
    case 'app':
      return choices('利用アプリ', [
        '相談に使うアプリをお選びください。',
        'Zoom の場合、ミーティングIDとパスコードを確定時にお知らせします。TeleOffice の場合、招待メールが届きます。',
      ]);
    case 'name':
      return confirmQuestion(question, context) ?? [text('お名前（フルネーム）を入力してください。\n例: 青森 花子')];
    case 'jobSeekerNumber':
      return [text('求職番号を入力してください。ハローワーク受付票に記載されています。\n例: 02010-12345678')];
    case 'choice1Date':
    case 'choice2Date': {
      const which = question === 'choice1Date' ? 1 : 2;
      const offered = offeredDates(input, which);
      return [
        questionCard(
          `第${which}希望の日付`,
          choiceDateLines(input, which, offered),
          dateActions(input, which, offered),
        ),
      ];
    }
    case 'choice1Time':
    case 'choice2Time': {
      const which = question === 'choice1Time' ? 1 : 2;
      const date = context.draft.pendingDate ?? '';
      // 「午前中」 with the date: that half-day's starts only.
      const half = context.draft.pendingHalf;
      const starts = date ? offeredStarts(input, which, date).filter((m) => !half || inHalfDay(half, m)) : [];
      const actions = date ? timeActions(input, date, starts) : [];
      // The day may have filled up since it was picked (others book at the same time): say so,
      // rather than show a time question whose only button is another day.
      if (actions.length <= 1)
        return [
          questionCard(
            `第${which}希望の時刻`,
            [
              `申し訳ありません。${formatDateJa(date)}は、ただいま空いている時間がなくなりました。「別の日を選ぶ」から、ほかの日をお選びください。`,
            ],
            actions,
          ),
        ];
      // The example is the first time offered, so it is one the bot accepts (the Corner has few).
      const example = formatTimeJa(starts[0] ?? 0);
      return [
        questionCard(
          `第${which}希望の時刻`,
          [
            `${formatDateJa(date)}${half ? (half === 'am' ? '午前' : '午後') : ''}の空いている時間です。第${which}希望の開始時刻をお選びください（${s.sessionMinutes}分以内）。`,
            `「${example}」のように入力することもできます。`,
          ],
          actions,
        ),
      ];
    }
    case 'email':
      return (
        confirmQuestion(question, context) ?? [
          text('ご連絡用のメールアドレスを入力してください。\n例: aomori@example.jp'),
        ]
      );
    case 'phone':
      return [text('求職登録の際にお届けの電話番号を入力してください。\n例: 090-1234-5678')];
    case 'interpreter':
      return (
        confirmQuestion(question, context) ??
        choices('通訳・介助者の同席', ['相談の際に、通訳や介助の方が同席されますか？'])
      );
    case 'review': {
      const d = context.draft;
      if (!isComplete(d)) return [text('入力内容に不足があります。「最初から」と送ってやり直してください。')];
      return [reviewCard({ ...d, choices: preferredChoices(d.choice1, d.choice2) }, s, optionActions(input))];
    }
    case 'editMenu':
      return [
        questionCard(
          '修正する項目',
          ['修正する項目をお選びください。ほかの項目はそのまま残ります。'],
          optionActions(input),
        ),
      ];
    case 'manage': {
      const b = facts.activeBooking;
      const when = b ? bookingWhen(b, s.sessionMinutes) : '';
      const current = b && isPendingChange(b) ? `現在のご予約:\n${when}` : `お申し込み中の予約: ${when}`;
      return choices('予約の変更・キャンセル', [current, 'ご希望の操作をお選びください。']);
    }
    case 'cancelConfirm': {
      const b = facts.activeBooking;
      const when = b ? bookingWhen(b, s.sessionMinutes) : '';
      return choices(
        'キャンセルの確認',
        [
          `${cancelLead(b)}\n${when}`,
          `ご予約の前日までは、このトークでキャンセルできます（当日はお電話のみ: ${s.officePhone}）。`,
        ],
        1,
      );
    }
    case 'immediateConfirm':
      return choices(
        '今すぐ相談の確認',
        [
          `今すぐ相談（${s.immediateSessionMinutes}分）をお申し込みになりますか？`,
          `担当者の手が空きしだい、求職登録の電話番号にお電話し、接続のためのアクセスコード（ミーティングIDなど）をお伝えします。${context.draft.name ? `\nお名前: ${context.draft.name}` : ''}${context.draft.interpreter === undefined ? '' : `\n通訳・介助者の同席: ${context.draft.interpreter ? `あり${context.draft.companion ? `（${whoJa(context.draft)}）` : ''}` : 'なし'}`}`,
          // The session rules, restated before the request is sent (docs/office-rules.md §14).
          `相談は${s.immediateSessionMinutes}分です。ほかの人のいない個室からご参加ください。相談の録音・録画はできません。`,
          'ご本人確認のため、お申し込みと同時に電話番号を変更することはできません。',
        ],
        1,
      );
    case 'previousDetails':
      return [previousDetailsCard(facts, optionActions(input))];
  }
}
