import { Page, type PageFrame } from '../../views/page.js';
import { dateJa } from '../../views/format.js';
import { monthJa, shiftMonth } from './calendar-days.js';
import type { MonthDay, MonthView } from './month-model.js';

const WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'];

function DayCell({ day }: { day: MonthDay }) {
  const { state } = day;
  return (
    <td class={state.open ? 'month-day' : 'month-day cal-off'}>
      <a href={`/staff/calendar?week=${day.date}`} aria-label={`${dateJa(day.date)}の週を表示`}>
        {Number(day.date.slice(8))}
      </a>
      {state.open || state.code === 'weekend' ? null : (
        <span class={state.code === 'closure' ? 'badge bad' : 'badge warn'}>{state.label}</span>
      )}
      {day.confirmed > 0 ? <span class="month-count">確定 {day.confirmed}</span> : null}
      {day.waiting > 0 ? <span class="month-count month-waiting">回答待ち {day.waiting}</span> : null}
    </td>
  );
}

/** The month overview: per day open or closed, sessions confirmed and requests waiting. */
export function MonthPage(props: { frame: PageFrame; view: MonthView; thisMonth: string; problem: string | null }) {
  const { view } = props;
  return (
    <Page frame={props.frame} section="calendar" title={`予約カレンダー（${monthJa(view.first)}）`}>
      <nav class="toolbar" aria-label="月の移動">
        <a class="button secondary" href={`/staff/calendar/month?month=${shiftMonth(view.first, -1)}`}>
          ← 前の月
        </a>
        <a class="button secondary" href={`/staff/calendar/month?month=${props.thisMonth}`}>
          今月
        </a>
        <a class="button secondary" href={`/staff/calendar/month?month=${shiftMonth(view.first, 1)}`}>
          次の月 →
        </a>
        <a class="button secondary" href={`/staff/calendar?week=${view.first}`}>
          週の表示へ
        </a>
      </nav>
      {props.problem ? (
        <p class="field-error" role="alert">
          {props.problem}
        </p>
      ) : null}
      <p>
        この月の確定 {view.totals.confirmed} 件、回答待ちの申込み {view.totals.waiting}{' '}
        件。日付を押すとその週を表示します。
      </p>
      <table class="month">
        <caption>{monthJa(view.first)}の予約状況</caption>
        <thead>
          <tr>
            <th scope="col">週</th>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.weeks.map((w) => (
            <tr key={w.monday}>
              <th scope="row">
                <a href={`/staff/calendar?week=${w.monday}`}>{dateJa(w.monday)}の週</a>
              </th>
              {w.days.map((d, i) => (d ? <DayCell key={d.date} day={d} /> : <td key={i} class="month-out" />))}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
