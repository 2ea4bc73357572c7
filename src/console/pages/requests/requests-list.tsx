import type { Booking, PreferredChoices } from '../../../../db/repositories/bookings-repository.js';
import type { Instant } from '../../../calendar/index.js';
import { receiptNumber } from '../../../messages/booking-cards.js';
import { instantJa } from '../../views/format.js';
import { Page, type PageFrame } from '../../views/page.js';
import { APP_NAME, KIND_SHORT, TIME_STATE_JA, waitingOf, type PersonHistory, type TimeState } from './request-view.js';
import { TableScroll } from '../../views/table-scroll.js';

/** One row of the 受付 list, as the route assembled it. */
export interface RequestRow {
  booking: Booking;
  /** The first choice's, and the second's when the person gave one (docs/office-rules.md §9). */
  choices: PreferredChoices<TimeState>;
  /** For a proposal awaiting the person: whether its time is still free. */
  proposal: TimeState | null;
  history: PersonHistory;
}

/** Free or not, in words and a badge (never colour alone). */
export function TimeStateBadge({ state }: { state: TimeState }) {
  return state.free ? (
    <span class="badge ok">空きあり</span>
  ) : (
    <span class="badge bad">{TIME_STATE_JA[state.reason]}</span>
  );
}

function DueCell({ booking, now }: { booking: Booking; now: Instant }) {
  const w = waitingOf(booking, now);
  return (
    <td>
      <span class="nowrap">{instantJa(booking.replyDue)}</span>
      {w.on === 'staff' && w.overdue ? (
        <>
          <br />
          <span class="badge bad">期限超過</span>
          <br />
          <span class="overdue-text">回答期限を過ぎています</span>
        </>
      ) : null}
      {w.on === 'staff' && w.dueToday ? (
        <>
          <br />
          <span class="badge warn">本日まで</span>
        </>
      ) : null}
    </td>
  );
}

export function HistoryText({ history }: { history: PersonHistory }) {
  return (
    <>
      <span class="nowrap">
        これまで {history.earlierBookings}件{history.attended > 0 ? `（相談済み ${history.attended}）` : ''}
      </span>
      <br />
      {history.noShowCount > 0 ? (
        <span class="badge warn">欠席 {history.noShowCount}回</span>
      ) : (
        <span class="nowrap">欠席 0回</span>
      )}
      <br />
      <span class="nowrap">本人のキャンセル {history.cancelCount}回</span>
      {history.blocked ? (
        <>
          <br />
          <span class="badge bad">利用停止中</span>
        </>
      ) : null}
      {history.flagged ? (
        <>
          <br />
          <span class="badge warn">欠席が多い</span>
        </>
      ) : null}
    </>
  );
}

function Choice({ start, state }: { start: Instant | null; state: TimeState | undefined }) {
  // The person gave no second choice (docs/office-rules.md §9).
  if (start === null || state === undefined) return <span class="muted">なし</span>;
  return (
    <>
      <span class="nowrap">{instantJa(start)}</span>
      <br />
      <TimeStateBadge state={state} />
    </>
  );
}

function RequestsTable(props: { rows: readonly RequestRow[]; now: Instant; caption: string; awaitingPerson: boolean }) {
  return (
    <TableScroll label={props.caption}>
      <table class="requests listing">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">回答期限</th>
            <th scope="col">受付番号</th>
            <th scope="col">第1希望</th>
            <th scope="col">第2希望</th>
            {props.awaitingPerson ? <th scope="col">提案した日時</th> : null}
            <th scope="col">お名前・求職番号</th>
            <th scope="col">これまでの利用</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const b = r.booking;
            const w = waitingOf(b, props.now);
            return (
              <tr key={b.id} class={w.on === 'staff' && w.overdue ? 'overdue' : undefined}>
                <DueCell booking={b} now={props.now} />
                <th scope="row">
                  <a href={`/staff/bookings/${encodeURIComponent(b.id)}`}>
                    <span class="visually-hidden">受付番号 </span>
                    {receiptNumber(b.id)}
                  </a>
                  <br />
                  <span class="muted nowrap">
                    {KIND_SHORT[b.kind]}・{APP_NAME[b.app]}
                  </span>
                  {b.status === 'confirmed' ? (
                    <>
                      <br />
                      <span class="badge ok">確定済み</span>
                    </>
                  ) : null}
                  {b.replacesBookingId ? (
                    <>
                      <br />
                      <span class="badge warn">日時変更</span>
                    </>
                  ) : null}
                </th>
                <td>
                  <Choice start={b.choice1Start} state={r.choices[0]} />
                </td>
                <td>
                  <Choice start={b.choice2Start} state={r.choices[1]} />
                </td>
                {props.awaitingPerson ? (
                  <td>
                    {b.proposedStart ? (
                      <>
                        <span class="nowrap">{instantJa(b.proposedStart)}</span>
                        <br />
                        <span class="badge warn">ご本人の回答待ち</span>
                        {r.proposal && !r.proposal.free ? (
                          <>
                            {' '}
                            <TimeStateBadge state={r.proposal} />
                          </>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                ) : null}
                <td class="wrap-anywhere">
                  {b.name}
                  <br />
                  <span class="muted nowrap">{b.jobSeekerNumber}</span>
                </td>
                <td>
                  <HistoryText history={r.history} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The 受付 list: requests awaiting staff, earliest reply deadline first, the late ones marked in
 * words as well as colour; then bookings whose proposed time awaits the person's answer.
 */
export function RequestsPage(props: {
  frame: PageFrame;
  now: Instant;
  awaitingStaff: readonly RequestRow[];
  awaitingPerson: readonly RequestRow[];
  /** The list stopped at its limit: more are open than shown. */
  truncated: boolean;
}) {
  const overdue = props.awaitingStaff.filter((r) => {
    const w = waitingOf(r.booking, props.now);
    return w.on === 'staff' && w.overdue;
  }).length;
  return (
    <Page frame={props.frame} section="requests" title="受付">
      <p class="muted">
        {instantJa(props.now)} 現在。受付番号を開くと、確定・別の日時の提案・キャンセルができます。
        「空きあり」は今この時点で確定できるかどうかです。
      </p>
      {props.truncated ? (
        <p class="warning">
          申込みが多いため、回答期限の早いものから {props.awaitingStaff.length + props.awaitingPerson.length}{' '}
          件だけを表示しています。
        </p>
      ) : null}
      <h2 id="awaiting-staff">
        対応待ちの申込み <span class="count">{props.awaitingStaff.length}件</span>
        {overdue > 0 ? <span class="badge bad heading-badge">期限超過 {overdue}件</span> : null}
      </h2>
      {props.awaitingStaff.length === 0 ? (
        <p>対応待ちの申込みはありません。</p>
      ) : (
        <RequestsTable
          rows={props.awaitingStaff}
          now={props.now}
          caption="対応待ちの申込み（回答期限の早い順）"
          awaitingPerson={false}
        />
      )}
      <h2 id="awaiting-person">
        ご本人の回答待ち（別の日時を提案中） <span class="count">{props.awaitingPerson.length}件</span>
      </h2>
      {props.awaitingPerson.length === 0 ? (
        <p>回答待ちの提案はありません。</p>
      ) : (
        <RequestsTable
          rows={props.awaitingPerson}
          now={props.now}
          caption="ご本人の回答待ちの提案（回答期限の早い順）"
          awaitingPerson={true}
        />
      )}
    </Page>
  );
}
