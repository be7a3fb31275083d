/**
 * What a reference-data change affects (变更影响), shown to the admin before it is saved: categories,
 * areas and offices added, removed or changed (with the open cases that use them), routing of each
 * (area, category) pair before and after, and deadline policy changes. Pure: open-case counts are given.
 */
import { policyFor } from '../calendar/deadline-policy.js';
import type { HolidayYear } from '../calendar/holiday-data.js';
import { routeCase } from '../lifecycle/routing.js';
import type { Catalog } from './catalog.js';

/** Open cases per category, per office and per area (from the overview's open-case partitions). */
export interface OpenCaseCounts {
  byCategory: Readonly<Record<string, number>>;
  byOffice: Readonly<Record<string, number>>;
  byArea: Readonly<Record<string, number>>;
}

export interface CatalogEffect {
  readonly kind:
    | 'category_added'
    | 'category_removed'
    | 'category_changed'
    | 'area_added'
    | 'area_removed'
    | 'area_changed'
    | 'office_added'
    | 'office_removed'
    | 'office_changed'
    | 'routing_changed'
    | 'deadline_changed';
  /** Open cases that use the changed thing (0 when none or not applicable). */
  readonly openCases: number;
  readonly message: string;
  readonly messageEn: string;
}

const count = (m: Readonly<Record<string, number>>, k: string) => (Object.hasOwn(m, k) ? (m[k] ?? 0) : 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffById<T>(
  before: readonly T[],
  after: readonly T[],
  id: (x: T) => string,
): { added: T[]; removed: T[]; changed: { from: T; to: T }[] } {
  const old = new Map(before.map((x) => [id(x), x]));
  const now = new Map(after.map((x) => [id(x), x]));
  return {
    added: after.filter((x) => !old.has(id(x))),
    removed: before.filter((x) => !now.has(id(x))),
    changed: after
      .filter((x) => old.has(id(x)) && !same(old.get(id(x)), x))
      .map((x) => ({ from: old.get(id(x)) as T, to: x })),
  };
}

const changedFields = (a: object, b: object) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );

