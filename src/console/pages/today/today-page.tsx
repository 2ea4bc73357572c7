import type { IsoDate } from '../../../calendar/index.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { dateJa, timeJa } from '../../views/format.js';
import type { ImmediateRequestRow } from '../../../../db/repositories/immediate-requests-repository.js';
import { ImmediateToday } from './immediate-today.js';
import type { TodayRow } from './today-model.js';
import { ConfirmAction } from '../../views/confirm-action.js';
import { TableScroll } from '../../views/table-scroll.js';

const KIND_JA = { regular: '一般', mothers: 'マザーズコーナー' } as const;
const APP_JA = { zoom: 'Zoom', teleoffice: 'TeleOffice' } as const;

/** A refused attendance form: the message shown in that session's row. */
export interface TodayProblem {
  bookingId: string;
  message: string;
}

export function Meeting({ row }: { row: TodayRow }) {
  const m = row.meeting;
  if (m.app === 'teleoffice') return <span>招待メール: {m.email}</span>;
  if ('missing' in m) return <span class="badge bad">接続情報なし</span>;
  return (
    <span>
      {m.meetingId && m.passcode ? (
        <>
          ID {m.meetingId}
          <br />
          パスコード {m.passcode}
        </>
      ) : null}
      {m.joinUrl ? (
        <>
          {m.meetingId ? <br /> : null}
          参加用リンク <a href={m.joinUrl}>{m.joinUrl}</a>
        </>
      ) : null}
    </span>
  );
}

export function Contacts({ row }: { row: TodayRow }) {
  if (row.contacts.length === 0) return <span class="muted">—</span>;
  const last = row.contacts[row.contacts.length - 1]!;
  return (
    <span class="badge warn">
      {timeJa(last)} にLINEで連絡あり{row.contacts.length > 1 ? `（本日${row.contacts.length}回）` : ''}
    </span>
  );
}

function AttendanceForm({ row, token, problem }: { row: TodayRow; token: string; problem: TodayProblem | null }) {
  const errorId = `att-${row.bookingId}-error`;
  const message = problem?.bookingId === row.bookingId ? problem.message : undefined;
  if (row.attendance === 'none')
    return (
      <>
        <span class="muted">—</span>
        <FieldError id={errorId} message={message} />
      </>
    );
  return (
    <>
      <form method="post" action={`/staff/today/${row.bookingId}/attendance`} class="inline">
        <CsrfField token={token} />
        {row.attendance === 'mark' ? (
          <button type="submit" name="attended" value="yes" aria-describedby={message ? errorId : undefined}>
            出席
          </button>
        ) : (
          <button type="submit" name="attended" value="yes" class="secondary">
            出席に訂正
          </button>
        )}
      </form>
      {row.attendance === 'mark' ? (
        // It tells the person at once, and sits beside 出席: asked for in two steps.
        <ConfirmAction
          label="欠席（接続なし）"
          ariaLabel={`${row.name}さんを欠席（接続なし）として記録`}
          consequence={`${row.name}さんを欠席として記録し、ご本人に LINE でお知らせします。`}
          confirmLabel="欠席として記録し、知らせる"
          action={`/staff/today/${row.bookingId}/attendance`}
          csrfToken={token}
          fields={{ attended: 'no' }}
          describedBy={message ? errorId : undefined}
        />
      ) : null}
      {row.attendance === 'mark' && !row.started ? <p class="muted today-hint">開始後に記録できます</p> : null}
      <FieldError id={errorId} message={message} />
    </>
  );
}

