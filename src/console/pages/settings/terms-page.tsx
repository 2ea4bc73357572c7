import type { RegisteredTerms } from '../../../../db/repositories/terms-repository.js';
import type { TermsAgreement } from '../../../../db/repositories/terms-agreements-repository.js';
import { formatDateWithYearJa } from '../../../messages/format-ja.js';
import { maybeInstantJa } from '../../views/format.js';
import { CsrfField, Page, type PageFrame } from '../../views/page.js';
import { CONSENT_SUMMARY_MAX, TERMS_SUMMARY_MAX } from '../../../staff/api-schemas.js';
import type { FieldErrors } from './account-rules.js';
import { BackToSettings, Field } from './settings-views.js';
import { TableScroll } from '../../views/table-scroll.js';

export interface TermsFormValues {
  id: string;
  effective_from: string;
  url: string;
  summary: string;
  consent_summary: string;
}

/**
 * A version can never be withdrawn, so a form that reads well is shown back once to be looked at
 * before it is registered: what people will be sent, and what a date already reached means.
 */
function ConfirmRegistration(props: { form: TermsFormValues; today: string; csrfToken: string }) {
  const { form } = props;
  const inEffect = form.effective_from <= props.today;
  return (
    <section class="confirm-panel" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">この内容で登録しますか</h2>
      <p class="warning">登録した版は取り消せません。内容を確かめてから登録してください。</p>
      <dl class="facts card">
        <dt>版の名前</dt>
        <dd>
          <code>{form.id}</code>
        </dd>
        <dt>適用開始日</dt>
        <dd>{formatDateWithYearJa(form.effective_from)}</dd>
        <dt>規約のURL</dt>
        <dd class="wrap-anywhere">{form.url}</dd>
        <dt>変更点の要約（LINEでそのまま送ります）</dt>
        <dd class="pre-line">{form.summary}</dd>
      </dl>
      {inEffect ? (
        <p class="warning">
          適用開始日が今日か、それより前です。登録と同時にこの版が適用されます。これまでに同意した人も次の申し込みで改めて同意することになり、それまで「今すぐ相談」は受けられません。
        </p>
      ) : null}
      <form method="post" action="/staff/settings/terms">
        <CsrfField token={props.csrfToken} />
        {(['id', 'effective_from', 'url', 'summary', 'consent_summary'] as const).map((k) => (
          <input key={k} type="hidden" name={k} value={form[k]} />
        ))}
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit">この内容で登録する</button>
      </form>
      <p>
        <a href="#id">内容を直す</a>（下の入力欄で直して、もう一度「登録する」を押してください）
      </p>
    </section>
  );
}

