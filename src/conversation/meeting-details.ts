import type { MeetingDetails } from '../bookings/booking-outcome.js';

/** A Zoom join link in what staff typed: https only (LINE opens it from a button), up to 500 characters. */
const JOIN_URL = /https:\/\/[^\s<>"'、。]{1,492}/i;

/**
 * Reads a Zoom meeting id (9 to 11 digits, spaces or hyphens allowed) and a passcode from what a
 * staff member typed, e.g. 「123 4567 8901 abc123」 or 「ID: 12345678901 パスコード: 9x8y」, and a
 * join link (https://...zoom.us/j/...) beside them or instead of them: staff may give either.
 */
export function parseMeetingDetails(raw: string): MeetingDetails | undefined {
  const normalized = raw.normalize('NFKC');
  // The link first: its digits (/j/12345678901) are not the typed meeting id.
  const link = JOIN_URL.exec(normalized);
  const joinUrl = link && URL.canParse(link[0]) ? link[0] : undefined;
  const rest = link
    ? normalized.slice(0, link.index) + ' ' + normalized.slice(link.index + link[0].length)
    : normalized;
  const pair = idAndPasscode(rest);
  if (!pair) return joinUrl ? { joinUrl } : undefined;
  return joinUrl ? { ...pair, joinUrl } : pair;
}

function idAndPasscode(typed: string): { meetingId: string; passcode: string } | undefined {
  // Labels are removed only as whole words, so a passcode such as "pass9" survives.
  const t = typed
    .replace(/ミーティングID|パスコード|参加用?リンク|meeting\s*id|passcode|(?<![A-Za-z0-9])id(?![A-Za-z0-9])/gi, ' ')
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
