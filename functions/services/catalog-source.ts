import { type Catalog, catalogProblems, seedCatalog } from '../domain/reference/catalog.js';
import { cachedReference } from './cached-reference.js';
import { validationError } from './errors.js';
import type { CaseStore, CatalogSource } from './ports.js';

export const CATALOG_REFERENCE = 'CATALOG';

/** The reference catalog (categories, areas, offices, routing), seeded with the demo district. */
export function createCatalogSource(store: CaseStore, ttlMs = 30_000): CatalogSource {
  return cachedReference<Catalog>(store, CATALOG_REFERENCE, seedCatalog, ttlMs);
}

/**
 * Replaces the reference catalog (admin): checked for dangling references first, stored with the next
 * version number, visible at once in this process and within the cache period elsewhere.
 */
export async function replaceCatalog(
  store: CaseStore,
  source: CatalogSource,
  next: Omit<Catalog, 'version'>,
) {
  const problems = catalogProblems({ ...next, version: 0 });
  if (problems.length > 0) throw validationError(problems);
  const current = await source.get();
  const catalog: Catalog = { ...next, version: current.version + 1 };
  await store.saveReference(CATALOG_REFERENCE, catalog);
  source.invalidate();
  return catalog;
}
