/**
 * Report months (统计月份) in Asia/Shanghai: 2026-03 runs from 2026-03-01T00:00+08:00 to
 * 2026-03-31T23:59:59.999+08:00. Pure: the instants are computed, nothing reads the system clock.
 */
import { SHANGHAI_OFFSET_MINUTES } from '../calendar/working-days.js';

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthBounds {
  readonly month: string;
  /** First instant of the month (ISO, UTC). */
  readonly start: string;
  /** Last millisecond of the month (ISO, UTC). */
  readonly end: string;
}

function parse(month: string): { year: number; index: number } {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), index: Number(m[2]) - 1 };
}

export function monthBounds(month: string): MonthBounds {
  const { year, index } = parse(month);
  const start = Date.UTC(year, index, 1) - OFFSET_MS;
  const next = Date.UTC(year, index + 1, 1) - OFFSET_MS;
  return { month, start: new Date(start).toISOString(), end: new Date(next - 1).toISOString() };
}

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: string, delta: number): string {
  const { year, index } = parse(month);
  const d = new Date(Date.UTC(year, index + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** The month (Asia/Shanghai) an instant falls in. */
export function monthOf(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7);
}

/** Months from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The instant figures of `month` are read at: the month's end, or `now` while the month runs. */
export function cutoffOf(month: string, now: Date): string {
  const { end } = monthBounds(month);
  const nowIso = now.toISOString();
  // ISO instants compare as strings.
  if (nowIso < end) return nowIso;
  return end;
}

export const inRange = (at: string | undefined, from: string, to: string): at is string =>
  at !== undefined && at >= from && at <= to;
