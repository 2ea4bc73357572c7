import { describe, expect, it } from 'vitest';
import { noticeMessage, noticeMessages } from '../../src/messages/notice-messages.js';
import { noticeText } from '../../src/messages/notices.js';
import { defaultOfficeSettings as settings } from '../../src/office/settings.js';

const textOf = (m: { type: string; text?: string }) => (m.type === 'text' ? m.text : undefined);

describe("a turn's notices as LINE messages", () => {
  it('says nothing for no notices, and all of a turn’s notices in one message, in order', () => {
    expect(noticeMessages([], { settings })).toEqual([]);
    const [one, ...rest] = noticeMessages([{ key: 'expired' }, { key: 'idleMenu' }], { settings });
    expect(rest).toEqual([]);
    expect(textOf(one!)).toBe(
      `${noticeText({ key: 'expired' }, settings)}\n\n${noticeText({ key: 'idleMenu' }, settings)}`,
    );
  });

  it('gives the office’s FAQ answer in place of the bare menu, keeping the menu as buttons', () => {
    const faq = { id: 'parking', keywords: ['駐車場'], answer: '駐車場はありません。' };
    const [withFaq] = noticeMessages([{ key: 'idleMenu' }], { settings, faq });
    const [bare] = noticeMessages([{ key: 'idleMenu' }], { settings });
    expect(textOf(withFaq!)).toBe('駐車場はありません。');
    expect(textOf(bare!)).not.toContain('駐車場');
    expect((withFaq as { quickReply?: unknown }).quickReply).toEqual((bare as { quickReply?: unknown }).quickReply);
    expect((bare as { quickReply?: unknown }).quickReply).toBeDefined();
  });

  it('says one notice on its own without buttons it does not offer', () => {
    const [m] = noticeMessage({ key: 'noActiveBooking' }, settings);
    expect(m!.type).toBe('text');
    expect((m as { quickReply?: unknown }).quickReply).toBeUndefined();
  });
});
