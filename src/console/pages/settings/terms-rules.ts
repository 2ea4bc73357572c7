import type { NewTermsVersion, TermsRefusal } from '../../../staff/office-settings.js';
import { CONSENT_SUMMARY_MAX, TERMS_SUMMARY_MAX, termsBody } from '../../../staff/api-schemas.js';
import { dateJa } from '../../views/format.js';
import type { FieldErrors, Parsed } from './account-rules.js';

/** Why a summary was refused, in Japanese (undefined when accepted); the rules are the API's own. */
function summaryError(what: string, value: string, max: number, ok: boolean): string | undefined {
  if (ok) return undefined;
  if (value.trim() === '') return `${what}を入力してください。`;
  if (value.replace(/\r\n?/g, '\n').trim().length > max) return `${what}は${max}文字以内にしてください。`;
  return `${what}に使えない文字（制御文字）が含まれています。`;
}

/**
 * The add-version form (id, effective_from, url, summary, consent_summary), checked with the
 * JSON API's own field rules (src/staff/api-schemas.ts) and worded in Japanese. An empty
 * consent summary keeps the previous version's, as the API does when it is left out.
 */
export function parseTermsForm(body: Record<string, unknown>): Parsed<NewTermsVersion> {
  const text = (k: string) => (typeof body[k] === 'string' ? body[k].trim() : '');
  const id = text('id');
  const effectiveFrom = text('effective_from');
  const url = text('url');
  const summary = termsBody.shape.summary.safeParse(text('summary'));
  const consentText = text('consent_summary');
  const consent = termsBody.shape.consentSummary.safeParse(consentText === '' ? undefined : consentText);
  const errors: FieldErrors = {};
  if (!termsBody.shape.id.safeParse(id).success)
    errors.id =
      id === ''
        ? '版の名前を入力してください。'
        : '版の名前は半角の英数字と「.」「_」「-」で40文字以内にしてください。';
  if (!termsBody.shape.effectiveFrom.safeParse(effectiveFrom).success)
    errors.effective_from =
      effectiveFrom === ''
        ? '適用開始日を入力してください。'
        : '適用開始日は実在する日付（例: 2027-04-01）にしてください。';
  if (!termsBody.shape.url.safeParse(url).success)
    errors.url =
      url === ''
        ? 'URLを入力してください。'
        : 'URLは http:// か https:// で始まる500文字以内のアドレスにしてください。';
  const summaryProblem = summaryError('変更点の要約', text('summary'), TERMS_SUMMARY_MAX, summary.success);
  if (summaryProblem) errors.summary = summaryProblem;
  const consentProblem = summaryError('同意前に示す要約', consentText, CONSENT_SUMMARY_MAX, consent.success);
  if (consentProblem) errors.consent_summary = consentProblem;
  if (Object.keys(errors).length > 0 || !summary.success || !consent.success) return { ok: false, errors };
  return {
    ok: true,
    value: { id, effectiveFrom, url, summary: summary.data, consentSummary: consent.data },
  };
}

/** A refusal of registerTermsVersion, in Japanese next to its field. */
export function termsRefusalJa(r: TermsRefusal, id: string): { field: string; message: string } {
  switch (r.code) {
    case 'too_far':
      return {
        field: 'effective_from',
        message: `適用開始日は1年以内にしてください（${dateJa(r.latestAllowed)}まで）。`,
      };
    case 'conflict':
      return {
        field: 'id',
        message: `版「${id}」は別の適用開始日・URL・要約で登録済みです。別の名前にしてください。`,
      };
    case 'not_newer':
      return {
        field: 'effective_from',
        message: `適用開始日は、登録済みでいちばん新しい版の適用開始日（${dateJa(r.latest)}）より後にしてください。`,
      };
  }
}
