import type { HolidayYear } from './holiday-data.js';

/**
 * Working days (工作日) on China's calendar: Monday–Friday, minus statutory holidays (法定节假日), plus the
 * weekend days worked to bridge them (调休上班). Dates are civil dates in Asia/Shanghai as YYYY-MM-DD.
 * Pure: every instant is passed in; nothing reads the system clock or time zone.
 */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** False for a year without holiday data: that year counts Monday–Friday only. */
  knowsYear(year: number): boolean;
}

/** China observes one time zone, UTC+8, with no daylight saving time: a fixed offset is exact. */
export const SHANGHAI_OFFSET_MINUTES = 480;

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
/** The longest span addWorkingDays accepts, in working days (a year; bounds its loop). */
const MAX_DAYS = 366;

/** Days since 1970-01-01 for a valid YYYY-MM-DD; RangeError for anything else (e.g. 2026-02-30). */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 02-30 over to 03-02: a round trip catches impossible dates.
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / DAY_MS;
  }
  throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function checkInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

/** The civil date (YYYY-MM-DD) in Asia/Shanghai at `instant`. */
export function shanghaiDate(instant: Date): string {
  return new Date(checkInstant(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** 23:59:59.999 Asia/Shanghai on `date` (= 15:59:59.999Z): a deadline lasts until the end of its day. */
export function endOfShanghaiDay(date: string): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - OFFSET_MS - 1);
}

export function createWorkingCalendar(years: HolidayYear[]): WorkingCalendar {
  // A later entry for the same year replaces an earlier one (an admin's correction of the seed).
  const byYear = new Map(years.map((y) => [y.year, y]));
  const holidays = new Set<number>();
  const makeup = new Set<number>();
  for (const y of byYear.values()) {
    for (const h of y.holidays) holidays.add(dayNumber(h.date));
    for (const w of y.makeupWorkdays) makeup.add(dayNumber(w.date));
  }
  return {
    isWorkingDay(date) {
      const day = dayNumber(date);
      if (makeup.has(day)) return true;
      if (holidays.has(day)) return false;
      const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
      return weekday >= 1 && weekday <= 5;
    },
    knowsYear: (year) => byYear.has(year),
  };
}

/**
 * The deadline `days` working days after `from`: the end (Asia/Shanghai) of the Nth working day after
 * from's civil date. The day of receipt never counts, whatever the hour (受理当日不计入).
 * `unknownYears` lists the years counted without holiday data (Monday–Friday fallback), for a warning
 * in the case history.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  from: Date,
  days: number,
): { deadline: Date; unknownYears: number[] } {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new RangeError(`days must be an integer from 1 to ${MAX_DAYS}, got ${days}`);
  }
  let day = dayNumber(shanghaiDate(from));
  const unknownYears = new Set<number>();
  for (let counted = 0; counted < days; ) {
    day += 1;
    const date = dateOfDayNumber(day);
    const year = Number(date.slice(0, 4));
    if (!calendar.knowsYear(year)) unknownYears.add(year);
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  return {
    deadline: endOfShanghaiDay(dateOfDayNumber(day)),
    unknownYears: [...unknownYears].sort((a, b) => a - b),
  };
}

/**
 * Working days after from's civil date up to and including to's civil date (Asia/Shanghai); 0 when `to`
 * is not on a later day. E.g. to check the 2-working-day window for returning a misrouted case (退回).
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const first = dayNumber(shanghaiDate(from)) + 1;
  const last = dayNumber(shanghaiDate(to));
  let count = 0;
  for (let day = first; day <= last; day++) {
    if (calendar.isWorkingDay(dateOfDayNumber(day))) count += 1;
  }
  return count;
}
