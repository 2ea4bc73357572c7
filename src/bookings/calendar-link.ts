import { createHmac, timingSafeEqual } from 'node:crypto';
import { toInstant, type Instant, type LocalDateTime } from '../calendar/index.js';

/**
 * 「カレンダーに追加」: a link to an .ics file for a confirmed session, served by this server. The
 * link carries the session's start and length and when it stops working, signed with a key only
 * the server knows, so it cannot be guessed or altered, needs nothing stored, and works on every
 * process sharing the key. It names no booking and no person: the file holds the time and the
 * office, nothing else (the link may be forwarded, or kept in a calendar app's history).
 */
export interface CalendarLinkSettings {
  /** Where people's phones reach this server (PUBLIC_BASE_URL), without a trailing slash. */
  baseUrl: string;
  /** The signing key (derived from the channel secret: see calendarLinkKey). */
  key: string;
}

export interface CalendarSession {
  start: Instant;
  minutes: number;
  /** After this the link answers 410: the session is over. */
  expires: Instant;
}

/** A key for these links alone, derived so the channel secret itself never signs anything we publish. */
export function calendarLinkKey(channelSecret: string): string {
  return createHmac('sha256', channelSecret).update('calendar-link-v1').digest('base64url');
}

const compact = (instant: Instant) => instant.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const fromCompact = (s: string): Instant | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  return Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso ? undefined : iso;
};

/** 128 bits of HMAC-SHA256: unguessable, and short enough for a tidy link. */
function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);
}

/** The token of a session's link: start, length and expiry in the clear, then the signature. */
export function calendarToken(key: string, at: LocalDateTime, minutes: number): string {
  const start = toInstant(at);
  // It stops working once the session is over.
  const expires = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const payload = `${compact(start)}.${minutes}.${compact(expires)}`;
  return `${payload}.${sign(key, payload)}`;
}

export function calendarLinkUrl(link: CalendarLinkSettings, at: LocalDateTime, minutes: number): string {
  return `${link.baseUrl}/calendar/${calendarToken(link.key, at, minutes)}.ics`;
}

/** Reads a token: undefined when it is malformed or its signature does not match. */
export function readCalendarToken(key: string, token: string): CalendarSession | undefined {
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [startText, minutesText, expiresText, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(key, `${startText}.${minutesText}.${expiresText}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const start = fromCompact(startText);
  const expires = fromCompact(expiresText);
  const minutes = Number(minutesText);
  if (!start || !expires || !/^\d{1,3}$/.test(minutesText)) return undefined;
  return { start, minutes, expires };
}
