import type { CalendarSession } from '../bookings/calendar-link.js';
import type { OfficeSettings } from '../office/settings.js';

/** iCalendar TEXT: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded, never inside a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // The first line holds 75 octets; each continuation starts with a space, so holds 74 more.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const stamp = (instant: string) => instant.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * The .ics file behind 「カレンダーに追加」: the session's time and the office, with a reminder 30
 * minutes before. No name, no meeting details, nothing else about the person.
 */
export function calendarFile(session: CalendarSession, s: OfficeSettings, uid: string): string {
  const end = new Date(Date.parse(session.start) + session.minutes * 60_000).toISOString();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hello Work Aomori//Online consultation//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(session.start)}`,
    `DTSTART:${stamp(session.start)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${escapeText(`オンライン職業相談（${s.officeName}）`)}`,
    `DESCRIPTION:${escapeText(
      `参加の方法（Zoom のミーティングID・パスコード、TeleOffice の招待メール）は、LINE の確定のご案内をご覧ください。\nお問い合わせ: ${s.officeName} 電話 ${s.officePhone}`,
    )}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText('まもなくオンライン職業相談の時間です')}`,
    'TRIGGER:-PT30M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
