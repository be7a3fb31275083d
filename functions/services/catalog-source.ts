import { type Catalog, seedCatalog } from '../domain/reference/catalog.js';
import type { CaseStore, CatalogSource } from './ports.js';

export const CATALOG_REFERENCE = 'CATALOG';

/**
 * Reads the reference catalog from the table, caching it briefly so intake does not pay a read per
 * request; an admin's change is visible within `ttlMs`. Seeds the demo district when none is stored.
 */
export function createCatalogSource(store: CaseStore, ttlMs = 30_000): CatalogSource {
  let cached: { value: Catalog; at: number } | undefined;
  let loading: Promise<Catalog> | undefined;
  const load = async () => {
    let value = await store.loadReference<Catalog>(CATALOG_REFERENCE);
    if (!value) {
      await store.seedReference(CATALOG_REFERENCE, seedCatalog);
      value = (await store.loadReference<Catalog>(CATALOG_REFERENCE)) ?? seedCatalog;
    }
    cached = { value, at: Date.now() };
    return value;
  };
  return {
    async get() {
      // Cache age is measured in real time (Date.now), not domain time: it is about I/O, not deadlines.
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
  };
}
