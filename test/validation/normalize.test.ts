import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeCharacters, normalizeInput } from '../../src/validation/normalize.js';

describe('normalizeInput', () => {
  it.each([
    ['０２０１０－１２３４５６７８', '02010-12345678'],
    ['０９０ー１２３４ー５６７８', '090-1234-5678'],
    ['090ｰ1234ｰ5678', '090-1234-5678'],
    ['090\u22121234\u20155678', '090-1234-5678'],
    ['090\u20101234\u20115678', '090-1234-5678'],
    [' 090　1234 5678\t', '09012345678'],
    ['090\u200B1234\uFEFF5678', '09012345678'],
    ['', ''],
  ])('should turn %j into %j', (input, expected) => {
    expect(normalizeInput(input)).toBe(expected);
  });

  it('should compose letters that a removed space separated from a combining mark', () => {
    // NFKC turns U+00A8 into a space and a combining diaeresis; stripping the space must not
    // leave a string that a second call would change.
    const once = normalizeInput('e\u00A8');
    expect(once).toBe('ë');
    expect(normalizeInput(once)).toBe(once);
  });

  it('should be idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeInput(s);
        expect(normalizeInput(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('should leave no whitespace and no dash look-alikes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(normalizeInput(s)).not.toMatch(/[\s\u2010-\u2015\u2212\u30FC\uFF70\u200B-\u200D\u2060\uFEFF]/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeCharacters', () => {
  it('should keep spaces where they were', () => {
    expect(normalizeCharacters('山田　太郎')).toBe('山田 太郎');
  });

  it('should be idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeCharacters(s);
        expect(normalizeCharacters(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
