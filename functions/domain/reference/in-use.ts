/**
 * Reference data still in use (仍在使用): an office that open cases or staff belong to, a category that
 * open cases carry, or an area that open cases came from cannot be removed — those cases would drop out
 * of queues and monthly lists and the public view would show no office. Pure: counts are given.
 */
import type { Catalog } from './catalog.js';
import type { OpenCaseCounts } from './catalog-changes.js';

export interface InUseProblem {
  readonly path: string;
  readonly code: 'invalid';
  readonly message: string;
}

const count = (m: Readonly<Record<string, number>>, k: string) => (Object.hasOwn(m, k) ? (m[k] ?? 0) : 0);

export function removalsInUse(
  current: Catalog,
  next: Omit<Catalog, 'version'>,
  open: OpenCaseCounts,
  staffPerOffice: Readonly<Record<string, number>>,
): InUseProblem[] {
  const problems: InUseProblem[] = [];
  const keptOffices = new Set(next.offices.map((o) => o.id));
  for (const o of current.offices) {
    if (keptOffices.has(o.id)) continue;
    const cases = count(open.byOffice, o.id);
    const staff = count(staffPerOffice, o.id);
    if (cases > 0 || staff > 0)
      problems.push({
        path: 'offices',
        code: 'invalid',
        message: `office "${o.id}" still has ${cases} open case(s) and ${staff} staff account(s); reassign them first`,
      });
  }
  const keptCategories = new Set(next.categories.map((c) => c.code));
  for (const c of current.categories) {
    const cases = count(open.byCategory, c.code);
    if (!keptCategories.has(c.code) && cases > 0)
      problems.push({
        path: 'categories',
        code: 'invalid',
        message: `category "${c.code}" is used by ${cases} open case(s); reclassify them first`,
      });
  }
  const keptAreas = new Set(next.areas.map((a) => a.code));
  for (const a of current.areas) {
    const cases = count(open.byArea, a.code);
    if (!keptAreas.has(a.code) && cases > 0)
      problems.push({
        path: 'areas',
        code: 'invalid',
        message: `area "${a.code}" has ${cases} open case(s)`,
      });
  }
  return problems;
}
