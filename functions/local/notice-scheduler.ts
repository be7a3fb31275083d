/**
 * The embedded runtime's stand-in for EventBridge Scheduler: runs the monthly notice job on the
 * runtime's clock (so CLOCK_SPEED speeds it up too). It sleeps until the next run (at most a real
 * minute at a time, so a changed clock is noticed), then calls the job, which claims the month once.
 */
import type { Clock, Logger } from '../services/ports.js';
import { nextScheduledRun } from '../services/reports/scheduled-notice.js';

const MAX_SLEEP_MS = 60_000;

export interface NoticeScheduler {
  /** Runs the job now if it is due (also what the timer calls). */
  tick(): Promise<void>;
  stop(): void;
}

export function startNoticeScheduler(opts: {
  clock: Clock;
  logger: Logger;
  job: () => Promise<{ ran: boolean }>;
  /** False: no timer (tests call tick()). */
  timer?: boolean;
}): NoticeScheduler {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const result = await opts.job();
      if (result.ran) opts.logger.info('monthly notice drafted', {});
    } catch (e) {
      opts.logger.error('monthly notice job failed', { error: (e as Error).name });
    }
  };
  // Each cycle fixes the next run before it checks, so a clock that moves past it meanwhile wakes at once.
  const cycle = async () => {
    const target = Date.parse(nextScheduledRun(opts.clock.now()));
    await tick();
    if (stopped || opts.timer === false) return;
    const remaining = Math.max(0, target - opts.clock.now().getTime());
    const waitMs = Math.min(MAX_SLEEP_MS, opts.clock.realSecondsFor(remaining) * 1000);
    timer = setTimeout(() => void cycle(), Math.max(10, waitMs));
    timer.unref();
  };
  void cycle(); // the first check also catches up a run missed while the runtime was down
  return {
    tick,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
