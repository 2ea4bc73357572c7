import { describe, expect, it } from 'vitest';
import { idleIntent } from '../../machines/booking/text-commands.js';

describe('what a short sentence typed outside any question is about', () => {
  it.each([
    ['今日の予約をキャンセルしたいです', 'cancelBooking'],
    ['キャンセルしたいのですが', 'cancelBooking'],
    ['予約を取り消してもらえますか', 'cancelBooking'],
    // Not coming (the morning reminder's button, or typed) is a cancel.
    ['参加できません', 'cancelBooking'],
    ['明日は参加できなくなりました', 'cancelBooking'],
    ['欠席します', 'cancelBooking'],
    ['日程を変更したい', 'change'],
    ['予約の時間を変えたいです', 'change'],
    ['来週にずらしたい予約があります', 'change'],
    ['予約を確認したいです', 'check'],
    ['予約の日時を教えてください', 'check'],
  ] as const)('%s → %s', (typed, intent) => {
    expect(idleIntent(typed)).toBe(intent);
  });

  it.each([
    'キャンセル待ちはできますか',
    'メールアドレスを変更したい',
    '予約した電話番号を変更したい',
    '予約のメールアドレスを変えたい',
    // A question about cancelling is not a request to cancel.
    'キャンセルしたらペナルティはありますか',
    'こんにちは',
    '体調が悪いので休みます',
    // A long message is not guessed at: it goes to the menu (or to staff on the session day).
    `${'相談したいことがあります。'.repeat(3)}キャンセル`,
  ])('%s → nothing', (typed) => {
    expect(idleIntent(typed)).toBeUndefined();
  });
});
