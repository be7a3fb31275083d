/**
 * Reference-data changes with a preview (变更预览): the admin sends the new catalog or holiday year, sees
 * what it affects (open cases per category, office and area; routing before → after; deadlines), then
 * confirms against the version the preview was made from.
 */
import type { HolidayYear } from '../domain/calendar/holiday-data.js';
import { seedHolidayCalendar } from '../domain/calendar/holiday-data.js';
import { NO_OFFICE, OPEN_STATUSES } from '../domain/overview.js';
import { type Catalog, catalogProblems } from '../domain/reference/catalog.js';
import { calendarEffects, catalogEffects, type OpenCaseCounts } from '../domain/reference/catalog-changes.js';
import { removalsInUse } from '../domain/reference/in-use.js';
import { CALENDAR_REFERENCE } from './calendar-source.js';
import { freshCatalog, referenceConflict, replaceCatalog } from './catalog-source.js';
import { AppError, validationError } from './errors.js';
import type { OverviewQueries } from './leader-overview.js';
import type { CaseStore, CatalogSource } from './ports.js';

export interface ReferenceChangeDeps {
  store: CaseStore;
  catalog: CatalogSource;
  overview: OverviewQueries;
  /** Staff accounts, to refuse removing an office people belong to. */
  identity: { directory: { list(): Promise<readonly { officeId: string | null; disabled: boolean }[]> } };
}

/**
 * Replaces the catalog unless it removes an office, category or area still in use by open cases
 * (counted from the status index partitions — never a Scan) or an office staff belong to: 409
 * REFERENCE_IN_USE naming each, so nothing is stranded.
 */
export async function replaceCatalogInUse(
  deps: ReferenceChangeDeps,
  next: Omit<Catalog, 'version'>,
  baseVersion?: number,
) {
  const problems = catalogProblems({ ...next, version: 0 });
  if (problems.length > 0) throw validationError(problems);
  const [current, open, accounts] = await Promise.all([
    freshCatalog(deps.catalog),
    openCaseCounts(deps.overview),
    deps.identity.directory.list(),
  ]);
  const staffPerOffice: Record<string, number> = {};
  for (const a of accounts) {
    if (a.officeId && !a.disabled)
      staffPerOffice[a.officeId] =
        (Object.hasOwn(staffPerOffice, a.officeId) ? (staffPerOffice[a.officeId] ?? 0) : 0) + 1;
  }
  if (baseVersion !== undefined && current.version !== baseVersion) throw referenceConflict(current.version);
  const inUse = removalsInUse(current, next, open.counts, staffPerOffice);
  if (inUse.length > 0) {
    throw new AppError(
      409,
      'REFERENCE_IN_USE',
      'The change removes reference data that open cases or staff still use.',
      inUse.map(({ path, code, message }) => ({ path, code, message })),
    );
  }
  return replaceCatalog(deps.store, deps.catalog, next, current);
}

/** Open cases per category, office and area, and how many have a deadline in each year. */
export async function openCaseCounts(overview: OverviewQueries) {
  const byCategory: Record<string, number> = {};
  const byOffice: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const dueByYear: Record<string, number> = {};
  const bump = (m: Record<string, number>, k: string) => {
    m[k] = (Object.hasOwn(m, k) ? (m[k] ?? 0) : 0) + 1;
  };
  await Promise.all(
    OPEN_STATUSES.map((s) =>
      overview.forEachWithStatus(s, (rows) => {
        for (const r of rows) {
          bump(byCategory, r.category);
          bump(byOffice, r.officeId ?? NO_OFFICE);
          if (r.area) bump(byArea, r.area);
          if (r.deadline) bump(dueByYear, r.deadline.slice(0, 4));
        }
      }),
    ),
  );
  return { counts: { byCategory, byOffice, byArea } satisfies OpenCaseCounts, dueByYear };
}

export async function previewCatalog(deps: ReferenceChangeDeps, next: Omit<Catalog, 'version'>) {
  const problems = catalogProblems({ ...next, version: 0 });
  if (problems.length > 0) throw validationError(problems);
  const [current, open] = await Promise.all([deps.catalog.get(), openCaseCounts(deps.overview)]);
  return { baseVersion: current.version, effects: catalogEffects(current, next, open.counts) };
}

/**
 * Saves a previewed catalog unless someone saved another version since the preview (409): checked
 * against the stored catalog, and the write itself is conditional on that version.
 */
export async function confirmCatalog(
  deps: ReferenceChangeDeps,
  next: Omit<Catalog, 'version'>,
  baseVersion: number,
) {
  return replaceCatalogInUse(deps, next, baseVersion);
}

export async function calendarYears(store: CaseStore): Promise<HolidayYear[]> {
  return (await store.loadReference<HolidayYear[]>(CALENDAR_REFERENCE)) ?? seedHolidayCalendar;
}

/** The calendar's years with its revision (the count of checked writes; 0 = never saved), for `If-Match`. */
export async function calendarRevision(
  store: CaseStore,
): Promise<{ years: HolidayYear[]; revision: number }> {
  const stored = await store.loadReferenceRevision<HolidayYear[]>(CALENDAR_REFERENCE);
  return { years: stored?.value ?? seedHolidayCalendar, revision: stored?.revision ?? 0 };
}

export async function previewCalendarYear(deps: ReferenceChangeDeps, year: HolidayYear) {
  const [years, open] = await Promise.all([calendarYears(deps.store), openCaseCounts(deps.overview)]);
  const before = years.find((y) => y.year === year.year);
  return calendarEffects(before, year, open.dueByYear[String(year.year)] ?? 0);
}
