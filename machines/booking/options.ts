import { normalizeText } from '../../src/calendar/index.js';
import { dropEmoji } from '../../src/validation/emoji.js';
import type { Question } from './types.js';

/**
 * The finite answers of each multiple-choice question, and the words that mean each when typed:
 * typing any of them (after normalisation) counts as tapping the button, so LINE for PC users and
 * people who prefer typing get the same conversation. The words include each button's label (the
 * labels themselves are the catalogue's, src/messages/option-labels.ts; a test keeps the two in
 * step).
 */
export interface AnswerOption {
  value: string;
  words: readonly string[];
}

const YES = ['はい', 'yes', 'ok', 'うん', 'はーい', '1'];
const NO = ['いいえ', 'no', 'いや', 'ちがう', '2'];

/**
 * The second preferred time is optional (docs/office-rules.md §9): its questions also take 「なし」.
 * Only its date question shows the button; at its time question (a day already picked) it is typed.
 */
const NO_SECOND_CHOICE: readonly AnswerOption[] = [
  {
    value: 'none',
    words: [
      '第2希望はなし',
      '第2希望なし',
      '第2希望はありません',
      'なし',
      '無し',
      'ありません',
      'ないです',
      '不要',
      'いりません',
    ],
  },
];

export const OPTIONS: Partial<Record<Question, readonly AnswerOption[]>> = {
  terms: [
    { value: 'agree', words: ['同意する', '同意します', '同意', ...YES] },
    { value: 'decline', words: ['同意しない', '同意しません', ...NO] },
  ],
  registered: [
    { value: 'yes', words: ['登録しています', '登録済み', '登録済', ...YES] },
    { value: 'no', words: ['まだ登録していない', 'まだ', '未登録', 'これから', ...NO] },
  ],
  target: [
    { value: 'treatment', words: ['長期療養中', '療養中', '長期療養', '1'] },
    { value: 'illness', words: ['難病・難治性疾患', '難病', '難治性疾患', '2'] },
    { value: 'mothers', words: ['子育て中（マザーズコーナー）', '子育て中', 'マザーズコーナー', 'マザーズ', '3'] },
    { value: 'difficult', words: ['来所が難しい・不便', '来所が難しい', '来所が不便', '来所困難', '4'] },
    { value: 'none', words: ['どれにも当てはまらない', '当てはまらない', 'あてはまらない', 'どれでもない', '5'] },
  ],
  device: [
    { value: 'yes', words: ['はい、持っています', '持っています', 'ある', ...YES] },
    { value: 'no', words: ['いいえ', '持っていない', 'ない', ...NO] },
  ],
  continuing: [
    { value: 'yes', words: ['はい、希望します', '希望します', '希望する', ...YES] },
    { value: 'no', words: ['いいえ', '希望しない', ...NO] },
  ],
  checklist: [
    { value: 'ok', words: ['すべて確認しました', '確認しました', '確認した', 'ok', 'はい', '大丈夫'] },
    { value: 'not_ready', words: ['まだ準備できていない', '準備できていない', 'まだ', 'いいえ'] },
  ],
  kind: [
    { value: 'regular', words: ['一般の職業相談', '一般', '職業相談', '通常', '1'] },
    { value: 'mothers', words: ['マザーズコーナー', 'マザーズ', '子育て', '2'] },
  ],
  app: [
    { value: 'zoom', words: ['Zoom', 'ズーム', '1'] },
    { value: 'teleoffice', words: ['TeleOffice', 'テレオフィス', 'テレオフィスを使う', '2'] },
  ],
  interpreter: [
    { value: 'yes', words: ['同席します', '同席する', 'あり', 'いる', ...YES] },
    { value: 'no', words: ['同席しません', '同席しない', 'なし', 'いない', ...NO] },
  ],
  choice2Date: NO_SECOND_CHOICE,
  choice2Time: NO_SECOND_CHOICE,
  review: [
    { value: 'submit', words: ['この内容で申し込む', '申し込む', '申込', '送信', 'はい', 'ok'] },
    { value: 'edit', words: ['修正する', '修正', '直す', '変更'] },
  ],
  editMenu: [
    { value: 'kind', words: ['相談の種類', '種類'] },
    { value: 'app', words: ['利用アプリ', 'アプリ'] },
    { value: 'name', words: ['お名前', '氏名', '名前'] },
    { value: 'jobSeekerNumber', words: ['求職番号'] },
    { value: 'choice1', words: ['第1希望', '第一希望'] },
    { value: 'choice2', words: ['第2希望', '第二希望'] },
    { value: 'email', words: ['メールアドレス', 'メール'] },
    { value: 'phone', words: ['電話番号', '電話'] },
    { value: 'interpreter', words: ['通訳・介助者', '通訳', '介助者'] },
    { value: 'back', words: ['修正せずに戻る', '戻る'] },
  ],
  manage: [
    { value: 'change', words: ['日時を変更する', '変更', '変更する', '日時変更'] },
    { value: 'cancel', words: ['予約をキャンセルする', 'キャンセル', 'キャンセルする'] },
    { value: 'back', words: ['このままにする', '戻る', 'そのまま', 'なにもしない'] },
  ],
  cancelConfirm: [
    { value: 'yes', words: ['キャンセルする', 'キャンセルします', ...YES] },
    { value: 'no', words: ['キャンセルしない', 'やめておく', ...NO] },
  ],
  immediateConfirm: [
    { value: 'yes', words: ['お願いする', 'お願いします', '申し込む', ...YES] },
    { value: 'no', words: ['やめておく', 'やめる', ...NO] },
  ],
  previousDetails: [
    { value: 'same', words: ['前回と同じ内容で進む', '前回と同じ', '同じ', 'そのまま', ...YES] },
    { value: 'change', words: ['内容を変えて入力する', '入力し直す', '変える', ...NO] },
    { value: 'review', words: ['利用条件の回答を見直す', '見直す', '利用条件'] },
  ],
};

/**
 * LINE's own emoji (`$` placeholders) and the emoji people add to a reply (「はい😊」) are part of
 * no option, so neither stops a typed answer from matching (src/validation/emoji.ts).
 */
function canonical(s: string): string {
  return normalizeText(dropEmoji(s)).toLowerCase();
}

/** The option a typed text or button value stands for, if any. */
export function matchOption(
  question: Question,
  raw: { source: 'text'; text: string } | { source: 'button'; value: string },
): string | undefined {
  const options = OPTIONS[question];
  if (!options) return undefined;
  if (raw.source === 'button') return options.some((o) => o.value === raw.value) ? raw.value : undefined;
  const typed = canonical(raw.text).replace(/[。.!！]+$/u, '');
  if (typed === '') return undefined;
  const find = (t: string) => options.find((o) => o.words.some((w) => canonical(w) === t))?.value;
  const exact = find(typed);
  if (exact !== undefined) return exact;
  // 「はい、同意します」「いいえ、持っていません」: a yes or no before an option's own words counts
  // when both mean the same option; 「はい、同意しません」 says two things and is asked again.
  const lead = REPLY_LEAD.exec(typed);
  if (!lead) return undefined;
  const rest = typed.slice(lead[0].length);
  const byRest = rest === '' ? undefined : find(rest);
  return byRest !== undefined && find(lead[1]!) === byRest ? byRest : undefined;
}

/** A yes or no that opens a reply, with what separates it from the rest. */
const REPLY_LEAD = /^(はい|ええ|うん|いいえ|いや)[、,\s]*/u;
