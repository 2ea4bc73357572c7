/** A failure to answer with: its status, and a Retry-After (seconds) as LINE sends with 429. */
export interface InjectedFailure {
  status: number;
  retryAfterSeconds?: number;
}

export interface FailureInjector {
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  setDown(status: number | null): void;
  /**
   * The failure the current send request must answer with, or null to let it through.
   * Guarantees: while down, answers the down status without using up `failNext` counts;
   * otherwise each call uses up one `failNext` count until they run out.
   */
  take(): InjectedFailure | null;
}

/** Failures a test or the demo asks for, applied to send requests (reply and push) only. */
export function createFailureInjector(): FailureInjector {
  const pending: InjectedFailure[] = [];
  let downStatus: number | null = null;
  return {
    failNext(count, status = 500, retryAfterSeconds) {
      if (!Number.isInteger(count) || count < 0)
        throw new RangeError(`failNext count must be a non-negative integer, got ${count}`);
      assertErrorStatus(status);
      for (let i = 0; i < count; i += 1)
        pending.push(retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds });
    },
    setDown(status) {
      if (status !== null) assertErrorStatus(status);
      downStatus = status;
    },
    take() {
      if (downStatus !== null) return { status: downStatus };
      return pending.shift() ?? null;
    },
  };
}

function assertErrorStatus(status: number): void {
  // A "failure" with a 2xx status would tell the bot its message arrived while delivering
  // nothing, which no real platform does; refuse it rather than let a test lie.
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`failure status must be an HTTP error status (400-599), got ${status}`);
  }
}
