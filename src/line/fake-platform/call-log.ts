import type { RecordedCall } from './types.js';

export interface CallLog {
  /** Appends a call and gives it the next id (1, 2, ...). */
  record(call: Omit<RecordedCall, 'id'>): RecordedCall;
  all(): RecordedCall[];
}

export function createCallLog(): CallLog {
  const calls: RecordedCall[] = [];
  return {
    record(call) {
      const recorded = { id: calls.length + 1, ...call };
      calls.push(recorded);
      return recorded;
    },
    all: () => calls.map((call) => ({ ...call, headers: { ...call.headers } })),
  };
}
