import type { Closure } from '../../../../db/repositories/closures-repository.js';
import { addDays, type IsoDate } from '../../../calendar/index.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { dateJa, timeJa } from '../../views/format.js';
import { KIND_JA, MAX_CAPACITY, MAX_NOTE, slotValue, type FormProblem, type FormValues } from './calendar-forms.js';
import type { PlaceHolder, WeekCell, WeekDay, WeekRow, WeekView } from './week-model.js';
import { TableScroll } from '../../views/table-scroll.js';

/** Which form a refusal belongs to, so its message lands beside the right field. */
export type CalendarForm = 'week' | 'capacity' | 'closure' | 'remove';

export interface CalendarProblem extends FormProblem {
  form: CalendarForm;
}

export interface WeekPageProps {
  frame: PageFrame;
  view: WeekView;
  thisMonday: IsoDate;
  /** Closure days from today on, for the list with its 解除 buttons. */
  closures: readonly Closure[];
  /** The starts the capacity form offers, per kind. */
  starts: { regular: readonly number[]; mothers: readonly number[] };
  notice: string | null;
  problem: CalendarProblem | null;
  values: FormValues;
}

/** 'HH:MM' of minutes since midnight, as the capacity form sends it. */
export const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const errorOf = (p: CalendarProblem | null, form: CalendarForm, field: string): string | undefined =>
  p !== null && p.form === form && p.field === field ? p.message : undefined;

function DayHeading({ day }: { day: WeekDay }) {
  return (
    <th scope="col" class={day.state.open ? undefined : 'cal-closed-day'}>
      <a href={`/staff/calendar?week=${day.date}`} class="cal-date">
        {dateJa(day.date)}
      </a>
      {day.state.open ? null : (
        <>
          <br />
          <span class={day.state.code === 'closure' ? 'badge bad' : 'badge warn'}>{day.state.label}</span>
          {day.closureNote ? <span class="cal-note">{day.closureNote}</span> : null}
        </>
      )}
    </th>
  );
}

function Person({ p }: { p: PlaceHolder }) {
  return (
    <li>
      <span class={p.held === 'confirmed' ? 'badge ok' : 'badge warn'}>
        {p.held === 'confirmed' ? '確定' : '回答待ち'}
      </span>{' '}
      <a href={`/staff/bookings/${p.bookingId}`}>{p.name}</a>
    </li>
  );
}

function Cell({ cell, row }: { cell: WeekCell; row: WeekRow }) {
  if (cell.state !== 'open' && cell.people.length === 0) {
    return <td class="cal-off">{cell.state === 'closed' ? '休み' : '—'}</td>;
  }
  if (cell.past && cell.people.length === 0) return <td class="cal-off">終了</td>;
  const over = cell.people.length > cell.capacity;
  return (
    <td class={cell.state === 'open' && !cell.past ? 'cal-slot' : 'cal-slot cal-off'}>
      <span class="cal-cap">
        定員 {cell.capacity}
        {cell.capacitySet ? '（変更済み）' : ''}
      </span>{' '}
      {cell.state !== 'open' || !row.onGrid ? null : cell.past ? (
        <span class="cal-cap">（終了）</span>
      ) : cell.free > 0 ? (
        <span class="badge ok">空き {cell.free}</span>
      ) : (
        <span class="badge bad">満席</span>
      )}
      {over ? <span class="badge bad">定員超過</span> : null}
      {cell.people.length > 0 ? (
        <ul class="cal-people">
          {cell.people.map((p) => (
            <Person key={p.bookingId} p={p} />
          ))}
        </ul>
      ) : null}
    </td>
  );
}

