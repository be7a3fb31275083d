import { type HolidayYear, seedHolidayCalendar } from '../domain/calendar/holiday-data.js';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/working-days.js';
import { cachedReference } from './cached-reference.js';
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

/** Adds or replaces one year of the holiday calendar. */
export async function saveCalendarYear(store: CaseStore, source: CalendarSource, year: HolidayYear) {
  const current = (await store.loadReference<HolidayYear[]>(CALENDAR_REFERENCE)) ?? seedHolidayCalendar;
  const next = [...current.filter((y) => y.year !== year.year), year].sort((a, b) => a.year - b.year);
  await store.saveReference(CALENDAR_REFERENCE, next);
  source.invalidate();
  return next.map((y) => y.year);
}
