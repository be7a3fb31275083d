import type { CaseStore } from './ports.js';

/**
 * Reference data read from the table and cached briefly, so hot paths do not pay a read per request;
 * an admin's change is visible within `ttlMs` (or at once where the caller invalidates). Seeds the
 * value when none is stored yet. Cache age is real time, not domain time: it is about I/O.
 */
export function cachedReference<T>(store: CaseStore, name: string, seed: T, ttlMs = 30_000) {
  let cached: { value: T; at: number } | undefined;
  let loading: Promise<T> | undefined;
  const load = async (): Promise<T> => {
    let value: T | undefined = await store.loadReference<T>(name);
    if (value === undefined) {
      await store.seedReference(name, seed);
      value = (await store.loadReference<T>(name)) ?? seed;
    }
    cached = { value, at: Date.now() };
    return value;
  };
  return {
    async get(): Promise<T> {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