export function TermsPage(props: {
  frame: PageFrame;
  versions: readonly RegisteredTerms[];
  current: string | null;
  today: string;
  counts: ReadonlyMap<string, number>;
  notice: string | null;
  form: TermsFormValues;
  errors: FieldErrors;
  /** The form read well: show it back to be confirmed before it is registered. */
  confirming?: boolean;
}) {
  const { form, errors } = props;
  const aria = (d: string | undefined, invalid: boolean) => ({
    'aria-describedby': d,
    'aria-invalid': invalid ? ('true' as const) : undefined,
  });
  return (
    <Page frame={props.frame} section="settings" title="利用規約の版" notice={props.notice}>
      <BackToSettings />
      {props.confirming ? (
        <ConfirmRegistration form={form} today={props.today} csrfToken={props.frame.csrfToken} />
      ) : null}
      <h2 id="versions-heading">登録済みの版</h2>
      <p class="muted">
        同意した人の数は、その版に同意した人（予約を申し込んだときの版を含む）の人数です。名前は「同意した人を表示」で確認でき、表示は操作記録に残ります。
      </p>
      {props.versions.length === 0 ? (
        <p>まだ登録された版はありません。</p>
      ) : (
        <TableScroll label="登録済みの版">
          <table aria-labelledby="versions-heading">
            <thead>
              <tr>
                <th scope="col">版</th>
                <th scope="col">適用開始日</th>
                <th scope="col">URL</th>
                <th scope="col">変更点</th>
                <th scope="col" class="num">
                  同意した人
                </th>
                <th scope="col">
                  <span class="visually-hidden">名前の表示</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...props.versions].reverse().map((v) => {
                const n = props.counts.get(v.id) ?? 0;
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      <code>{v.id}</code> {v.id === props.current ? <span class="badge ok">適用中</span> : null}
                      {v.effectiveFrom > props.today ? <span class="badge warn">予定</span> : null}
                    </th>
                    <td>{formatDateWithYearJa(v.effectiveFrom)}</td>
                    <td class="terms-url">
                      <a href={v.url} rel="noopener noreferrer" target="_blank">
                        {v.url}
                      </a>
                    </td>
                    <td class="terms-summary">{v.summary ?? <span class="muted">（記録なし）</span>}</td>
                    <td class="num">{`${n}人`}</td>
                    <td>
                      {n > 0 ? (
                        <a href={`/staff/settings/terms/${encodeURIComponent(v.id)}/people`}>
                          同意した人を表示<span class="visually-hidden">（{v.id}）</span>
                        </a>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>新しい版を登録</h2>
      <p>
        登録した版は取り消せません。登録するとすぐに（夜間は朝まで待って）、申し込み中・予約中の人へ一度だけ、変更点の要約・適用開始日・規約のURLをLINEで知らせます（その後に申し込んだ人には適用開始日に）。ほかの人には、適用開始日以降の次の申し込みのときに、この版の「同意前に示す要約」を見せて同意をもらいます。
      </p>
      <form method="post" action="/staff/settings/terms" class="stack settings-form" novalidate>
        <CsrfField token={props.frame.csrfToken} />
        <Field name="id" label="版の名前" errors={errors} hint="半角の英数字と「.」「_」「-」、例: 2027-04-01">
          {(d, invalid) => (
            <input id="id" name="id" value={form.id} required maxLength={40} autocomplete="off" {...aria(d, invalid)} />
          )}
        </Field>
        <Field name="effective_from" label="適用開始日" errors={errors} hint="1年以内。登録済みの版より後の日付">
          {(d, invalid) => (
            <input
              id="effective_from"
              name="effective_from"
              type="date"
              value={form.effective_from}
              required
              {...aria(d, invalid)}
            />
          )}
        </Field>
        <Field name="url" label="規約のURL" errors={errors} hint="公開している利用規約のページ">
          {(d, invalid) => (
            <input
              id="url"
              name="url"
              type="url"
              value={form.url}
              required
              maxLength={500}
              placeholder="https://"
              {...aria(d, invalid)}
            />
          )}
        </Field>
        <Field
          name="summary"
          label="変更点の要約"
          errors={errors}
          hint={`何が変わるかを、利用する人に分かる言葉で${TERMS_SUMMARY_MAX}文字以内。LINEでそのまま送ります`}
        >
          {(d, invalid) => (
            <textarea id="summary" name="summary" rows={4} required maxLength={TERMS_SUMMARY_MAX} {...aria(d, invalid)}>
              {form.summary}
            </textarea>
          )}
        </Field>
        <Field
          name="consent_summary"
          label="同意前に示す要約"
          errors={errors}
          hint={`予約の申し込みで同意をもらう前に見せる規約の要点（${CONSENT_SUMMARY_MAX}文字以内）。空欄なら前の版と同じ`}
        >
          {(d, invalid) => (
            <textarea
              id="consent_summary"
              name="consent_summary"
              rows={8}
              maxLength={CONSENT_SUMMARY_MAX}
              {...aria(d, invalid)}
            >
              {form.consent_summary}
            </textarea>
          )}
        </Field>
        <div>
          <button type="submit">登録する</button>
        </div>
      </form>
    </Page>
  );
}

export function TermsPeoplePage(props: {
  frame: PageFrame;
  terms: RegisteredTerms;
  people: readonly TermsAgreement[];
}) {
  return (
    <Page frame={props.frame} section="settings" title={`版「${props.terms.id}」に同意した人`}>
      <p class="settings-back">
        <a href="/staff/settings/terms">利用規約の版へ戻る</a>
      </p>
      <p class="warning">個人情報です。この画面を開いたことは、表示した人ごとに操作記録に残ります。</p>
      <TableScroll label={`版「${props.terms.id}」に同意した人`}>
        <table>
          <caption class="visually-hidden">{`版「${props.terms.id}」に同意した人`}</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">LINEのユーザーID</th>
              <th scope="col">同意した日時</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((p) => (
              <tr key={p.lineUserId}>
                <th scope="row">{p.name ?? <span class="muted">（記録なし）</span>}</th>
                <td>
                  <code>{p.lineUserId}</code>
                </td>
                <td>{p.agreedAt ? maybeInstantJa(p.agreedAt) : <span class="muted">予約の申し込み時</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Page>
  );
}
