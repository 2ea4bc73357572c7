import type { PersonRecord } from '../../../../db/repositories/person-record-repository.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';

/**
 * The confirmation step of 消去 (docs/office-rules.md §16): what will go, what stays, and a box
 * staff tick to say the person asked; nothing is erased before the form is sent.
 */
export function PersonErasePage(props: { frame: PageFrame; record: PersonRecord; error: string | null }) {
  const r = props.record;
  const path = `/staff/people/${encodeURIComponent(r.user.lineUserId)}`;
  const kept = r.bookings.filter((b) => b.personalDataErasedAt === null).length;
  return (
    <Page frame={props.frame} section="people" title="個人情報の消去">
      <p>
        <a href={path}>← 利用者のページに戻る</a>
      </p>
      <p>ご本人からの申出により、この方の個人情報を今すぐ消去します。元に戻すことはできません。</p>
      <h2>消去するもの</h2>
      <ul>
        <li>{`予約 ${kept}件の氏名・求職番号・メール・電話番号・ミーティング情報・職員が書いた理由`}</li>
        <li>{`今すぐ相談の申込み ${r.immediateRequests.length}件の氏名・求職番号・通訳の言語`}</li>
        <li>{r.conversation ? '会話の途中の入力' : '会話の途中の入力（ありません）'}</li>
        <li>{`送信待ち・送信済みのメッセージ ${r.messages.length}件`}</li>
      </ul>
      <h2>残るもの</h2>
      <p>予約の件数・日時・状態（集計のため）、自動応答の状態、だれがいつ何をしたかの記録。</p>
      <form method="post" action={`${path}/erase`} class="stack">
        <CsrfField token={props.frame.csrfToken} />
        <FieldError id="erase-error" message={props.error ?? undefined} />
        <p>
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            value="yes"
            required
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'erase-error' : undefined}
          />{' '}
          <label for="confirm">ご本人から消去の申出があり、ご本人であることを確認しました</label>
        </p>
        <p>
          <button type="submit" class="danger">
            消去する
          </button>
        </p>
      </form>
    </Page>
  );
}
