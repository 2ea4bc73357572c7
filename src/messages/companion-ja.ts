import type { BookingView } from '../bookings/booking-view.js';

/**
 * 「同席します（通訳・ベトナム語）」: whether someone attends and who (docs/office-rules.md §9), for the
 * person's cards, the staff card and the console. Requests from before who was asked say only 同席します.
 */
export function companionJa(b: Pick<BookingView, 'interpreter' | 'companion' | 'companionLanguage'>): string {
  if (!b.interpreter) return '同席しません';
  return b.companion ? `同席します（${whoJa(b)}）` : '同席します';
}

/** Who attends, as a booking or a 今すぐ相談 request holds it. */
interface Who {
  companion?: 'interpreter' | 'helper' | null;
  companionLanguage?: string | null;
}

/** 「通訳・ベトナム語」「介助者」, or 「通訳・介助者」 when who was not asked. */
export function whoJa(b: Who): string {
  if (b.companion === 'helper') return '介助者';
  if (b.companion === 'interpreter') return b.companionLanguage ? `通訳・${b.companionLanguage}` : '通訳';
  return '通訳・介助者';
}
