import { type Catalog, seedCatalog } from '../domain/reference/catalog.js';
import { cachedReference } from './cached-reference.js';
import type { CaseStore, CatalogSource } from './ports.js';

export const CATALOG_REFERENCE = 'CATALOG';

/** The reference catalog (categories, areas, offices, routing), seeded with the demo district. */
export function createCatalogSource(store: CaseStore, ttlMs = 30_000): CatalogSource {
  return cachedReference<Catalog>(store, CATALOG_REFERENCE, seedCatalog, ttlMs);
}
