import { describe, expect, it } from 'vitest';
import {
  accountState,
  loginIdProblem,
  nameProblem,
  newPasswordProblem,
  parseNewAccount,
  wouldLeaveNoAdmin,
} from '../../src/console/pages/settings/account-rules.js';
import { AUDIT_ACTIONS } from '../../db/repositories/audit-log-repository.js';
import {
  auditActionLabel,
  auditActorText,
  auditDetailText,
  auditSubjectKind,
  auditSubjectText,
} from '../../src/console/pages/settings/audit-labels.js';
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
  it('labels every kind of action the code records in Japanese, and shows a retired one as stored', () => {
    for (const action of AUDIT_ACTIONS) {
      expect([action, auditActionLabel(action)]).not.toEqual([action, action]);
      expect(auditActionLabel(action), action).toMatch(/^[^a-z_]*$/);
      expect(auditSubjectKind(action), action).toBeDefined();
    }
    expect(new Set(AUDIT_ACTIONS.map(auditActionLabel)).size).toBe(AUDIT_ACTIONS.length);
    expect(auditActionLabel('login_failed')).toBe('ログイン失敗');
    expect(auditActionLabel('brand_new_action')).toBe('brand_new_action');
    expect(auditActionLabel('toString')).toBe('toString');
  });

  it('words details, with instants in Japan time', () => {
    const ja = (iso: string) => `JST(${iso})`;
    expect(auditDetailText('login_failed', { reason: 'wrong_password', failures: 2 }, ja)).toBe(
      '理由: パスワード違い / 失敗回数: 2',
    );
    // What staff typed is shown as typed, even when it reads like a code.
    expect(auditDetailText('block', { reason: 'admin' }, ja)).toBe('理由: admin');
    expect(auditDetailText('locked', { until: '2026-12-01T00:15:00.000Z' }, ja)).toBe(
      '期限: JST(2026-12-01T00:15:00.000Z)',
    );
    expect(auditDetailText('x', { other: { a: 1 }, none: null }, ja)).toBe('other: {"a":1}');
    expect(auditDetailText('x', null, ja)).toBe('');
    expect(auditDetailText('terms_add', { effectiveFrom: '2027-04-01' }, ja)).toBe('適用開始日: 2027年4月1日(木)');
    expect(auditDetailText('view_person', { page: 'api_booking' }, ja)).toBe('画面: API（予約）');
    expect(auditDetailText('confirm', { start: { date: '2026-12-08', minutes: 630 } }, ja)).toBe(
      '日時: 12月8日(火) 10:30',
    );
    expect(auditDetailText('book_for_person', { kind: 'mothers', app: 'zoom' }, ja)).toBe(
      '種類: マザーズコーナー / アプリ: Zoom',
    );
    expect(
      auditDetailText('erase_person', { bookings: 2, immediateRequests: 0, conversations: 1, messages: 3 }, ja),
    ).toBe('予約: 2件 / 今すぐ相談: 0件 / 会話: 1件 / メッセージ: 3件');
  });

  it('words subjects: staff by name, people and bookings by the short name, the calendar by date', () => {
    const names = {
      staff: new Map([['yamada', '山田 太郎']]),
      people: new Map<string, string | null>([
        ['Uaaaa', '青森 花子'],
        ['Ubbbb000000', null],
      ]),
      bookings: new Map<string, string | null>([['5bf44d0a-681c-4d3e-b344-5bee9f585c7e', '青森 花子']]),
    };
    expect(auditSubjectText('login', 'yamada', names)).toBe('山田 太郎（yamada）');
    expect(auditSubjectText('login_failed', 'yamadda', names)).toBe('yamadda（該当するアカウントなし）');
    expect(auditSubjectText('view_person', 'Uaaaa', names)).toBe('青森 様');
    expect(auditSubjectText('erase_person', 'Ubbbb000000', names)).toBe('LINE利用者（…000000）');
    expect(auditSubjectText('confirm', '5bf44d0a-681c-4d3e-b344-5bee9f585c7e', names)).toBe(
      '受付番号 5bf44d0a（青森 様）',
    );
    expect(auditSubjectText('cancel', '0badc0de-0000-4000-8000-000000000000', names)).toBe('受付番号 0badc0de');
    expect(auditSubjectText('closure_set', 'closure:2026-12-11', names)).toBe('閉庁日 2026年12月11日(金)');
    expect(auditSubjectText('capacity_set', 'capacity:mothers|2026-12-10|660', names)).toBe(
      '定員 2026年12月10日(木) 11:00（マザーズコーナー）',
    );
    expect(auditSubjectText('immediate_on', 'immediate', names)).toBe('今すぐ相談の受付');
    expect(auditSubjectText('api_token_add', '勤怠マクロ', names)).toBe('APIトークン「勤怠マクロ」');
    expect(auditSubjectText('terms_add', '2027-04-01', names)).toBe('利用規約の版 2027-04-01');
    expect(auditSubjectText('brand_new_action', 'as-stored', names)).toBe('as-stored');
    expect(auditActorText('yamada', names)).toBe('山田 太郎（yamada）');
    expect(auditActorText('api:勤怠マクロ', names)).toBe('API（勤怠マクロ）');
    expect(auditActorText('cli', names)).toBe('コマンドライン（npm run staff）');
  });

  it('keeps the filters on the link to older lines', () => {
    expect(olderHref({ login: 'yamada', action: '', subject: 'U1', before: undefined }, 120)).toBe(
      '/staff/settings/audit?login=yamada&subject=U1&before=120',
    );
  });
});
