import type { MeetingDetails } from '../bookings/booking-outcome.js';

/**
 * Reads a Zoom meeting id (9 to 11 digits, spaces or hyphens allowed) and a passcode from what a
 * staff member typed, e.g. 「123 4567 8901 abc123」 or 「ID: 12345678901 パスコード: 9x8y」.
 */
export function parseMeetingDetails(raw: string): MeetingDetails | undefined {
  // Labels are removed only as whole words, so a passcode such as "pass9" survives.
  const t = raw
    .normalize('NFKC')
    .replace(/ミーティングID|パスコード|meeting\s*id|passcode|(?<![A-Za-z0-9])id(?![A-Za-z0-9])/gi, ' ')
    .replace(/[:、,]/g, ' ');
  const id = /(?:^|\s)(\d[\d -]{7,15}\d)(?=\s|$)/.exec(t);
  if (!id) return undefined;
  const digits = id[1]!.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 11) return undefined;
  const rest = (t.slice(0, id.index) + ' ' + t.slice(id.index + id[0].length)).trim().split(/\s+/).filter(Boolean);
  const passcode = rest.find((w) => /^[A-Za-z0-9@*_.-]{1,10}$/.test(w));
  if (!passcode) return undefined;
  return { meetingId: `${digits.slice(0, 3)} ${digits.slice(3, digits.length - 4)} ${digits.slice(-4)}`, passcode };
}
