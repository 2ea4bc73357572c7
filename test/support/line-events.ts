// The webhook builders live beside the fake LINE platform so the benchmark can use them too
// without importing test code; tests keep importing them from here.
export * from '../../src/line/webhook-events.js';
