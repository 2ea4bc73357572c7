import { h } from './dom.js';

/** Everything on the page is shown in Japan time, whatever the computer's own zone. */
const TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const DAY = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
});
const FULL = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "14:05" */
export const formatTime = (ms) => TIME.format(ms);
/** "2026/12/1(火)" */
export const formatDay = (ms) => DAY.format(ms);
/** "2026/12/01(火) 09:00:00" */
export const formatFull = (ms) => FULL.format(ms);

/** The value a datetime-local input needs for this instant in Japan time: "2026-12-01T09:00". */
export function toJstInputValue(ms) {
  const p = Object.fromEntries(PARTS.formatToParts(ms).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day}T${hour}:${p.minute}`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'「」（）()]+/g;

/**
 * Text with its URLs as links, as LINE shows them; line breaks are kept by CSS (pre-wrap).
 * @param {string} text
 * @returns {(string|HTMLElement)[]}
 */
export function linkify(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
