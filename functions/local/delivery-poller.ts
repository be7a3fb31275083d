/**
 * The embedded runtime's notification deliverer: a timer plus a wake-up after each change that
 * notifies, both running the delivery service's pass one at a time. (On AWS the table's stream feeds
 * the delivery function and a schedule sweeps for retries.)
 */
import { type DeliveryDeps, type DeliveryReport, deliverDue } from '../services/notification-delivery.js';

export interface DeliveryPoller {
  /** Runs a pass soon (after a change that stored notifications). */
  kick(): void;
  /** Runs passes until nothing due is left; resolves with what they did (tests, shutdown). */
  drain(): Promise<DeliveryReport>;
  stop(): Promise<void>;
}

export function createDeliveryPoller(
  deps: DeliveryDeps,
  opts: { intervalMs: number; wake?: boolean },
): DeliveryPoller {
  let running: Promise<DeliveryReport> | undefined;
  let stopped = false;
  let kicked: ReturnType<typeof setTimeout> | undefined;

  const pass = (): Promise<DeliveryReport> => {
    // One pass at a time: a pass in flight is joined, then another runs.
    const previous = running ?? Promise.resolve(undefined);
    const next = previous
      .catch(() => undefined)
      .then(() => deliverDue(deps, { stopped: () => stopped }))
      .catch((e: unknown) => {
        deps.logger.error('notification pass failed', { error: (e as Error)?.name ?? 'Error' });
        return { delivered: 0, retrying: 0, deadLettered: 0 };
      });
    running = next;
    void next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  };

  const timer = opts.intervalMs > 0 ? setInterval(() => void pass(), opts.intervalMs) : undefined;
  timer?.unref();

  return {
    kick() {
      if (stopped || kicked || opts.wake === false) return;
      kicked = setTimeout(() => {
        kicked = undefined;
        void pass();
      }, 20);
      kicked.unref();
    },
    async drain() {
      const total: DeliveryReport = { delivered: 0, retrying: 0, deadLettered: 0 };
      for (let i = 0; i < 50; i++) {
        const r = await pass();
        total.delivered += r.delivered;
        total.retrying += r.retrying;
        total.deadLettered += r.deadLettered;
        if (r.delivered + r.retrying + r.deadLettered === 0) break;
      }
      return total;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (kicked) clearTimeout(kicked);
      await running?.catch(() => undefined);
    },
  };
}
