import type { Question } from '../../machines/booking/types.js';

/**
 * What each multiple-choice answer's button says, by question and value. The machine reads the
 * same words when they are typed (machines/booking/options.ts).
 */
export const OPTION_LABELS: { readonly [Q in Question]?: Readonly<Record<string, string>> } = {
  terms: {
    agree: '同意する',
    decline: '同意しない',
  },
  registered: {
    yes: '登録しています',
    no: 'まだ登録していない',
  },
  target: {
    treatment: '長期療養中',
    illness: '難病・難治性疾患',
    mothers: '子育て中（マザーズコーナー）',
    difficult: '来所が難しい・不便',
    none: 'どれにも当てはまらない',
  },
  device: {
    yes: 'はい、持っています',
    no: 'いいえ',
  },
  continuing: {
    yes: 'はい、希望します',
    no: 'いいえ',
  },
  checklist: {
    ok: 'すべて確認しました',
    not_ready: 'まだ準備できていない',
  },
  kind: {
    regular: '一般の職業相談',
    mothers: 'マザーズコーナー',
  },
  app: {
    zoom: 'Zoom',
    teleoffice: 'TeleOffice',
  },
  interpreter: {
    yes: '同席します',
    no: '同席しません',
  },
  choice2Date: { none: '第2希望はなし' },
  choice2Time: { none: '第2希望はなし' },
  review: {
    submit: 'この内容で申し込む',
    edit: '修正する',
  },
  editMenu: {
    kind: '相談の種類',
    app: '利用アプリ',
    name: 'お名前',
    jobSeekerNumber: '求職番号',
    choice1: '第1希望',
    choice2: '第2希望',
    email: 'メールアドレス',
    phone: '電話番号',
    interpreter: '通訳・介助者',
    back: '修正せずに戻る',
  },
  manage: {
    change: '日時を変更する',
    cancel: '予約をキャンセルする',
    back: 'このままにする',
  },
  cancelConfirm: {
    yes: 'キャンセルする',
    no: 'キャンセルしない',
  },
  immediateConfirm: {
    yes: 'お願いする',
    no: 'やめておく',
  },
  previousDetails: {
    same: '前回と同じ内容で進む',
    change: '内容を変えて入力する',
    review: '利用条件の回答を見直す',
  },
};

/** The label of one answer's button; the value itself if the catalogue has none (a test forbids that). */
export function optionLabel(question: Question, value: string): string {
  return OPTION_LABELS[question]?.[value] ?? value;
}
