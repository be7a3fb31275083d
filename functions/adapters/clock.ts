import type { Clock } from '../services/ports.js';

/** Real time: what runs on AWS. */
export const systemClock: Clock = {
  now: () => new Date(),
  realSecondsFor: (domainMillis) => Math.max(0, Math.ceil(domainMillis / 1000)),
};

/**
 * A clock whose domain time runs `speed` times faster than real time from the moment it is made
 * (CLOCK_SPEED=86400: one domain day per real second), so a demo or a test can watch deadlines pass.
 */
export function scaledClock(speed: number, realNow: () => number = Date.now, start = realNow()): Clock {
  if (!(speed > 0)) throw new RangeError('clock speed must be positive');
  return {
    now: () => new Date(start + (realNow() - start) * speed),
    realSecondsFor: (domainMillis) => Math.max(0, domainMillis / 1000 / speed),
  };
}

/** A clock that only moves when told to: for tests. */
export function manualClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    realSecondsFor: (domainMillis: number) => Math.max(0, domainMillis / 1000),
    set(d: Date) {
      t = d.getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  } satisfies Clock & Record<string, unknown>;
}
