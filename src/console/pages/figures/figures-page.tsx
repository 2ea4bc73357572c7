import { FieldError, Page, type PageFrame } from '../../views/page.js';
import { FiguresChart } from './figures-chart.js';
import { FIGURE_COLUMNS, FIGURE_COUNTS, type Median, type MonthFigures } from './month-figures.js';
import { monthJa, nextMonth, previousMonth, type Month } from './month.js';
import { TableScroll } from '../../views/table-scroll.js';

export interface FiguresPageProps {
  frame: PageFrame;
  /** The month shown (or, with `error`, the one typed, as typed). */
  month: Month;
  typed: string;
  figures: MonthFigures | null;
  error: string | null;
  /** The month is not over yet (or is ahead): its sessions are not all held, so its figures will move. */
  provisional: boolean;
}

const medianText = (m: Median, unit: string) => (m.value === null ? '—' : `${m.value}${unit}`);

/** 実績: the month picker, the counts as a table and a chart, and the CSV link. No personal data. */
export function FiguresPage({ frame, month, typed, figures, error, provisional }: FiguresPageProps) {
  const csv = `/staff/figures.csv?month=${month}`;
  return (
    <Page frame={frame} section="figures" title="実績">
      <form method="get" action="/staff/figures" class="toolbar" aria-label="表示する月">
        <p class="figures-field">
          <label for="month">対象月</label>
          <input
            id="month"
            name="month"
            type="month"
            value={typed}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'month-error' : undefined}
          />
        </p>
        <button type="submit">表示</button>
        {error ? null : (
          <>
            <a class="button secondary" href={`/staff/figures?month=${previousMonth(month)}`}>
              前の月
            </a>
            <a class="button secondary" href={`/staff/figures?month=${nextMonth(month)}`}>
              次の月
            </a>
          </>
        )}
      </form>
      <FieldError id="month-error" message={error ?? undefined} />
      {figures ? (
        <>
          <h2>{`${monthJa(month)}の実績`}</h2>
          <p class="muted">
            相談日時（確定した日時、未確定なら第1希望）がこの月にある申込みを数えています（日本時間）。
            数え方は下の「数え方」をご覧ください。
          </p>
          {provisional ? (
            <p class="warning">この月はまだ終わっていません。これからの相談の結果で数字が変わります。</p>
          ) : null}
          <p>
            <a class="button" href={csv}>
              CSVをダウンロード（{monthJa(month)}）
            </a>
          </p>
          <TableScroll label={`${monthJa(month)} 件数と中央値`}>
            <table class="figures-table">
              <caption>{`${monthJa(month)} 件数と中央値（種別・アプリ別）`}</caption>
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <th key={c.id} scope="col" class="num">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {FIGURE_COUNTS.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.label}</th>
                    {FIGURE_COLUMNS.map((c) => (
                      <td key={c.id} class="num">
                        {figures[c.id].counts[k.id]}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">申込みから相談日時まで（中央値）</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <td key={c.id} class="num">
                      {medianText(figures[c.id].leadDays, '日')}
                      <span class="muted n">{`（${figures[c.id].leadDays.n}件）`}</span>
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">申込みから最初の回答まで（中央値）</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <td key={c.id} class="num">
                      {medianText(figures[c.id].replyHours, '時間')}
                      <span class="muted n">{`（${figures[c.id].replyHours.n}件）`}</span>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <h2>グラフ</h2>
          <FiguresChart figures={figures} title={`${monthJa(month)}の件数（一般・マザーズコーナー別）`} />
          <h2>数え方</h2>
          <ul class="figures-notes">
            <li>申込み: 相談日時がこの月にある申込み。ご本人の日時変更で置き換わった元の申込み・予約は数えません。</li>
            <li>確定: そのうち、一度でも日時が確定したもの（その後の参加・欠席・キャンセルを問いません）。</li>
            <li>
              参加・無断欠席・本人キャンセル・事務所キャンセル・未回答で終了・回答待ち・確定・出欠未記録:
              いまの状態。合計すると申込みの件数になります。当日の連絡による欠席は本人キャンセルです。
            </li>
            <li>
              中央値は、確定したもの（申込みから確定日時まで）と、職員が回答したもの（申込みから最初の確定・日時提案・キャンセル・担当者対応まで、土日も含めた経過時間）について。
            </li>
            <li>今すぐ相談は含みません。個人を特定する情報は含みません。</li>
          </ul>
        </>
      ) : null}
    </Page>
  );
}
