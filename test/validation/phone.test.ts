import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phoneForDisplay, validatePhone } from '../../src/validation/phone.js';

describe('validatePhone', () => {
  it.each([
    ['09012345678', '09012345678', '090-1234-5678', 'mobile'],
    ['090-1234-5678', '09012345678', '090-1234-5678', 'mobile'],
    ['090-1234-5678です', '09012345678', '090-1234-5678', 'mobile'],
    ['080-1234-5678', '08012345678', '080-1234-5678', 'mobile'],
    ['070-1234-5678', '07012345678', '070-1234-5678', 'mobile'],
    ['０９０－１２３４－５６７８', '09012345678', '090-1234-5678', 'mobile'],
    ['０９０ー１２３４ー５６７８', '09012345678', '090-1234-5678', 'mobile'],
    ['090ｰ1234ｰ5678', '09012345678', '090-1234-5678', 'mobile'],
    ['090\u22121234\u22125678', '09012345678', '090-1234-5678', 'mobile'],
    ['090 1234 5678', '09012345678', '090-1234-5678', 'mobile'],
    ['090　1234　5678', '09012345678', '090-1234-5678', 'mobile'],
    ['(090)1234-5678', '09012345678', '090-1234-5678', 'mobile'],
    ['（０９０）１２３４－５６７８', '09012345678', '090-1234-5678', 'mobile'],
    ['+81 90-1234-5678', '09012345678', '090-1234-5678', 'mobile'],
    ['+819012345678', '09012345678', '090-1234-5678', 'mobile'],
    ['＋８１ ９０ １２３４ ５６７８', '09012345678', '090-1234-5678', 'mobile'],
    ['+81(0)90-1234-5678', '09012345678', '090-1234-5678', 'mobile'],
    ['050-1234-5678', '05012345678', '050-1234-5678', 'ip'],
    ['05012345678', '05012345678', '050-1234-5678', 'ip'],
    ['017-776-1561', '0177761561', '017-776-1561', 'landline'],
    ['0177761561', '0177761561', '017-776-1561', 'landline'],
    ['(017)776-1561', '0177761561', '017-776-1561', 'landline'],
    ['+81-17-776-1561', '0177761561', '017-776-1561', 'landline'],
    ['03-1234-5678', '0312345678', '03-1234-5678', 'landline'],
    ['0172-12-3456', '0172123456', '0172-12-3456', 'landline'],
  ])('should accept %j as %s (%s, %s)', (input, value, display, type) => {
    expect(validatePhone(input)).toEqual({ ok: true, value, display, type });
  });

  it.each(['', ' ', '　', '\n'])('should call %j empty', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, code: 'empty' });
  });

  it.each(['0120-123-456', '0120123456', '０１２０－１２３－４５６', '0800-123-4567', '+81 120 123 456'])(
    'should refuse the toll-free number %j',
    (input) => {
      expect(validatePhone(input)).toEqual({ ok: false, code: 'toll_free' });
    },
  );

  it.each(['020-1234-5678', '02012345678', '+81 20 1234 5678'])('should refuse the pager number %j', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, code: 'pager' });
  });

  it.each(['+1 212 555 1234', '+44 20 7946 0958', '+82 10-1234-5678'])(
    'should refuse the foreign number %j',
    (input) => {
      expect(validatePhone(input)).toEqual({ ok: false, code: 'not_japanese' });
    },
  );

  it.each([
    '1234',
    '090-1234-567',
    '090-1234-56789',
    '9012345678',
    '0570-000-000',
    '0990-123-456',
    '060-123-4567',
    '090-1234-5678 携帯',
    'tel:090-1234-5678',
    '090-ABCD-5678',
    '090+1234+5678',
    '090-1234-5678 ext 12',
    '0'.repeat(40),
    '----',
  ])('should refuse %j as format', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, code: 'format' });
  });

  it('should never throw, and its value should validate to the same result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const result = validatePhone(s);
        if (result.ok) expect(validatePhone(result.value)).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('should never throw on digit-heavy input, and accepted values have the documented shape', () => {
    const phoneish = fc.stringMatching(/^\+?[0-9０-９()（）\- ー]{0,20}$/);
    fc.assert(
      fc.property(phoneish, (s) => {
        const result = validatePhone(s);
        if (result.ok) {
          expect(result.value).toMatch(result.type === 'landline' ? /^0\d{9}$/ : /^0[5789]0\d{8}$/);
          expect(result.display.replace(/-/g, '')).toBe(result.value);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('phoneForDisplay', () => {
  it('writes a stored number hyphenated the Japanese way, and one it cannot read as stored', () => {
    expect(phoneForDisplay('09012345678')).toBe('090-1234-5678');
    expect(phoneForDisplay('0177761561')).toBe('017-776-1561');
    expect(phoneForDisplay('05012345678')).toBe('050-1234-5678');
    expect(phoneForDisplay('')).toBe('');
    expect(phoneForDisplay('12345')).toBe('12345');
  });
});
