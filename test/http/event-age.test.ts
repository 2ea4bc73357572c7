import { describe, expect, it } from 'vitest';
import { isTooOld, MAX_EVENT_AGE_MS } from '../../src/http/event-age.js';

describe('isTooOld', () => {
  const now = Date.parse('2026-12-10T00:00:00Z');

  it('should keep events up to the bound, and events stamped ahead of a slow server clock', () => {
    expect(isTooOld(now, now)).toBe(false);
    expect(isTooOld(now - MAX_EVENT_AGE_MS, now)).toBe(false);
    expect(isTooOld(now + 60_000, now)).toBe(false);
  });

  it('should drop events older than the bound, well inside the week the inbox remembers them', () => {
    expect(MAX_EVENT_AGE_MS).toBeLessThan(7 * 24 * 60 * 60 * 1000);
    expect(isTooOld(now - MAX_EVENT_AGE_MS - 1, now)).toBe(true);
    expect(isTooOld(now - 8 * 24 * 60 * 60 * 1000, now)).toBe(true);
  });

  it('should drop events stamped further ahead than the bound, which could otherwise be replayed for years', () => {
    expect(isTooOld(now + MAX_EVENT_AGE_MS, now)).toBe(false);
    expect(isTooOld(now + MAX_EVENT_AGE_MS + 1, now)).toBe(true);
    expect(isTooOld(now + 10 * 365 * 24 * 60 * 60 * 1000, now)).toBe(true);
  });

  it('should drop events without a readable timestamp, which LINE always sends', () => {
    for (const bad of [undefined, null, '1733011200000', Number.NaN, Number.POSITIVE_INFINITY])
      expect(isTooOld(bad, now), String(bad)).toBe(true);
  });
});
