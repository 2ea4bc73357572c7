import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateJobSeekerNumber } from '../../src/validation/job-seeker-number.js';

describe('validateJobSeekerNumber', () => {
  it.each([
    ['02010-12345678', '02010-12345678'],
    ['0201012345678', '0201012345678'],
    ['０２０１０－１２３４５６７８', '02010-12345678'],
    ['０２０１０ー１２３４５６７８', '02010-12345678'],
    ['02010ｰ12345678', '02010-12345678'],
    ['02010\u221212345678', '02010-12345678'],
    [' 02010 - 1234 5678 ', '02010-12345678'],
    ['02010　12345678', '0201012345678'],
    ['02010-00001234', '02010-00001234'],
    ['02010-12345678です', '02010-12345678'],
  ])('should accept %j as %j without a warning', (input, value) => {
    expect(validateJobSeekerNumber(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['0301012345678', '0301012345678'],
    ['13010-12345678', '13010-12345678'],
    ['０１０１０－００００００９９', '01010-00000099'],
  ])('should accept %j as %j but warn that it is not an Aomori number', (input, value) => {
    expect(validateJobSeekerNumber(input)).toEqual({ ok: true, value, warning: 'not_aomori' });
  });

  it.each(['02010-1234', '02010-1', '02010-1234567', '0201012'])(
    'should refuse %j, a serial shorter than eight digits, as format (never zero-padded)',
    (input) => {
      expect(validateJobSeekerNumber(input)).toEqual({ ok: false, code: 'format' });
    },
  );

  it.each(['09012345678', '090-1234-5678', '０８０－１２３４－５６７８', '017-776-1561', '0177761561', '05012345678'])(
    'should refuse %j as a phone number',
    (input) => {
      expect(validateJobSeekerNumber(input)).toEqual({ ok: false, code: 'phone' });
    },
  );

  it.each(['', '   ', '　', '\t\n'])('should call %j empty', (input) => {
    expect(validateJobSeekerNumber(input)).toEqual({ ok: false, code: 'empty' });
  });

  it.each([
    '1234-5678',
    '0201-012345678',
    '02010-123456789',
    '02010-',
    '02010',
    '02010--1234',
    '-02010-1234',
    '02010-1234-',
    '02O10-1234',
    '求職番号02010-1234',
    '02010/1234',
    '٠٢٠١٠-١٢٣٤',
  ])('should refuse %j as format', (input) => {
    expect(validateJobSeekerNumber(input)).toEqual({ ok: false, code: 'format' });
  });

  it('should never throw and should return a value that validates to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const result = validateJobSeekerNumber(s);
        if (result.ok) expect(validateJobSeekerNumber(result.value)).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('should accept every number of the documented shape', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    fc.assert(
      fc.property(digits(5, 5), fc.boolean(), digits(8, 8), (office, hyphen, serial) => {
        const input = `${office}${hyphen ? '-' : ''}${serial}`;
        expect(validateJobSeekerNumber(input)).toMatchObject({ ok: true, value: input });
      }),
    );
  });
});
