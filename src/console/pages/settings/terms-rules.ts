import type { TermsVersion } from '../../../../db/repositories/terms-repository.js';
import type { TermsRefusal } from '../../../staff/office-settings.js';
import { termsBody } from '../../../staff/api-schemas.js';
import { dateJa } from '../../views/format.js';
import type { FieldErrors, Parsed } from './account-rules.js';

/**
 * The add-version form (id, effective_from, url), checked with the JSON API's own field rules
 * (src/staff/api-schemas.ts) and worded in Japanese.
 */
export function parseTermsForm(body: Record<string, unknown>): Parsed<TermsVersion> {
  const text = (k: string) => (typeof body[k] === 'string' ? body[k].trim() : '');
  const id = text('id');
  const effectiveFrom = text('effective_from');
  const url = text('url');
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
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { id, effectiveFrom, url } };
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
      return { field: 'id', message: `版「${id}」は別の適用開始日またはURLで登録済みです。別の名前にしてください。` };
    case 'not_newer':
      return {
        field: 'effective_from',
        message: `適用開始日は、登録済みでいちばん新しい版の適用開始日（${dateJa(r.latest)}）より後にしてください。`,
      };
  }
}
