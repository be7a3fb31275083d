/**
 * Intake admission control for the embedded runtime: refuse new complaints (503 + Retry-After) while
 * the workflow backlog is past `maxBacklog` or the JavaScript heap is past `maxHeapFraction` of its
 * limit, so a flood is turned away before the process runs out of memory.
 */
import { getHeapStatistics } from 'node:v8';
import type { Admission } from '../services/ports.js';

export function createAdmission(opts: {
  backlog: () => number;
  maxBacklog?: number | undefined;
  maxHeapFraction?: number | undefined;
  heap?: () => { used: number; limit: number };
}): Admission {
  const maxBacklog = opts.maxBacklog ?? 10_000;
  const maxHeapFraction = opts.maxHeapFraction ?? 0.85;
  const heap =
    opts.heap ??
    (() => {
      const h = getHeapStatistics();
      return { used: h.used_heap_size, limit: h.heap_size_limit };
    });
  return {
    check() {
      if (opts.backlog() >= maxBacklog) return { admitted: false, reason: 'backlog', retryAfterSeconds: 30 };
      const h = heap();
      if (h.used >= maxHeapFraction * h.limit)
        return { admitted: false, reason: 'memory', retryAfterSeconds: 60 };
      return { admitted: true };
    },
  };
}
