/**
 * Rate limits per key (client IP, account + address). Real time, not domain time: they protect the
 * service, not deadlines. Two implementations behind one interface: a sliding window in memory (the
 * embedded runtime — one process, so it holds across the whole service) and fixed-window counters in
 * the table (`functions/adapters/dynamo/table-rate-limiter.ts`, on AWS — shared by every Lambda instance).
 */
export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts a hit; `retryAfterSeconds` is set when the key is over its limit. */
  hit(key: string): Promise<RateVerdict>;
  /** Whether the key is over its limit, without counting. */
  blocked(key: string): Promise<RateVerdict>;
  reset(key: string): Promise<void>;
}

export function createRateLimiter(opts: {
  limit: number;
  windowMs: number;
  now?: () => number;
  maxKeys?: number;
}): RateLimiter {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 100_000;
  const recent = (key: string) => {
    const t = now();
    const list = (hits.get(key) ?? []).filter((h) => h > t - opts.windowMs);
    return { t, list };
  };
  const verdict = (t: number, list: number[]) => {
    if (list.length < opts.limit) return { allowed: true, retryAfterSeconds: 0 };
    const oldest = list[list.length - opts.limit] ?? t;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + opts.windowMs - t) / 1000)) };
  };
  return {
    async hit(key) {
      if (opts.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { t, list } = recent(key);
      const v = verdict(t, list);
      if (v.allowed) list.push(t);
      hits.delete(key); // re-insert: Map order then tracks recency for eviction
      hits.set(key, list);
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value as string);
      return v;
    },
    async blocked(key) {
      if (opts.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { t, list } = recent(key);
      return verdict(t, list);
    },
    async reset(key) {
      hits.delete(key);
    },
  };
}

const MINUTE = 60_000;

export interface LimitSpec {
  /** Distinguishes counters of different limits in a shared store. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Builds a limiter for one spec: in memory by default, the table on AWS. */
export type LimiterFactory = (spec: LimitSpec) => RateLimiter;
export const memoryLimiters: LimiterFactory = (spec) => createRateLimiter(spec);

/** Failed logins: 5 per account and address together, 20 per address, in 15 minutes. */
export function loginFailureLimiters(make: LimiterFactory = memoryLimiters) {
  return {
    account: make({ name: 'login-account', limit: 5, windowMs: 15 * MINUTE }),
    ip: make({ name: 'login-ip', limit: 20, windowMs: 15 * MINUTE }),
  };
}

/** Public endpoints, per client IP and minute (0 = off): intake 10, tracking and feedback 30 by default. */
export function publicRateLimits(
  intakePerMinute = 10,
  trackPerMinute = 30,
  make: LimiterFactory = memoryLimiters,
) {
  return {
    intake: make({ name: 'intake', limit: intakePerMinute, windowMs: MINUTE }),
    tracking: make({ name: 'tracking', limit: trackPerMinute, windowMs: MINUTE }),
  };
}
