import { describe, expect, it } from 'vitest';
import type { BookingView } from '../../src/bookings/booking-view.js';
import { loadConfig } from '../../src/config.js';
import { activeBookingMessages } from '../../src/messages/booking-cards.js';
import { confirmationCard, reminderMessages } from '../../src/messages/lifecycle-messages.js';
import { noticeText } from '../../src/messages/notices.js';
import { defaultOfficeSettings, type OfficeSettings } from '../../src/office/settings.js';
import { textOf } from '../support/chat-driver.js';

const at = { date: '2026-12-08', minutes: 630 };
const booking: BookingView = {
  id: '5bf44d0a-681c-4a7e-9d7e-3f0c2b1a9e11',
  status: 'confirmed',
  kind: 'regular',
  app: 'teleoffice',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '090-1234-5678',
  interpreter: false,
  choices: [at, { date: '2026-12-09', minutes: 600 }],
  confirmed: at,
};
const read = (messages: readonly object[]) => messages.map((m) => textOf(m as Record<string, unknown>)).join('\n');
const withEmail: OfficeSettings = { ...defaultOfficeSettings, officeEmail: 'online-soudan@aomori.example' };

describe('cancelling by e-mail, where the office gives an address (terms 6(4))', () => {
  it.each([
    ['the confirmation card', (s: OfficeSettings) => read(confirmationCard(booking, at, null, s))],
    ['予約確認', (s: OfficeSettings) => read(activeBookingMessages([booking], s, true))],
    ['the day-before reminder', (s: OfficeSettings) => read(reminderMessages('day_before', at, booking, s))],
  ])('%s names the address beside the chat and the phone, and only when there is one', (_where, render) => {
    expect(render(withEmail)).toContain('online-soudan@aomori.example');
    expect(render(withEmail)).toContain('予約キャンセル');
    // Without an address, cancelling names only the chat and the phone (no 「メール（…）」 to write to).
    expect(render(defaultOfficeSettings)).not.toMatch(/メール（|メール \S+@/);
  });

  it('keeps the same day by phone only, e-mail or not, with the number right beside it', () => {
    expect(read(confirmationCard(booking, at, null, withEmail))).toContain(
      '当日はお電話のみです（電話 017-776-1561、平日 8:30〜17:15）',
    );
    const otherNumber = { ...defaultOfficeSettings, officePhone: '0172-00-0000' };
    expect(read(confirmationCard(booking, at, null, otherNumber))).toContain('当日はお電話のみです（電話 0172-00-0000');
  });
});

describe("Zoom's own terms (terms art. 4)", () => {
  it('are linked where the bot says choosing Zoom means agreeing to them', () => {
    expect(noticeText({ key: 'zoomTerms' }, defaultOfficeSettings)).toContain(
      `Zoom の利用規約: ${defaultOfficeSettings.zoomTermsUrl}`,
    );
    expect(
      noticeText({ key: 'zoomTerms' }, { ...defaultOfficeSettings, zoomTermsUrl: 'https://zoom.example/terms' }),
    ).toContain('https://zoom.example/terms');
  });
});

describe('the settings behind them', () => {
  it('are read from OFFICE_EMAIL and ZOOM_TERMS_URL, and a wrong one is refused naming its variable', () => {
    const config = loadConfig({
      OFFICE_EMAIL: 'online-soudan@aomori.example',
      ZOOM_TERMS_URL: 'https://zoom.example/terms',
    });
    expect(config.office).toMatchObject({
      officeEmail: 'online-soudan@aomori.example',
      zoomTermsUrl: 'https://zoom.example/terms',
    });
    expect(loadConfig({}).office.officeEmail).toBeNull();
    expect(() => loadConfig({ OFFICE_EMAIL: 'not an address' })).toThrow(/OFFICE_EMAIL/);
    expect(() => loadConfig({ ZOOM_TERMS_URL: 'ftp://zoom.example/terms' })).toThrow(/ZOOM_TERMS_URL/);
  });
});
