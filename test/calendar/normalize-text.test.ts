import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKeepingSpaces, normalizeText } from '../../src/calendar/normalize-text.js';

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  // Lone surrogates and combining marks next to spaces, where naive normalisation is not idempotent.
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }).map((codes) => String.fromCharCode(...codes)),
  fc
    .array(fc.constantFrom('e', ' ', '\u0301', '\u3000', '=', '\u0338', '\u00b4', 'ｰ', '１', 'ｶ', '\uff9e', 'ー'), {
      maxLength: 20,
    })
    .map((parts) => parts.join('')),
);

describe('normalizeText', () => {
  it.each([
    ['０２０１０－１２３４５６７８', '02010-12345678'],
    ['02010ー12345678', '02010-12345678'],
    ['02010‐1234', '02010-1234'],
    ['02010−1234', '02010-1234'],
    ['02010―1234', '02010-1234'],
    ['02010ｰ1234', '02010-1234'],
    ['　山田　太郎 ', '山田太郎'],
    ['ＡＢＣ\t\n1', 'ABC1'],
    ['ｶﾞ', 'ガ'],
  ])('normalizeText(%j) is %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => normalizeText(normalizeText(s)) === normalizeText(s)),
      { numRuns: 2000 },
    );
  });

  it('leaves no whitespace and no dash look-alikes', () => {
    fc.assert(
      fc.property(anyText, (s) => !/[\s\u2010-\u2015\u2212\u30fc\uff70]/u.test(normalizeText(s))),
      { numRuns: 1000 },
    );
  });

  it('normalizeKeepingSpaces keeps one space between words', () => {
    expect(normalizeKeepingSpaces(' １２/８　　１０：３０ ')).toBe('12/8 10:30');
  });
});
