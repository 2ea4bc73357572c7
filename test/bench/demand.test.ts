import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMAND, modeledDemand } from '../../bench/demand.js';
import { defaultOfficeSettings, type OfficeSettings } from '../../src/office/settings.js';

describe('modeled demand behind the capacity target', () => {
  it("counts the office defaults: 6 regular starts on 5 days plus 3 Mothers' Corner starts on 2 days", () => {
    const d = modeledDemand(defaultOfficeSettings);
    expect(d.sessionsPerOfficePerWeek).toBe(36);
    // 1,000 offices x 36 sessions x 3 conversations x 19 events, over 5 days of 8:30-17:15.
    expect(d.averageEventsPerSecond).toBeCloseTo((1000 * 36 * 3 * 19) / (5 * 525 * 60), 6);
    expect(d.peakEventsPerSecond).toBeCloseTo(d.averageEventsPerSecond * 10, 6);
  });

  it('grows with capacity and with the number of offices, and shrinks with longer office hours', () => {
    const base = modeledDemand(defaultOfficeSettings);
    const triple: OfficeSettings = { ...defaultOfficeSettings, capacity: 3 };
    expect(modeledDemand(triple).peakEventsPerSecond).toBeCloseTo(base.peakEventsPerSecond * 3, 6);
    expect(modeledDemand(defaultOfficeSettings, { ...DEFAULT_DEMAND, offices: 2000 }).peakEventsPerSecond).toBeCloseTo(
      base.peakEventsPerSecond * 2,
      6,
    );
    const longer: OfficeSettings = {
      ...defaultOfficeSettings,
      closingMinutes: defaultOfficeSettings.closingMinutes + 525,
    };
    expect(modeledDemand(longer).averageEventsPerSecond).toBeCloseTo(base.averageEventsPerSecond / 2, 6);
  });

  it("leaves out Mothers' Corner weekdays on which the office is closed", () => {
    const weekend: OfficeSettings = { ...defaultOfficeSettings, mothersWeekdays: [0, 6] };
    expect(modeledDemand(weekend).sessionsPerOfficePerWeek).toBe(30);
  });
});
