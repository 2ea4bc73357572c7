import { normalizeText } from '../../../calendar/index.js';

/** What one search box is matched against (any of them finds the person). */
export interface PeopleSearch {
  /** Part of a name, spaces removed (names are matched with their spaces removed too). */
  namePart: string;
  /** Digits of a job-seeker number (hyphens dropped), when the query is a number of 3 digits or more. */
  numberDigits: string | null;
  /** The start of a booking id (a receipt number is its first 8 characters), when the query could be one. */
  bookingIdPrefix: string | null;
}

/** Longest query read: a booking id is 36 characters, a name at most 40. */
export const MAX_QUERY = 60;

/**
 * How a staff member's query is searched: as part of a name always; as a job-seeker number when
 * it is digits and hyphens (full-width typed as half-width, §15); as a receipt number or booking
 * id when it is 4 or more hexadecimal characters. Null for an empty query: nobody is listed then.
 */
export function peopleSearchOf(q: string): PeopleSearch | null {
  const trimmed = q.trim().slice(0, MAX_QUERY);
  const namePart = trimmed.normalize('NFKC').replace(/\s+/gu, '');
  if (namePart === '') return null;
  const flat = normalizeText(trimmed);
  const digits = /^[\d-]+$/.test(flat) ? flat.replace(/-/g, '') : '';
  return {
    namePart,
    numberDigits: digits.length >= 3 ? digits : null,
    bookingIdPrefix: /^[0-9a-f-]{4,36}$/i.test(flat) ? flat.toLowerCase() : null,
  };
}
