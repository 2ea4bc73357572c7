import { describe, expect, it } from 'vitest';
import {
  accountState,
  loginIdProblem,
  nameProblem,
  newPasswordProblem,
  parseNewAccount,
  wouldLeaveNoAdmin,
} from '../../src/console/pages/settings/account-rules.js';
import { auditActionLabel, auditDetailText } from '../../src/console/pages/settings/audit-labels.js';
import { olderHref } from '../../src/console/pages/settings/audit-routes.js';
import { parseTermsForm, termsRefusalJa } from '../../src/console/pages/settings/terms-rules.js';

describe('account rules', () => {
  it('takes login ids of 3-32 lower-case letters, digits, dots, underscores and hyphens', () => {
    for (const ok of ['abc', 'yamada.t', 'sato_2', 'a-b', 'a'.repeat(32)]) expect(loginIdProblem(ok)).toBeNull();
    for (const bad of ['', 'ab', 'Yamada', 'ya mada', 'やまだ', 'a'.repeat(33), 'a@b'])
      expect(loginIdProblem(bad)).not.toBeNull();
  });

  it('takes names of 1-40 characters, counted as people see them', () => {
    expect(nameProblem('')).toBe('氏名を入力してください。');
    expect(nameProblem('山'.repeat(40))).toBeNull();
    expect(nameProblem('山'.repeat(41))).toBe('氏名は40文字以内にしてください。');
  });

  it('wants a new password twice, the same both times, under the console policy', () => {
    expect(newPasswordProblem('long enough pass', 'long enough pass')).toBeNull();
    expect(newPasswordProblem('short', 'short')).toBe('パスワードは12文字以上にしてください。');
    expect(newPasswordProblem('long enough pass', 'long enough pasS')).toBe('確認用のパスワードが一致しません。');
  });

  it('collects every problem of the add form at once, keyed by field', () => {
    const r = parseNewAccount({ login_id: 'X', name: '', role: 'owner', password: 'a', password_again: 'a' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['login_id', 'name', 'password', 'role']);
    expect(
      parseNewAccount({
        login_id: ' kimura ',
        name: ' 木村 一郎 ',
        role: 'admin',
        password: 'long enough pass',
        password_again: 'long enough pass',
      }),
    ).toEqual({
      ok: true,
      value: { loginId: 'kimura', name: '木村 一郎', role: 'admin', password: 'long enough pass' },
    });
  });

  it('says whether an account is active, disabled, or locked until a time still ahead', () => {
    const now = '2026-12-01T00:10:00.000Z';
    expect(accountState({ disabledAt: null, lockedUntil: null }, now)).toEqual({ kind: 'active' });
    expect(accountState({ disabledAt: null, lockedUntil: '2026-12-01T00:15:00.000Z' }, now)).toEqual({
      kind: 'locked',
      until: '2026-12-01T00:15:00.000Z',
    });
    expect(accountState({ disabledAt: null, lockedUntil: '2026-12-01T00:05:00.000Z' }, now)).toEqual({
      kind: 'active',
    });
    expect(accountState({ disabledAt: now, lockedUntil: '2026-12-01T00:15:00.000Z' }, now).kind).toBe('disabled');
  });

  it('keeps the last active admin', () => {
    expect(wouldLeaveNoAdmin({ role: 'admin', disabledAt: null }, 1)).toBe(true);
    expect(wouldLeaveNoAdmin({ role: 'admin', disabledAt: null }, 2)).toBe(false);
    expect(wouldLeaveNoAdmin({ role: 'staff', disabledAt: null }, 1)).toBe(false);
    // Already disabled: it is not one of the active admins.
    expect(wouldLeaveNoAdmin({ role: 'admin', disabledAt: '2026-12-01T00:00:00.000Z' }, 1)).toBe(false);
  });
});

describe('terms form', () => {
  it('uses the API field rules, worded in Japanese', () => {
    const fields = { id: '2027-04-01', effective_from: '2027-04-01', url: 'https://example.jp/t' };
    // An empty consent summary keeps the previous version's (left out, as in the API).
    expect(parseTermsForm({ ...fields, summary: ' 変更点\r\n二行目 ', consent_summary: '' })).toEqual({
      ok: true,
      value: {
        id: '2027-04-01',
        effectiveFrom: '2027-04-01',
        url: 'https://example.jp/t',
        summary: '変更点\n二行目',
        consentSummary: undefined,
      },
    });
    expect(parseTermsForm({ ...fields, summary: 'x', consent_summary: '・要点' })).toMatchObject({
      ok: true,
      value: { consentSummary: '・要点' },
    });
    const bad = parseTermsForm({ id: 'v 1', effective_from: '2027-02-29', url: 'javascript:alert(1)' });
    expect(bad).toEqual({
      ok: false,
      errors: {
        id: expect.stringContaining('半角の英数字'),
        effective_from: expect.stringContaining('実在する日付'),
        url: expect.stringContaining('http://'),
        summary: '変更点の要約を入力してください。',
      },
    });
    expect(parseTermsForm({ ...fields, summary: 'あ'.repeat(401), consent_summary: 'い'.repeat(1001) })).toEqual({
      ok: false,
      errors: {
        summary: '変更点の要約は400文字以内にしてください。',
        consent_summary: '同意前に示す要約は1000文字以内にしてください。',
      },
    });
    expect(parseTermsForm({ ...fields, summary: '変更\u0007' })).toEqual({
      ok: false,
      errors: { summary: '変更点の要約に使えない文字（制御文字）が含まれています。' },
    });
    // The limit itself is allowed.
    expect(parseTermsForm({ ...fields, summary: 'あ'.repeat(400) }).ok).toBe(true);
  });

  it('words each refusal of the registration next to its field', () => {
    expect(termsRefusalJa({ code: 'too_far', latestAllowed: '2027-12-01' }, 'x')).toEqual({
      field: 'effective_from',
      message: '適用開始日は1年以内にしてください（12月1日(水)まで）。',
    });
    expect(termsRefusalJa({ code: 'conflict' }, 'v2').field).toBe('id');
    expect(termsRefusalJa({ code: 'not_newer', latest: '2027-01-04' }, 'v2').message).toContain('1月4日(月)');
  });
});

describe('audit log wording', () => {
  it('labels known actions in Japanese and shows unknown ones as stored', () => {
    expect(auditActionLabel('login_failed')).toBe('ログイン失敗');
    expect(auditActionLabel('brand_new_action')).toBe('brand_new_action');
  });

  it('words details, with instants in Japan time', () => {
    const ja = (iso: string) => `JST(${iso})`;
    expect(auditDetailText({ reason: 'wrong_password', failures: 2 }, ja)).toBe('理由: パスワード違い / 失敗回数: 2');
    expect(auditDetailText({ until: '2026-12-01T00:15:00.000Z' }, ja)).toBe('期限: JST(2026-12-01T00:15:00.000Z)');
    expect(auditDetailText({ other: { a: 1 }, none: null }, ja)).toBe('other: {"a":1}');
    expect(auditDetailText(null, ja)).toBe('');
    expect(auditDetailText({ effectiveFrom: '2027-04-01' }, ja)).toBe('適用開始日: 2027年4月1日');
  });

  it('keeps the filters on the link to older lines', () => {
    expect(olderHref({ login: 'yamada', action: '', subject: 'U1', before: undefined }, 120)).toBe(
      '/staff/settings/audit?login=yamada&subject=U1&before=120',
    );
  });
});
