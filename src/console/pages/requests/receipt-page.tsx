import type { BookingByReceipt } from '../../../../db/repositories/console-requests-repository.js';
import { instantJa } from '../../views/format.js';
import { Page, type PageFrame } from '../../views/page.js';
import { KIND_SHORT, STATUS_JA } from './request-view.js';

/** The receipt number 受付番号: the first 8 characters of a booking id, as the person's cards show it. */
const RECEIPT = /^[0-9a-f]{8}$/;
const BOOKING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a typed id is a booking's whole id, in its stored form (not just a receipt number). */
export function isWholeBookingId(typed: string): boolean {
  return BOOKING_ID.test(typed);
}

/**
 * What an address `/staff/requests/<typed>` asks for: the start of a booking id, from a receipt
 * number (as staff read it out or copy it from the staff group's card: any case, full-width
 * too) or a whole booking id; null for anything else.
 */
export function receiptPrefixOf(typed: string): string | null {
  const flat = typed.normalize('NFKC').trim().toLowerCase();
  return RECEIPT.test(flat) || BOOKING_ID.test(flat) ? flat : null;
}

/** What to look at next when a receipt number leads nowhere. */
function LookFurther({ typed }: { typed: string | null }) {
  return (
    <ul>
      {typed !== null ? (
        <li>
          <a href={`/staff/people?q=${encodeURIComponent(typed)}`}>利用者の検索で探す</a>
          （番号を直すか、氏名・求職番号で探せます）
        </li>
      ) : (
        <li>
          <a href="/staff/people">利用者の検索</a>（氏名・求職番号・受付番号で探せます）
        </li>
      )}
      <li>
        <a href="/staff/requests">受付の一覧へ</a>
      </li>
    </ul>
  );
}

/** No booking has this receipt number, or what was typed is none (404). */
export function ReceiptNotFoundPage(props: { frame: PageFrame; prefix: string | null }) {
  const { prefix } = props;
  return (
    <Page frame={props.frame} section="requests" title="申込みが見つかりません">
      {prefix !== null ? (
        <p>{`${prefix.length === 8 ? '受付番号' : '申込み番号'} ${prefix} の申込みは見つかりません。番号をお確かめください。`}</p>
      ) : (
        <p>
          アドレスの受付番号を読み取れませんでした。受付番号は、英数字8文字です（0〜9 と a〜f。例:
          5bf44d0a）。ご本人のLINEの画面や、職員グループのカードに表示されています。
        </p>
      )}
      <LookFurther typed={prefix} />
    </Page>
  );
}

/**
 * Several bookings share the receipt number (it is only the start of their ids): each with what
 * tells them apart, linked to its page. No names, so the list shows nobody's personal details.
 */
export function ReceiptChoicePage(props: { frame: PageFrame; prefix: string; bookings: readonly BookingByReceipt[] }) {
  return (
    <Page frame={props.frame} section="requests" title="受付番号が同じ申込み">
      <p>{`受付番号 ${props.prefix} で始まる申込みが${props.bookings.length}件あります。開く申込みを選んでください。`}</p>
      <table class="listing">
        <caption class="visually-hidden">{`受付番号 ${props.prefix} の申込み（新しい順）`}</caption>
        <thead>
          <tr>
            <th scope="col">申込み番号</th>
            <th scope="col">申込み</th>
            <th scope="col">相談日時</th>
            <th scope="col">種類</th>
            <th scope="col">状況</th>
          </tr>
        </thead>
        <tbody>
          {props.bookings.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                <a href={`/staff/bookings/${encodeURIComponent(b.id)}`}>{b.id}</a>
              </th>
              <td>{instantJa(b.createdAt)}</td>
              <td>{instantJa(b.sessionStart)}</td>
              <td>{KIND_SHORT[b.kind]}</td>
              <td>{STATUS_JA[b.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LookFurther typed={null} />
    </Page>
  );
}
