/** Types for dynalite-patches.mjs (plain JavaScript so the store's worker thread loads it directly). */
export interface PatchedStore {
  db: {
    iterator(options?: unknown): unknown;
    keys(options?: unknown): unknown;
    values(options?: unknown): { close(): Promise<void> };
    put(key: string, value: unknown, cb?: (err?: Error | null) => void): unknown;
    batch(ops: unknown[], cb?: (err?: Error | null) => void): unknown;
  };
}
export function patchDynalite(): { stores: PatchedStore[] };