/** Today's sessions with attendance forms (docs/staff-console.md, 本日の相談). */
export function TodayPage(props: {
  frame: PageFrame;
  date: IsoDate;
  rows: readonly TodayRow[];
  /** Today's 今すぐ相談, oldest first. */
  immediate: readonly ImmediateRequestRow[];
  notice: string | null;
  problem: TodayProblem | null;
}) {
  const { rows, problem } = props;
  // A refusal about a session not on today's list (gone, or another day's) is shown above it.
  const elsewhere = problem !== null && !rows.some((r) => r.bookingId === problem.bookingId) ? problem : null;
  return (
    <Page frame={props.frame} section="today" title="本日の相談" notice={props.notice}>
      <FieldError id="today-error" message={elsewhere?.message} />
      <div class="toolbar">
        <h2 class="today-date">{dateJa(props.date)}</h2>
        <a class="button secondary" href="/staff/today/print">
          印刷用の表示
        </a>
        <a class="button secondary" href={`/staff/calendar?week=${props.date}`}>
          今週のカレンダー
        </a>
      </div>
      {rows.length === 0 ? (
        <p>本日確定している相談はありません。</p>
      ) : (
        <TableScroll label="本日の相談">
          <table class="today today-sessions">
            <caption>本日の相談 {rows.length} 件（時刻順）</caption>
            <thead>
              <tr>
                <th scope="col">時刻</th>
                <th scope="col">種類・方法</th>
                <th scope="col">氏名</th>
                <th scope="col">接続情報</th>
                <th scope="col">状態</th>
                <th scope="col">本日の連絡</th>
                <th scope="col">出欠の記録</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bookingId}>
                  <th scope="row" class="today-time">
                    {timeJa(r.start)}〜{timeJa(r.end)}
                  </th>
                  <td>
                    {KIND_JA[r.kind]}
                    <br />
                    <span class="muted">{APP_JA[r.app]}</span>
                  </td>
                  <td class="today-name">
                    <a href={`/staff/bookings/${r.bookingId}`}>{r.name}</a>
                  </td>
                  <td class="today-meeting">
                    <Meeting row={r} />
                  </td>
                  <td>
                    <span class={r.status.tone === 'plain' ? 'badge' : `badge ${r.status.tone}`}>{r.status.label}</span>
                  </td>
                  <td>
                    <Contacts row={r} />
                  </td>
                  <td>
                    <AttendanceForm row={r} token={props.frame.csrfToken} problem={props.problem} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ImmediateToday requests={props.immediate} />
      <p class="muted">
        欠席（接続なし）を記録すると、ご本人に LINE でお知らせします（利用規約 6(4)
        の回数に数えます）。誤って記録したときは「出席に訂正」で直せます。出席の記録は取り消せません。
      </p>
    </Page>
  );
}

/** The same list on one clean A4 sheet: no menu, no forms, a column to write in by hand. */
export function TodayPrintPage(props: { officeName: string; date: IsoDate; rows: readonly TodayRow[] }) {
  const title = `本日の相談 ${dateJa(props.date)}`;
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${props.officeName} オンライン相談`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/staff/assets/console.css" />
      </head>
      <body class="print-sheet">
        <main id="main">
          <p class="no-print">
            <a href="/staff/today">← 本日の相談に戻る</a>（このページはブラウザの印刷機能で A4 に印刷できます）
          </p>
          <p class="brand">{props.officeName} オンライン相談</p>
          <h1>{title}</h1>
          {props.rows.length === 0 ? (
            <p>本日確定している相談はありません。</p>
          ) : (
            <TableScroll label="本日の相談">
              <table class="today-print">
                <thead>
                  <tr>
                    <th scope="col">時刻</th>
                    <th scope="col">種類・方法</th>
                    <th scope="col">氏名</th>
                    <th scope="col">接続情報</th>
                    <th scope="col">状態</th>
                    <th scope="col">本日の連絡</th>
                    <th scope="col">メモ</th>
                  </tr>
                </thead>
                <tbody>
                  {props.rows.map((r) => (
                    <tr key={r.bookingId}>
                      <th scope="row">
                        {timeJa(r.start)}〜{timeJa(r.end)}
                      </th>
                      <td>
                        {KIND_JA[r.kind]}・{APP_JA[r.app]}
                      </td>
                      <td class="today-name">{r.name}</td>
                      <td class="today-meeting">
                        <Meeting row={r} />
                      </td>
                      <td>{r.status.label}</td>
                      <td>
                        <Contacts row={r} />
                      </td>
                      <td class="today-memo" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </main>
      </body>
    </html>
  );
}
