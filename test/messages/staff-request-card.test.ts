import { describe, expect, it } from 'vitest';
import { shortName, staffRequestCard } from '../../src/messages/booking-cards.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import type { BookingView } from '../../src/bookings/booking-view.js';

const booking: BookingView = {
  id: '5bf44d0a-681c-4d3e-b344-5bee9f585c7e',
  status: 'requested',
  kind: 'regular',
  app: 'zoom',
  name: '青森 花子',
  jobSeekerNumber: '02010-12345678',
  email: 'hanako@example.jp',
  phone: '09012345678',
  interpreter: false,
  choices: [
    { date: '2026-12-03', minutes: 600 },
    { date: '2026-12-03', minutes: 630 },
  ],
  replyDue: '2026-12-02T08:15:00.000Z',
};

describe('the staff-group request card', () => {
  it('carries what staff decide on, and no name in full, number, e-mail or phone', () => {
    const card = JSON.stringify(staffRequestCard(booking, defaultOfficeSettings));
    for (const shown of [
      '5bf44d0a',
      '青森 様',
      '一般の職業相談',
      'Zoom',
      '12月3日(木)\\n10:00〜10:40',
      '12月3日(木)\\n10:30〜11:10',
    ])
      expect(card).toContain(shown);
    for (const hidden of ['花子', '02010-12345678', 'hanako@example.jp', '09012345678', '090-1234-5678'])
      expect(card).not.toContain(hidden);
    expect(card).toContain('スタッフ画面の受付一覧からご確認ください');
    expect(card).not.toContain('"type":"uri"');
  });

  it('says for each preferred time whether staff could confirm it now', () => {
    const card = JSON.stringify(staffRequestCard(booking, defaultOfficeSettings, [], 'title', [true, false]));
    expect(card).toContain('12月3日(木)\\n10:00〜10:40（空きあり）');
    expect(card).toContain('12月3日(木)\\n10:30〜11:10（空きなし）');
    const one = { ...booking, choices: [booking.choices[0]] as const } satisfies BookingView;
    const single = JSON.stringify(staffRequestCard(one, defaultOfficeSettings, [], 'title', [false]));
    expect(single).toContain('"text":"なし",');
    expect(single).not.toContain('なし（');
  });

  it('links to the booking in the console when the console address is known', () => {
    const settings = { ...defaultOfficeSettings, consoleUrl: 'https://booking.example.jp/staff' };
    const card = JSON.stringify(staffRequestCard(booking, settings));
    expect(card).toContain(
      '{"type":"uri","label":"管理画面で開く","uri":"https://booking.example.jp/staff/bookings/5bf44d0a-681c-4d3e-b344-5bee9f585c7e"}',
    );
    expect(card).toContain('管理画面でご確認ください');
    expect(card).not.toContain('受付一覧');
  });
});

describe('shortName', () => {
  it.each([
    ['青森 花子', '青森'],
    ['青森　花子', '青森'],
    ['Aomori Hanako', 'Aomori'],
    ['山田太郎', '山田…'],
    ['林', '林'],
    ['李明', '李明'],
  ])('%s -> %s', (name, short) => {
    expect(shortName(name)).toBe(short);
  });
});
