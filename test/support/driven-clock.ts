import { manualClock } from '../../functions/adapters/clock.js';

/**
 * A manual clock plus the wait strategy for the local workflow runner: executions block until the
 * test moves the clock past their due time, so tests decide exactly when deadlines pass.
 */
export function drivenClock(start: Date) {
  const clock = manualClock(start);
  let waiters: { until: number; resolve: () => void }[] = [];
  const release = () => {
    const now = clock.now().getTime();
    const due = waiters.filter((w) => w.until <= now);
    waiters = waiters.filter((w) => w.until > now);
    for (const w of due) w.resolve();
  };
  return {
    clock,
    wait(until: Date, signal: AbortSignal) {
      return new Promise<void>((resolve) => {
        if (until.getTime() <= clock.now().getTime() || signal.aborted) return resolve();
        waiters.push({ until: until.getTime(), resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
    /** Moves domain time to `to` and wakes every execution whose wait is over. */
    advanceTo(to: Date | string) {
      clock.set(new Date(to));
      release();
    },
    pendingWaits: () => waiters.map((w) => new Date(w.until).toISOString()),
  };
}
