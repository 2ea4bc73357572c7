import { describe, expect, it } from 'vitest';
import { renderQuestion } from '../../src/messages/questions.js';
import { FIRST_CONSENT_SUMMARY, termsChangeNoticeMessages } from '../../src/messages/terms-messages.js';
import { textOf } from '../support/chat-driver.js';
import { makeFacts, NOW } from '../machines/fixtures.js';
import type { ConversationFacts } from '../../machines/booking/types.js';

const consentCard = (facts: ConversationFacts) =>
  renderQuestion({
    question: 'terms',
    context: { turn: 0, greeted: false, editing: false, purpose: 'new', draft: {} },
    facts,
    now: NOW,
  })
    .map((m) => textOf(m as unknown as Record<string, unknown>))
    .join('\n');

const textsOf = (messages: ReturnType<typeof termsChangeNoticeMessages>) =>
  messages.map((m) => textOf(m as unknown as Record<string, unknown>)).join('\n');

// Terms art. 13: the summary before consent is the version's own, and a change is told beforehand.
describe('the consent card', () => {
  it("shows the consent summary of the version in force, as the facts carry it, and the version's link", () => {
    const card = consentCard(
      makeFacts({ termsVersion: 'v2', termsUrl: 'https://example.jp/v2', termsConsentSummary: '・新しい要点です。' }),
    );
    expect(card).toContain('・新しい要点です。');
    expect(card).toContain('https://example.jp/v2');
    expect(card).not.toContain(FIRST_CONSENT_SUMMARY.split('\n')[0]!);
  });
});

describe('the notice of a terms change', () => {
  const change = {
    effectiveFrom: '2027-04-01',
    url: 'https://example.jp/v2',
    summary: 'メールでのキャンセルを加えます。',
  };

  it('says what changes, from when and where to read it, before the date', () => {
    const said = textsOf(termsChangeNoticeMessages(change, '2026-12-01'));
    expect(said).toContain('2027年4月1日(木)から改定します');
    expect(said).toContain('メールでのキャンセルを加えます。');
    expect(said).toContain('https://example.jp/v2');
    expect(said).toContain('2027年4月1日(木)以降にお申し込みになる際に');
  });

  it('says the terms were revised when the date has come, and leaves out a summary the version lacks', () => {
    const said = textsOf(termsChangeNoticeMessages({ ...change, summary: null }, '2027-04-01'));
    expect(said).toContain('改定しました（2027年4月1日(木)から適用）');
    expect(said).not.toContain('主な変更点');
    expect(said).toContain('次回のお申し込みの際に');
  });
});
