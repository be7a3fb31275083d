/** Formatting for staff pages: times in Asia/Shanghai, working days left, names from reference data. */
import { type WorkingCalendar, workingDaysBetween } from '../../../functions/domain/calendar/working-days.js';
import type { Catalog } from '../../../functions/domain/reference/catalog.js';
import { type Lang, localName } from '../../i18n/index.js';

const SHANGHAI_MS = 8 * 3600_000;

/** 2026-03-02 10:00 (Asia/Shanghai). */
export function shanghaiTime(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_MS).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** 2026-03-02 (Asia/Shanghai). */
export const shanghaiDay = (iso: string) =>
  new Date(Date.parse(iso) + SHANGHAI_MS).toISOString().slice(0, 10);

/** Working days from now to the deadline; negative when it passed. */
export function workingDaysLeft(calendar: WorkingCalendar, now: Date, deadline: string): number {
  const due = new Date(deadline);
  return due.getTime() >= now.getTime()
    ? workingDaysBetween(calendar, now, due)
    : -workingDaysBetween(calendar, due, now);
}

export function names(catalog: Catalog, lang: Lang) {
  const find =
    <T extends { name: string; nameEn?: string | undefined }>(list: readonly T[], key: (x: T) => string) =>
    (code: string | null | undefined) => {
      if (!code) return '—';
      const hit = list.find((x) => key(x) === code);
      return hit ? localName(lang, hit) : code;
    };
  return {
    category: find(catalog.categories, (c) => c.code),
    office: find(catalog.offices, (o) => o.id),
    area: find(catalog.areas, (a) => a.code),
  };
}