function WeekTable({ view }: { view: WeekView }) {
  return (
    <TableScroll label={`${dateJa(view.monday)}〜${dateJa(addDays(view.monday, 4))}の相談枠`}>
      <table class="cal-week">
        <caption>
          {dateJa(view.monday)}〜{dateJa(addDays(view.monday, 4))}の相談枠（土日は閉庁）
        </caption>
        <thead>
          <tr>
            <th scope="col">時刻・種類</th>
            {view.days.map((d) => (
              <DayHeading key={d.date} day={d} />
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={`${row.kind}${row.start}`} class={row.kind === 'mothers' ? 'cal-mothers' : undefined}>
              <th scope="row">
                <span class="cal-time">{timeJa(row.start)}</span>
                <br />
                <span class="cal-kind">{KIND_JA[row.kind]}</span>
                {row.onGrid ? null : <span class="cal-kind">（個別に確定した時刻）</span>}
              </th>
              {row.cells.map((cell, i) => (
                <Cell key={i} cell={cell} row={row} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function CapacityForm(props: Pick<WeekPageProps, 'frame' | 'view' | 'starts' | 'problem' | 'values'>) {
  const { problem, values } = props;
  const err = (f: string) => errorOf(problem, 'capacity', f);
  const v = (name: string, fallback: string) => (problem?.form === 'capacity' ? (values[name] ?? '') : fallback);
  return (
    <form method="post" action="/staff/calendar/capacity" class="inline cal-form">
      <CsrfField token={props.frame.csrfToken} />
      <input type="hidden" name="week" value={props.view.monday} />
      <p class="cal-field">
        <label for="cap-date">日付</label>
        <input
          id="cap-date"
          name="date"
          type="date"
          required
          value={v('date', props.view.monday)}
          aria-describedby={err('date') ? 'cap-date-error' : undefined}
        />
        <FieldError id="cap-date-error" message={err('date')} />
      </p>
      <p class="cal-field">
        <label for="cap-slot">種類・開始時刻</label>
        {/* One choice of kind and start together, so each kind offers only its own starts (office-rules §3, §4). */}
        <select id="cap-slot" name="slot" aria-describedby={err('slot') ? 'cap-slot-error' : undefined}>
          {(['regular', 'mothers'] as const).map((k) => (
            <optgroup key={k} label={KIND_JA[k]}>
              {props.starts[k].map((t) => (
                <option key={t} value={slotValue(k, hhmm(t))} selected={v('slot', '') === slotValue(k, hhmm(t))}>
                  {/* The kind again: a closed list shows the chosen option alone, and 11:00 is in both. */}
                  {`${KIND_JA[k]} ${timeJa(t)}`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id="cap-slot-error" message={err('slot')} />
      </p>
      <p class="cal-field">
        <label for="cap-capacity">定員</label>
        <input
          id="cap-capacity"
          name="capacity"
          type="number"
          min="0"
          max={String(MAX_CAPACITY)}
          step="1"
          required
          inputMode="numeric"
          value={v('capacity', '')}
          aria-describedby={err('capacity') ? 'cap-capacity-error' : 'cap-capacity-help'}
        />
        <FieldError id="cap-capacity-error" message={err('capacity')} />
      </p>
      <p class="cal-field">
        <button type="submit">定員を変更</button>
      </p>
    </form>
  );
}

function ClosureSection(props: Pick<WeekPageProps, 'frame' | 'view' | 'closures' | 'problem' | 'values'>) {
  const { problem, values } = props;
  const err = (f: string) => errorOf(problem, 'closure', f);
  const v = (name: string) => (problem?.form === 'closure' ? (values[name] ?? '') : '');
  return (
    <>
      <form method="post" action="/staff/calendar/closures" class="inline cal-form">
        <CsrfField token={props.frame.csrfToken} />
        <input type="hidden" name="week" value={props.view.monday} />
        <p class="cal-field">
          <label for="clo-date">閉庁日にする日</label>
          <input
            id="clo-date"
            name="date"
            type="date"
            required
            value={v('date')}
            aria-describedby={err('date') ? 'clo-date-error' : undefined}
          />
          <FieldError id="clo-date-error" message={err('date')} />
        </p>
        <p class="cal-field cal-grow">
          <label for="clo-note">メモ（任意）</label>
          <input
            id="clo-note"
            name="note"
            type="text"
            maxLength={MAX_NOTE}
            value={v('note')}
            placeholder="例: 庁舎点検"
            aria-describedby={err('note') ? 'clo-note-error' : undefined}
          />
          <FieldError id="clo-note-error" message={err('note')} />
        </p>
        <p class="cal-field">
          <button type="submit">閉庁日を追加</button>
        </p>
      </form>
      <FieldError id="clo-remove-error" message={errorOf(problem, 'remove', 'closure')} />
      {props.closures.length === 0 ? (
        <p class="muted">今日以降の閉庁日は登録されていません。</p>
      ) : (
        <table class="cal-closures">
          <caption>今日以降の閉庁日</caption>
          <thead>
            <tr>
              <th scope="col">日付</th>
              <th scope="col">メモ</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.closures.map((c) => (
              <tr key={c.date}>
                <th scope="row">
                  <a href={`/staff/calendar?week=${c.date}`}>{dateJa(c.date)}</a>
                </th>
                <td>{c.note ?? <span class="muted">—</span>}</td>
                <td>
                  <form method="post" action={`/staff/calendar/closures/${c.date}/remove`} class="inline">
                    <CsrfField token={props.frame.csrfToken} />
                    <input type="hidden" name="week" value={props.view.monday} />
                    <button type="submit" class="secondary" aria-label={`${dateJa(c.date)}の閉庁日を解除`}>
                      解除
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A refused form's name and where its field is, for the note at the top of the page. */
const REFUSED_FORM: Record<Exclude<CalendarForm, 'week'>, { name: string; anchor: (field: string) => string }> = {
  capacity: { name: '定員の変更', anchor: (field) => `cap-${field}` },
  closure: { name: '閉庁日の登録', anchor: (field) => `clo-${field}` },
  remove: { name: '閉庁日の解除', anchor: () => 'clo-remove-error' },
};

/** The week view with the capacity and closure forms (docs/staff-console.md, 予約カレンダー). */
export function WeekPage(props: WeekPageProps) {
  const { view, problem } = props;
  const weekError = errorOf(problem, 'week', 'week');
  return (
    <Page frame={props.frame} section="calendar" title="予約カレンダー" notice={props.notice}>
      <nav class="toolbar" aria-label="週の移動">
        <a class="button secondary" href={`/staff/calendar?week=${addDays(view.monday, -7)}`}>
          ← 前の週
        </a>
        <a class="button secondary" href={`/staff/calendar?week=${props.thisMonday}`}>
          今週
        </a>
        <a class="button secondary" href={`/staff/calendar?week=${addDays(view.monday, 7)}`}>
          次の週 →
        </a>
        <a class="button secondary" href={`/staff/calendar/month?month=${addDays(view.monday, 3).slice(0, 7)}`}>
          月の一覧
        </a>
        <form method="get" action="/staff/calendar" class="inline">
          <label for="week">日付の週を表示</label>
          <input
            id="week"
            name="week"
            type="date"
            value={view.monday}
            aria-describedby={weekError ? 'week-error' : undefined}
          />
          <button type="submit" class="secondary">
            表示
          </button>
          <FieldError id="week-error" message={weekError} />
        </form>
      </nav>
      {problem && problem.form !== 'week' ? (
        // The forms are below the week's table, out of sight: say so at the top, with a link to the field.
        <p class="warning" role="alert">
          「{REFUSED_FORM[problem.form].name}」は行っていません。
          <a href={`#${REFUSED_FORM[problem.form].anchor(problem.field)}`}>{problem.message}</a>
        </p>
      ) : null}
      <h2>
        {dateJa(view.monday)}〜{dateJa(addDays(view.monday, 4))}の週
      </h2>
      <p class="muted cal-legend">
        <span class="badge ok">確定</span> 確定した相談 / <span class="badge warn">回答待ち</span>{' '}
        職員の回答を待っている第1希望（この枠を押さえています）。空き = 定員から確定と回答待ちを引いた残り（LINE
        ではこのうち受付期間内の枠だけを案内します）。
      </p>
      {view.heldOnClosedDays.length > 0 ? (
        <div class="warning" role="note">
          <p>休みの日に残っている予約・申込みがあります。閉庁日にしても取り消されません。一件ずつ対応してください。</p>
          <ul>
            {view.heldOnClosedDays.map((d) => (
              <li key={d.date}>
                {dateJa(d.date)}:{' '}
                {d.people.map((p, i) => (
                  <span key={p.bookingId}>
                    {i > 0 ? '、' : ''}
                    <a href={`/staff/bookings/${p.bookingId}`}>{p.name}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <WeekTable view={view} />
      <h2>定員の変更</h2>
      <p id="cap-capacity-help" class="muted">
        1つの枠の定員を変えます（0 にするとその枠は LINE
        で選べなくなります）。定員を下げても、すでにある予約や申込みは取り消されません。定員を超えた分はそのまま残り、その枠が新しく申込みに出されなくなるだけです。
      </p>
      <CapacityForm {...props} />
      <h2>閉庁日</h2>
      <p class="muted">
        閉庁日にした日は、LINE
        で予約を受け付けなくなります。すでにある予約・申込みは取り消されません（上の一覧に表示します）。
      </p>
      <ClosureSection {...props} />
    </Page>
  );
}
