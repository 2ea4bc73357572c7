/**
 * The words of a refused 今すぐ相談 (docs/office-rules.md §14): which of consent and eligibility is
 * missing, and the regular booking offered instead, with its button outside a booking in progress.
 */
import { describe, expect, it } from 'vitest';
import { decodePostback } from '../../machines/booking/postback.js';
import { noticeQuickReply, noticeText } from '../../src/messages/notices.js';
import { officeSettingsFrom } from '../../src/office/settings.js';

const s = officeSettingsFrom({});

describe('今すぐ相談 refused for want of consent or eligibility on record', () => {
  it('says plainly which is missing', () => {
    const text = (reason: string) => noticeText({ key: 'immediateNeedsBooking', params: { reason } }, s);
    expect(text('noConsent')).toContain('現在の利用規約への同意が、まだ記録されていません。');
    expect(text('noEligibility')).toContain('利用条件の確認へのご回答が、まだ記録されていません。');
    expect(text('eligibilityExpired')).toContain('利用条件の確認にお答えいただいてから、6か月を過ぎています。');
    expect(
      noticeText(
        { key: 'immediateNeedsBooking', params: { reason: 'eligibilityExpired' } },
        officeSettingsFrom({ eligibilityValidMonths: 12 }),
      ),
    ).toContain('12か月を過ぎています');
  });

  it('offers a regular booking with a button that starts it; mid-booking, says the booking goes on instead', () => {
    const idle = { key: 'immediateNeedsBooking', params: { reason: 'noConsent' } } as const;
    expect(noticeText(idle, s)).toContain('「予約する」から日時を予約していただくと');
    const items = noticeQuickReply(idle)?.items ?? [];
    expect(items.map((i) => i.action.label)).toEqual(['予約する']);
    const action = items[0]!.action;
    expect(action.type === 'postback' ? decodePostback(action.data) : undefined).toEqual({
      kind: 'command',
      command: 'start',
    });
    const midBooking = { key: 'immediateNeedsBooking', params: { reason: 'noEligibility', inProgress: 1 } } as const;
    expect(noticeText(midBooking, s)).toContain('入力中のお申し込みは、このまま続けられます。');
    expect(noticeQuickReply(midBooking)).toBeUndefined();
    expect(noticeQuickReply({ key: 'immediateClosed', params: { reason: 'disabled' } })).toBeUndefined();
  });
});
