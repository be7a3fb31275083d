/**
 * A sliding-window counter per key (client IP, account), in memory. Real time, not domain time: it
 * protects the process, not deadlines. On Lambda each instance counts on its own; API Gateway
 * throttling is the outer limit there.
 */
export interface RateLimiter {
  /** Counts a hit; `retryAfterSeconds` is set when the key is over its limit. */
  hit(key: string): { allowed: boolean; retryAfterSeconds: number };
  /** Whether the key is over its limit, without counting. */
  blocked(key: string): { allowed: boolean; retryAfterSeconds: number };
  reset(key: string): void;
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
    hit(key) {
      if (opts.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { t, list } = recent(key);
      const v = verdict(t, list);
      if (v.allowed) list.push(t);
      hits.delete(key); // re-insert: Map order then tracks recency for eviction
      hits.set(key, list);
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value as string);
      return v;
    },
    blocked(key) {
      if (opts.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const { t, list } = recent(key);
      return verdict(t, list);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}

const MINUTE = 60_000;

/** Failed logins: 5 per account and 20 per client IP in 15 minutes. */
export function loginFailureLimiters() {
  return {
    account: createRateLimiter({ limit: 5, windowMs: 15 * MINUTE }),
    ip: createRateLimiter({ limit: 20, windowMs: 15 * MINUTE }),
  };
}

/** Public endpoints, per client IP and minute (0 = off): intake 10, tracking and feedback 30 by default. */
export function publicRateLimits(intakePerMinute = 10, trackPerMinute = 30) {
  return {
    intake: createRateLimiter({ limit: intakePerMinute, windowMs: MINUTE }),
    tracking: createRateLimiter({ limit: trackPerMinute, windowMs: MINUTE }),
  };
}
