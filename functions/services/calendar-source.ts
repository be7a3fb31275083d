import { type HolidayYear, seedHolidayCalendar } from '../domain/calendar/holiday-data.js';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/working-days.js';
import { cachedReference } from './cached-reference.js';
import { referenceConflict } from './catalog-source.js';
import type { CalendarSource, CaseStore } from './ports.js';

export const CALENDAR_REFERENCE = 'CALENDAR';

/**
 * The working-day calendar (statutory holidays and 调休 make-up days per year) as reference data:
 * seeded for 2025–2026, and an admin adds a year without a deploy.
 */
export function createCalendarSource(store: CaseStore, ttlMs = 30_000): CalendarSource {
  const years = cachedReference<HolidayYear[]>(store, CALENDAR_REFERENCE, seedHolidayCalendar, ttlMs);
  // Build the calendar once per loaded version of the data, not per call.
  let built: { from: HolidayYear[]; calendar: WorkingCalendar } | undefined;
  return {
    async get() {
      const data = await years.get();
      if (built?.from !== data) built = { from: data, calendar: createWorkingCalendar(data) };
      return built.calendar;
    },
    invalidate: () => years.invalidate(),
  };
}

/**
 * Adds or replaces one year of the holiday calendar. The years are one item: the merge is written
 * only if the item is still the revision it was read at (retried on a fresh read when someone saved
 * another year meanwhile, so neither change is lost). `unchanged` (the admin's preview of that year)
 * is checked on each fresh read: if the year itself changed since, 409 instead of overwriting it.
 * `expectedRevision` (the API's `If-Match`): the calendar must still be the revision the client read,
 * whatever year changed — 409 with the current revision otherwise, and no retry.
 */
export async function saveCalendarYear(
  store: CaseStore,
  source: CalendarSource,
  year: HolidayYear,
  unchanged?: (before: HolidayYear | undefined) => boolean,
  expectedRevision?: number,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await store.loadReferenceRevision<HolidayYear[]>(CALENDAR_REFERENCE);
    const current = stored?.value ?? seedHolidayCalendar;
    const revision = stored?.revision ?? 0;
    if (expectedRevision !== undefined && revision !== expectedRevision) throw referenceConflict(revision);
    if (unchanged && !unchanged(current.find((y) => y.year === year.year)))
      throw referenceConflict(undefined);
    const next = [...current.filter((y) => y.year !== year.year), year].sort((a, b) => a.year - b.year);
    if (await store.replaceReference(CALENDAR_REFERENCE, next, { revision })) {
      source.invalidate();
      return next.map((y) => y.year);
    }
  }
  throw referenceConflict(undefined);
}
