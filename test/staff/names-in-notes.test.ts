import { describe, expect, it } from 'vitest';
import { bookingRef } from '../../src/messages/staff-messages.js';
import { personLabel } from '../../src/messages/staff-notes.js';

describe('names in staff notes', () => {
  it('name the person by the short form of the name on file (notes stay on LINE and staff phones)', () => {
    expect(personLabel('青森 花子', 'U1234567890abcdef')).toBe('青森 様');
    expect(bookingRef({ bookingId: '5bf44d0a-681c', name: '青森 花子' })).toBe('受付番号 5bf44d0a（青森 様）');
  });

  it('do without it once it was erased (retention), instead of printing an empty 「 様」', () => {
    expect(personLabel('', 'U1234567890abcdef')).toBe('LINE利用者（…abcdef）');
    expect(bookingRef({ bookingId: '5bf44d0a-681c', name: '' })).toBe('受付番号 5bf44d0a');
  });
});
