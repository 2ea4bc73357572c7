/** The product's only source of "now". Tests and demos move it; production reads the system. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and then runs on at real speed (APP_NOW). `advance` moves it
 * forward, so demos and tests can reach deadlines and reminders without waiting.
 */
export interface MovableClock extends Clock {
  advance(ms: number): void;
  set(instant: Date): void;
}

export function movableClock(start: Date, real: Clock = systemClock): MovableClock {
  let offset = start.getTime() - real.now().getTime();
  return {
    now: () => new Date(real.now().getTime() + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (instant) => {
      offset = instant.getTime() - real.now().getTime();
    },
  };
}