export function catalogEffects(
  before: Omit<Catalog, 'version'>,
  after: Omit<Catalog, 'version'>,
  open: OpenCaseCounts,
): CatalogEffect[] {
  const out: CatalogEffect[] = [];
  const push = (kind: CatalogEffect['kind'], openCases: number, message: string, messageEn: string) =>
    out.push({ kind, openCases, message, messageEn });
  const officeName = (c: Omit<Catalog, 'version'>, id: string) =>
    c.offices.find((o) => o.id === id)?.name ?? id;
  const officeNameEn = (c: Omit<Catalog, 'version'>, id: string) =>
    c.offices.find((o) => o.id === id)?.nameEn ?? id;

  const cats = diffById(before.categories, after.categories, (c) => c.code);
  for (const c of cats.added)
    push('category_added', 0, `新增类别 ${c.code}（${c.name}）`, `New category ${c.code} (${c.nameEn})`);
  for (const c of cats.removed) {
    const n = count(open.byCategory, c.code);
    push(
      'category_removed',
      n,
      `删除类别 ${c.code}（${c.name}）：${n} 件在办案件使用该类别`,
      `Category ${c.code} removed: ${n} open cases use it`,
    );
  }
  for (const { from, to } of cats.changed) {
    const n = count(open.byCategory, to.code);
    const fields = changedFields(from, to).join(', ');
    push(
      'category_changed',
      n,
      `类别 ${to.code} 修改（${fields}）：${n} 件在办案件使用该类别`,
      `Category ${to.code} changed (${fields}): ${n} open cases use it`,
    );
  }

  const areas = diffById(before.areas, after.areas, (a) => a.code);
  for (const a of areas.added)
    push('area_added', 0, `新增区域 ${a.code}（${a.name}）`, `New area ${a.code} (${a.nameEn})`);
  for (const a of areas.removed) {
    const n = count(open.byArea, a.code);
    push(
      'area_removed',
      n,
      `删除区域 ${a.code}（${a.name}）：${n} 件在办案件属于该区域`,
      `Area ${a.code} removed: ${n} open cases are in it`,
    );
  }
  for (const { from, to } of areas.changed) {
    const n = count(open.byArea, to.code);
    const office =
      from.officeId !== to.officeId
        ? `，默认督导室由 ${officeName(before, from.officeId)} 改为 ${officeName(after, to.officeId)}`
        : '';
    const officeEn =
      from.officeId !== to.officeId
        ? `; default office ${officeNameEn(before, from.officeId)} → ${officeNameEn(after, to.officeId)}`
        : '';
    push(
      'area_changed',
      n,
      `区域 ${to.code} 修改${office}：${n} 件在办案件属于该区域`,
      `Area ${to.code} changed${officeEn}: ${n} open cases are in it`,
    );
  }

  const offices = diffById(before.offices, after.offices, (o) => o.id);
  for (const o of offices.added)
    push('office_added', 0, `新增督导室 ${o.id}（${o.name}）`, `New office ${o.id} (${o.nameEn})`);
  for (const o of offices.removed) {
    const n = count(open.byOffice, o.id);
    push(
      'office_removed',
      n,
      `删除督导室 ${o.id}（${o.name}）：${n} 件在办案件由其承办`,
      `Office ${o.id} removed: it handles ${n} open cases`,
    );
  }
  for (const { to } of offices.changed) {
    const n = count(open.byOffice, to.id);
    push(
      'office_changed',
      n,
      `督导室 ${to.id} 修改为 ${to.name}：${n} 件在办案件由其承办`,
      `Office ${to.id} changed to ${to.nameEn}: it handles ${n} open cases`,
    );
  }

  // Routing of every (area, category) pair that exists after the change, before vs after.
  const asCatalog = (c: Omit<Catalog, 'version'>) => ({ ...c, version: 0 });
  for (const a of after.areas) {
    const moved = after.categories
      .map((c) => ({
        category: c,
        from: routeCase(asCatalog(before), a.code, c.code).officeId,
        to: routeCase(asCatalog(after), a.code, c.code).officeId,
      }))
      .filter((r) => r.from !== r.to);
    if (moved.length === 0) continue;
    // One line per (from → to) within an area: "all categories" when every category moves alike.
    const groups = new Map<string, typeof moved>();
    for (const m of moved) groups.set(`${m.from}>${m.to}`, [...(groups.get(`${m.from}>${m.to}`) ?? []), m]);
    for (const list of groups.values()) {
      const { from, to } = list[0] as (typeof moved)[number];
      const all = list.length === after.categories.length;
      const which = all ? '全部类别' : list.map((m) => m.category.name).join('、');
      const whichEn = all ? 'all categories' : list.map((m) => m.category.code).join(', ');
      push(
        'routing_changed',
        0,
        `${a.name}（${a.code}）${which}的新案件分派由 ${officeName(before, from)} 改为 ${officeName(after, to)}（在办案件不变）`,
        `Routing of area ${a.code}, ${whichEn}: ${officeNameEn(before, from)} → ${officeNameEn(after, to)} for new cases (open cases stay)`,
      );
    }
  }

  // Deadline policy: the base policy and each category's handling days.
  const basePolicy = (c: Omit<Catalog, 'version'>) => c.deadlines?.policy;
  const baseBefore = policyFor('', basePolicy(before));
  const baseAfter = policyFor('', basePolicy(after));
  for (const field of changedFields(baseBefore, baseAfter)) {
    const from = JSON.stringify(baseBefore[field as keyof typeof baseBefore]);
    const to = JSON.stringify(baseAfter[field as keyof typeof baseAfter]);
    push(
      'deadline_changed',
      0,
      `时限 ${field}：${from} → ${to}（工作日，适用于此后计算的时限）`,
      `Deadline ${field}: ${from} → ${to} working days (applies to deadlines computed from now on)`,
    );
  }
  for (const c of after.categories) {
    const p0 = policyFor(c.code, basePolicy(before), before.deadlines?.byCategory);
    const p1 = policyFor(c.code, basePolicy(after), after.deadlines?.byCategory);
    const fields = (['handlingDays', 'urgentHandlingDays'] as const).filter((f) => p0[f] !== p1[f]);
    // Changes of the base policy alone are reported once above.
    if (
      fields.every((f) => baseBefore[f] !== baseAfter[f] && p0[f] === baseBefore[f] && p1[f] === baseAfter[f])
    )
      continue;
    const n = count(open.byCategory, c.code);
    for (const f of fields) {
      push(
        'deadline_changed',
        n,
        `${c.name} 的 ${f}：${p0[f]} → ${p1[f]} 个工作日（${n} 件在办案件的现有时限不变）`,
        `${c.code} ${f}: ${p0[f]} → ${p1[f]} working days (${n} open cases keep their current deadlines)`,
      );
    }
  }
  return out;
}

/** What replacing one year of the holiday calendar changes: dates added and removed. */
export function calendarEffects(
  before: HolidayYear | undefined,
  after: HolidayYear,
  openDueThatYear: number,
) {
  const dates = (y: HolidayYear | undefined, k: 'holidays' | 'makeupWorkdays') =>
    new Set((y?.[k] ?? []).map((d) => d.date));
  const diff = (k: 'holidays' | 'makeupWorkdays') => {
    const b = dates(before, k);
    const a = dates(after, k);
    return { added: [...a].filter((d) => !b.has(d)).sort(), removed: [...b].filter((d) => !a.has(d)).sort() };
  };
  return {
    year: after.year,
    newYear: before === undefined,
    holidays: diff('holidays'),
    makeupWorkdays: diff('makeupWorkdays'),
    /** Open cases with a deadline in that year; their current deadlines do not move. */
    openCasesDueThatYear: openDueThatYear,
  };
}
