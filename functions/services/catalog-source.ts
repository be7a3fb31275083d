import { type Catalog, catalogProblems, seedCatalog } from '../domain/reference/catalog.js';
import { cachedReference } from './cached-reference.js';
import { AppError, validationError } from './errors.js';
import type { CaseStore, CatalogSource } from './ports.js';

export const CATALOG_REFERENCE = 'CATALOG';

/** The reference catalog (categories, areas, offices, routing), seeded with the demo district. */
export function createCatalogSource(store: CaseStore, ttlMs = 30_000): CatalogSource {
  return cachedReference<Catalog>(store, CATALOG_REFERENCE, seedCatalog, ttlMs);
}

/**
 * Replaces the reference catalog (admin): checked for dangling references first, stored with the next
 * version number only if the stored catalog is still `base` (one conditional write: two admins saving
 * at once cannot both win, the second gets 409), visible at once in this process and within the cache
 * period elsewhere.
 */
export async function replaceCatalog(
  store: CaseStore,
  source: CatalogSource,
  next: Omit<Catalog, 'version'>,
  base?: Catalog,
) {
  const problems = catalogProblems({ ...next, version: 0 });
  if (problems.length > 0) throw validationError(problems);
  const current = base ?? (await freshCatalog(source));
  const catalog: Catalog = { ...next, version: current.version + 1 };
  const saved = await store.replaceReference(CATALOG_REFERENCE, catalog, { version: current.version });
  source.invalidate();
  if (!saved) throw referenceConflict();
  return catalog;
}

/** The catalog as stored now (not the cached copy): what a change is checked and based on. */
export async function freshCatalog(source: CatalogSource) {
  source.invalidate();
  return source.get();
}

/** Someone saved reference data between what the admin saw and their confirm. */
export const referenceConflict = (currentVersion?: number) =>
  new AppError(
    409,
    'VERSION_CONFLICT',
    `The reference data changed since you read it${currentVersion === undefined ? '' : ` (now version ${currentVersion})`}; read or preview it again and redo your change.`,
    undefined,
    currentVersion === undefined ? undefined : { currentVersion },
  );
