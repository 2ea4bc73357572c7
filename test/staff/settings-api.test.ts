import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';
import { probe } from '../support/db-inspect.js';
import { startStaffHarness, type StaffHarness } from './staff-support.js';

let s: StaffHarness;
beforeEach(async () => {
  s = await startStaffHarness();
});
afterEach(async () => {
  await s.close();
});

// The configured version (2024-06-06) is announced at first start-up; these tests are about versions staff register.
const termsJobs = (s: StaffHarness) =>
  probe(s.h).all<{ subject_id: string; due_at: string }>(
    "SELECT subject_id, due_at FROM scheduled_jobs WHERE kind = 'terms_notice' AND subject_id != '2024-06-06' ORDER BY due_at",
  );

const SUMMARY = '当日以外のキャンセルをメールでも受け付けます。';

describe('staff API: terms versions', () => {
  it('should register a new version with its summaries, schedule the notice at once and list it', async () => {
    const before = await s.api('GET', '/api/terms');
    expect(before.body).toMatchObject({ current: '2024-06-06', terms: [{ id: '2024-06-06', current: true }] });

    const body = {
      id: '2027-01-04',
      effectiveFrom: '2027-01-04',
      url: 'https://example.jp/terms-2027.pdf',
      summary: `  ${SUMMARY}\r\n`,
      by: '山田',
    };
    const res = await s.api('POST', '/api/terms', body);
    expect(res.status).toBe(201);
    // No consent summary given: the one shown before consent stays the previous version's.
    expect(res.body.terms).toMatchObject({
      id: '2027-01-04',
      effectiveFrom: '2027-01-04',
      url: body.url,
      summary: SUMMARY,
      consentSummary: FIRST_CONSENT_SUMMARY,
      current: false,
    });
    // Terms art. 13: people are told in advance, so the notice is due now; the one on the day
    // (00:00 JST) reaches only those who booked since, under the old version.
    expect(await termsJobs(s)).toEqual([
      { subject_id: '2027-01-04', due_at: expect.stringMatching(/^2026-12-01T00:0\d:/) },
      { subject_id: '2027-01-04', due_at: '2027-01-03T15:00:00.000Z' },
    ]);

    // The same registration again is harmless; different content under the same id is refused.
    expect((await s.api('POST', '/api/terms', body)).status).toBe(200);
    for (const other of [{ url: 'https://example.jp/other.pdf' }, { summary: '別の変更' }, { consentSummary: '・別' }])
      expect(await s.api('POST', '/api/terms', { ...body, ...other })).toMatchObject({
        status: 409,
        body: { code: 'terms_conflict', field: 'id' },
      });
    expect(await termsJobs(s)).toHaveLength(2);

    const list = await s.api('GET', '/api/terms');
    expect((list.body.terms as { id: string }[]).map((t) => t.id)).toEqual(['2024-06-06', '2027-01-04']);
  });

  it('should schedule the notice now for a version already in effect, and refuse bad fields', async () => {
    const res = await s.api('POST', '/api/terms', {
      id: 'v2',
      effectiveFrom: '2026-11-01',
      url: 'https://example.jp/v2',
      summary: SUMMARY,
      consentSummary: '・新しい規約の要点',
      by: '山田',
    });
    expect(res.status).toBe(201);
    expect(res.body.terms).toMatchObject({ summary: SUMMARY, consentSummary: '・新しい規約の要点' });
    // Already in effect: due at once (the clock runs on from 2026-12-01T00:00Z while the test runs).
    expect(await termsJobs(s)).toEqual([{ subject_id: 'v2', due_at: expect.stringMatching(/^2026-12-01T00:0\d:/) }]);
    expect((await s.api('GET', '/api/terms')).body.current).toBe('v2');
    const ok = { id: 'v3', effectiveFrom: '2027-04-01', url: 'https://example.jp/v3', summary: SUMMARY, by: '山田' };
    expect((await s.api('POST', '/api/terms', { ...ok, url: 'ftp://example.jp/v3' })).body.field).toBe('url');
    const { summary: _left, ...withoutSummary } = ok;
    const missing = await s.api('POST', '/api/terms', withoutSummary);
    expect(missing).toMatchObject({ status: 400, body: { field: 'summary' } });
    expect(missing.body.message).toContain('summary is required');
    for (const [field, bad] of [
      ['summary', ' \n '],
      ['summary', 'あ'.repeat(401)],
      ['summary', '変更\u0007'],
      ['consentSummary', ''],
      ['consentSummary', 'あ'.repeat(1001)],
    ] as const)
      expect(await s.api('POST', '/api/terms', { ...ok, [field]: bad }), `${field}: ${bad.slice(0, 5)}`).toMatchObject({
        status: 400,
        body: { field },
      });
    // The limits themselves are allowed.
    expect(
      (await s.api('POST', '/api/terms', { ...ok, summary: 'あ'.repeat(400), consentSummary: 'い'.repeat(1000) }))
        .status,
    ).toBe(201);
    // v2 is already in force: told now only. v3 applies on 2027-04-01: now and on the day.
    expect((await termsJobs(s)).map((j) => j.subject_id)).toEqual(['v2', 'v3', 'v3']);
    expect((await s.api('POST', '/api/terms', { ...ok, id: 'v4', effectiveFrom: '2027-04-31' })).body.field).toBe(
      'effectiveFrom',
    );
    expect((await s.api('POST', '/api/terms', { ...ok, id: 'v 4' })).body.field).toBe('id');
  });

  it('should refuse a version that would never be in force (dated no later than the newest), and tell nobody', async () => {
    expect(
      (
        await s.api('POST', '/api/terms', {
          id: 'v2',
          effectiveFrom: '2027-01-04',
          url: 'https://example.jp/v2',
          summary: SUMMARY,
          by: '山田',
        })
      ).status,
    ).toBe(201);
    for (const effectiveFrom of ['2020-01-01', '2024-06-06', '2026-12-01', '2027-01-04']) {
      const res = await s.api('POST', '/api/terms', {
        id: `late-${effectiveFrom}`,
        effectiveFrom,
        url: 'https://example.jp/late',
        summary: SUMMARY,
        by: '山田',
      });
      expect(res, effectiveFrom).toMatchObject({
        status: 409,
        body: { code: 'terms_not_newer', field: 'effectiveFrom' },
      });
    }
    expect((await termsJobs(s)).map((j) => j.subject_id)).toEqual(['v2', 'v2']);
    expect(
      (
        await s.api('POST', '/api/terms', {
          id: 'v3',
          effectiveFrom: '2027-01-05',
          url: 'https://example.jp/v3',
          summary: SUMMARY,
          by: '山田',
        })
      ).status,
    ).toBe(201);
  });

  it('should refuse an effective date more than a year ahead, so a mistyped year cannot block every later version', async () => {
    // The clock is at 2026-12-01 (Japan): 2027-12-01 is the latest date allowed.
    const version = (id: string, effectiveFrom: string) => ({
      id,
      effectiveFrom,
      url: `https://example.jp/${id}`,
      summary: SUMMARY,
      by: '山田',
    });
    for (const effectiveFrom of ['9999-12-31', '2207-04-01', '2027-12-02']) {
      const res = await s.api('POST', '/api/terms', version(`far-${effectiveFrom}`, effectiveFrom));
      expect(res, effectiveFrom).toMatchObject({
        status: 400,
        body: { code: 'invalid_field', field: 'effectiveFrom' },
      });
      // Beyond the years anything here is about, the date itself is refused; within them, the bound is named.
      expect(res.body.message).toContain(effectiveFrom === '9999-12-31' ? '2000 to 2999' : '2027-12-01');
    }
    expect(await termsJobs(s)).toEqual([]);
    expect((await s.api('POST', '/api/terms', version('v2', '2027-04-01'))).status).toBe(201);
    expect((await s.api('POST', '/api/terms', version('v3', '2027-12-01'))).status).toBe(201);
  });
});

describe('staff API: immediate sessions', () => {
  it('should switch immediate sessions on and off and tell the staff group when it flips', async () => {
    expect((await s.api('GET', '/api/immediate')).body).toEqual({ enabled: false, updatedAt: null });
    const on = await s.api('PUT', '/api/immediate', { enabled: true, by: '山田' });
    expect(on).toMatchObject({
      status: 200,
      body: { enabled: true, updatedAt: expect.stringMatching(/^2026-12-01T09:0\d:\d\d\+09:00$/) },
    });
    expect((await s.api('GET', '/api/immediate')).body).toMatchObject({ enabled: true });
    expect(s.staffTexts().at(-1)).toContain('今すぐ相談の受付を開始しました（山田）');

    await s.api('PUT', '/api/immediate', { enabled: true, by: '山田' });
    expect(s.staffTexts()).toHaveLength(1);
    await s.api('PUT', '/api/immediate', { enabled: false, by: '佐藤' });
    expect((await s.api('GET', '/api/immediate')).body).toMatchObject({ enabled: false });
    expect(s.staffTexts().at(-1)).toContain('停止しました（佐藤）');
    expect((await s.api('PUT', '/api/immediate', { enabled: 'yes', by: '山田' })).body.field).toBe('enabled');
  });
});
