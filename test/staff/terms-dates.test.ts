import { describe, expect, it } from 'vitest';
import { isTermsDateTooFar, latestTermsEffectiveFrom } from '../../src/staff/terms-dates.js';

describe('latest effective date of a new terms version', () => {
  it('should be the same Japan date a year later', () => {
    expect(latestTermsEffectiveFrom('2026-12-01T00:00:00.000Z')).toBe('2027-12-01');
    // 23:30 UTC on 30 November is already 1 December in Japan.
    expect(latestTermsEffectiveFrom('2026-11-30T23:30:00.000Z')).toBe('2027-12-01');
  });

  it('should fall back to 28 February from a leap day', () => {
    expect(latestTermsEffectiveFrom('2028-02-29T03:00:00.000Z')).toBe('2029-02-28');
  });

  it('should refuse only dates past that bound', () => {
    const now = '2026-12-01T00:00:00.000Z';
    expect(isTermsDateTooFar('2027-12-01', now)).toBe(false);
    expect(isTermsDateTooFar('2020-01-01', now)).toBe(false);
    expect(isTermsDateTooFar('2027-12-02', now)).toBe(true);
    expect(isTermsDateTooFar('9999-12-31', now)).toBe(true);
  });
});
