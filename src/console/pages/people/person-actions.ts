/** A person-level action in the history (src/staff/person-changes.ts and the staff chat), in words. */
export const PERSON_ACTION_JA: Readonly<Record<string, string>> = {
  block: '自動応答を停止',
  unblock: '自動応答の停止を解除',
  handback: '自動応答に戻す',
  takeover: '担当者が対応',
  user_contact: 'ご本人から当日の連絡',
  immediate_accept: '今すぐ相談に対応',
};
