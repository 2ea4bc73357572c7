import { Page, type PageFrame } from '../../views/page.js';
import type { PersonSummary } from './person-summary.js';
import { PersonStateBadges } from './person-badges.js';
import { TableScroll } from '../../views/table-scroll.js';

export interface PeopleSearchProps {
  frame: PageFrame;
  query: string;
  /** null: nothing searched yet (nobody is listed then). */
  results: readonly PersonSummary[] | null;
  /** The most people one search lists. */
  limit: number;
}

/** 利用者: one search box (name, job-seeker number, receipt number or booking id) and the people found. */
export function PeopleSearchPage({ frame, query, results, limit }: PeopleSearchProps) {
  return (
    <Page frame={frame} section="people" title="利用者">
      <form method="get" action="/staff/people" class="toolbar" role="search" aria-label="利用者の検索">
        <p class="people-search">
          <label for="q">氏名・求職番号・受付番号</label>
          <input
            id="q"
            name="q"
            type="search"
            value={query}
            maxLength={60}
            autocomplete="off"
            aria-describedby="q-hint"
          />
        </p>
        <button type="submit">検索</button>
      </form>
      <p id="q-hint" class="muted">
        氏名は一部でも探せます（空白は無視します）。求職番号は数字だけでも、ハイフン付きでも探せます。受付番号（8文字）か予約IDでも探せます。
      </p>
      {results === null ? (
        <p>
          探したい方の氏名、求職番号、または受付番号を入力して「検索」を押してください。個人情報の閲覧は記録されるため、一覧はすべての方を表示しません。
        </p>
      ) : results.length === 0 ? (
        <p role="status">{`「${query}」に当てはまる利用者はいません。`}</p>
      ) : (
        <>
          <h2>{`検索結果（${results.length}人）`}</h2>
          {results.length >= limit ? (
            <p class="warning">{`${limit}人まで表示しています。もう少し詳しく入力して絞り込んでください。`}</p>
          ) : null}
          <TableScroll label="検索結果">
            <table class="people-results">
              <thead>
                <tr>
                  <th scope="col">氏名</th>
                  <th scope="col">求職番号</th>
                  <th scope="col" class="num">
                    予約
                  </th>
                  <th scope="col" class="num">
                    無断欠席
                  </th>
                  <th scope="col">状態</th>
                </tr>
              </thead>
              <tbody>
                {results.map((p) => (
                  <tr key={p.lineUserId}>
                    <th scope="row" class="wrap-anywhere">
                      <a href={`/staff/people/${encodeURIComponent(p.lineUserId)}`}>
                        {p.details ? p.details.name : '（個人情報は消去済み）'}
                      </a>
                    </th>
                    <td>{p.details ? p.details.jobSeekerNumber : '—'}</td>
                    <td class="num">{p.counts.bookings}</td>
                    <td class="num">{p.counts.noShows}</td>
                    <td>
                      <PersonStateBadges person={p} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </Page>
  );
}
