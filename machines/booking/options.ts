import { normalizeText } from '../../src/calendar/index.js';
import { dropEmoji } from '../../src/validation/emoji.js';
import type { Question } from './types.js';

/**
 * The finite answers of each multiple-choice question. The label is what a button shows; typing
 * the label or any alias (after normalisation) counts as tapping it, so LINE for PC users and
 * people who prefer typing get the same conversation.
 */
export interface AnswerOption {
  value: string;
  label: string;
  aliases: readonly string[];
}

const YES = ['はい', 'yes', 'ok', 'うん', 'はーい', '1'];
const NO = ['いいえ', 'no', 'いや', 'ちがう', '2'];

export const OPTIONS: Partial<Record<Question, readonly AnswerOption[]>> = {
  terms: [
    { value: 'agree', label: '同意する', aliases: ['同意します', '同意', ...YES] },
    { value: 'decline', label: '同意しない', aliases: ['同意しません', ...NO] },
  ],
  registered: [
    { value: 'yes', label: '登録しています', aliases: ['登録済み', '登録済', ...YES] },
    { value: 'no', label: 'まだ登録していない', aliases: ['まだ', '未登録', 'これから', ...NO] },
  ],
  target: [
    { value: 'treatment', label: '長期療養中', aliases: ['療養中', '長期療養', '1'] },
    { value: 'illness', label: '難病・難治性疾患', aliases: ['難病', '難治性疾患', '2'] },
    { value: 'mothers', label: '子育て中（マザーズコーナー）', aliases: ['子育て中', 'マザーズコーナー', 'マザーズ', '3'] },
    { value: 'difficult', label: '来所が難しい・不便', aliases: ['来所が難しい', '来所が不便', '来所困難', '4'] },
    { value: 'none', label: 'どれにも当てはまらない', aliases: ['当てはまらない', 'あてはまらない', 'どれでもない', '5'] },
  ],
  device: [
    { value: 'yes', label: 'はい、持っています', aliases: ['持っています', 'ある', ...YES] },
    { value: 'no', label: 'いいえ', aliases: ['持っていない', 'ない', ...NO] },
  ],
  continuing: [
    { value: 'yes', label: 'はい、希望します', aliases: ['希望します', '希望する', ...YES] },
    { value: 'no', label: 'いいえ', aliases: ['希望しない', ...NO] },
  ],
  checklist: [
    { value: 'ok', label: 'すべて確認しました', aliases: ['確認しました', '確認した', 'ok', 'はい', '大丈夫'] },
    { value: 'not_ready', label: 'まだ準備できていない', aliases: ['準備できていない', 'まだ', 'いいえ'] },
  ],
  kind: [
    { value: 'regular', label: '一般の職業相談', aliases: ['一般', '職業相談', '通常', '1'] },
    { value: 'mothers', label: 'マザーズコーナー', aliases: ['マザーズ', '子育て', '2'] },
  ],
  app: [
    { value: 'zoom', label: 'Zoom', aliases: ['ズーム', '1'] },
    { value: 'teleoffice', label: 'TeleOffice', aliases: ['テレオフィス', 'テレオフィスを使う', '2'] },
  ],
  interpreter: [
    { value: 'yes', label: '同席します', aliases: ['同席する', 'あり', 'いる', ...YES] },
    { value: 'no', label: '同席しません', aliases: ['同席しない', 'なし', 'いない', ...NO] },
  ],
  review: [
    { value: 'submit', label: 'この内容で申し込む', aliases: ['申し込む', '申込', '送信', 'はい', 'ok'] },
    { value: 'edit', label: '修正する', aliases: ['修正', '直す', '変更'] },
  ],
  editMenu: [
    { value: 'kind', label: '相談の種類', aliases: ['種類'] },
    { value: 'app', label: '利用アプリ', aliases: ['アプリ'] },
    { value: 'name', label: 'お名前', aliases: ['氏名', '名前'] },
    { value: 'jobSeekerNumber', label: '求職番号', aliases: [] },
    { value: 'choice1', label: '第1希望', aliases: ['第一希望'] },
    { value: 'choice2', label: '第2希望', aliases: ['第二希望'] },
    { value: 'email', label: 'メールアドレス', aliases: ['メール'] },
    { value: 'phone', label: '電話番号', aliases: ['電話'] },
    { value: 'interpreter', label: '通訳・介助者', aliases: ['通訳', '介助者'] },
    { value: 'back', label: '修正せずに戻る', aliases: ['戻る'] },
  ],
  manage: [
    { value: 'change', label: '日時を変更する', aliases: ['変更', '変更する', '日時変更'] },
    { value: 'cancel', label: '予約をキャンセルする', aliases: ['キャンセル', 'キャンセルする'] },
    { value: 'back', label: 'このままにする', aliases: ['戻る', 'そのまま', 'なにもしない'] },
  ],
  cancelConfirm: [
    { value: 'yes', label: 'キャンセルする', aliases: ['キャンセルします', ...YES] },
    { value: 'no', label: 'キャンセルしない', aliases: ['やめておく', ...NO] },
  ],
  immediateConfirm: [
    { value: 'yes', label: 'お願いする', aliases: ['お願いします', '申し込む', ...YES] },
    { value: 'no', label: 'やめておく', aliases: ['やめる', ...NO] },
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
export function matchOption(question: Question, raw: { source: 'text'; text: string } | { source: 'button'; value: string }): string | undefined {
  const options = OPTIONS[question];
  if (!options) return undefined;
  if (raw.source === 'button') return options.some((o) => o.value === raw.value) ? raw.value : undefined;
  const typed = canonical(raw.text);
  if (typed === '') return undefined;
  const hit = options.find((o) => canonical(o.label) === typed || o.aliases.some((a) => canonical(a) === typed));
  return hit?.value;
}
