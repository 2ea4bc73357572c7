/**
 * Sentences that state one of the office's rules and appear in more than one message: written
 * once, so the terms summary, the confirmation card and the no-show notice cannot drift apart.
 * See docs/office-rules.md §10 and §11.
 */

/** A session missed without contact counts as a cancellation, and even one may end online use. */
export const NO_SHOW_RULE = 'ご連絡のないまま開始から10分が過ぎるとキャンセルとみなされ、その場合は以後のオンライン相談をお断りすることがあります。';

/** The office may move a booked session (the person is asked to accept the new time). */
export const OFFICE_MAY_MOVE = 'ハローワークの都合により、ご予約の日時の変更をお願いする場合があります。';
