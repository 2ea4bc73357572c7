import type { ImmediateRequestRow } from '../../../../db/repositories/immediate-requests-repository.js';
import { toLocal } from '../../../calendar/index.js';
import { timeJa } from '../../views/format.js';
import { whoJa } from '../../../messages/companion-ja.js';
import { TableScroll } from '../../views/table-scroll.js';

/** 「あり（通訳・英語）」, or 「あり」 when the person did not say who. */
const companionShort = (r: ImmediateRequestRow): string => (r.companion ? `あり（${whoJa(r)}）` : 'あり');

/** A 今すぐ相談 request's status in words, with the tone of its badge (also the 開示 page's words). */
export const IMMEDIATE_STATUS_JA = {
  requested: { label: '対応者を待っています', tone: 'warn' },
  accepted: { label: '対応者あり', tone: 'ok' },
  declined: { label: '締切（予約をご案内済み）', tone: 'plain' },
  withdrawn: { label: 'ご本人が取り下げ', tone: 'plain' },
} as const;

/**
 * Today's 今すぐ相談: the name and job-seeker number the member who takes one needs to call back.
 * The staff-group card leaves them out (docs/staff-console.md); here reading them is recorded.
 */
export function ImmediateToday({ requests }: { requests: readonly ImmediateRequestRow[] }) {
  if (requests.length === 0) return null;
  return (
    <TableScroll label="本日の今すぐ相談">
      <table class="today" id="immediate-today">
        <caption>本日の今すぐ相談 {requests.length} 件（申込み順）</caption>
        <thead>
          <tr>
            <th scope="col">申込み</th>
            <th scope="col">氏名</th>
            <th scope="col">求職番号</th>
            <th scope="col">通訳・介助者</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => {
            const status = IMMEDIATE_STATUS_JA[r.status];
            return (
              <tr key={r.id}>
                <th scope="row" class="today-time">
                  {timeJa(toLocal(r.createdAt).minutes)}
                </th>
                <td class="today-name">
                  <a href={`/staff/people/${encodeURIComponent(r.lineUserId)}`}>{r.name || '（消去済み）'}</a>
                </td>
                <td>{r.jobSeekerNumber || '—'}</td>
                <td>{r.interpreter === null ? '—' : r.interpreter ? companionShort(r) : 'なし'}</td>
                <td>
                  <span class={status.tone === 'plain' ? 'badge' : `badge ${status.tone}`}>{status.label}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
