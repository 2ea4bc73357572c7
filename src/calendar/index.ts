/** The office calendar and slot rules: pure functions over dates, minutes and instants. */
export * from './types.js';
export * from './jst.js';
export * from './holidays.js';
export * from './business-days.js';
export * from './session-windows.js';
export * from './lead-time.js';
export * from './slots.js';
export * from './nearest-slots.js';
export * from './refusal.js';
export * from './check-preferred-time.js';
export * from './normalize-text.js';
export * from './parse-result.js';
export * from './bare-hour.js';
export * from './parse-date-time.js';
export * from './office-hours.js';
export * from './example-slot.js';
