/**
 * The editable parts of the reference catalog, one "slice" each (categories, areas, offices, routing
 * rules, deadlines): how an entry becomes form values and back, and which form field an API path
 * (`categories.3.basis.rule`) lands on. The admin reference pages drive all of them the same way.
 */
import type { Catalog } from '../../functions/domain/reference/catalog.js';
import type { Lang, Messages } from '../i18n/index.js';
import { localName } from '../i18n/index.js';

export type CatalogInput = Omit<Catalog, 'version'>;
type Values = Record<string, string>;

export interface FieldDef {
  name: string;
  kind: 'text' | 'select' | 'yesno' | 'number';
  /** Options of a select (value, label). */
  options?: (catalog: CatalogInput, lang: Lang, t: Messages) => { value: string; label: string }[];
  /** The select's empty first entry (e.g. "all categories"). */
  placeholder?: (t: Messages) => string;
  hint?: (t: Messages) => string;
}

export type SliceName = 'categories' | 'areas' | 'offices' | 'routing' | 'deadlines';

export interface Slice {
  name: SliceName;
  /** A single form (deadlines) rather than a list of entries. */
  singleton: boolean;
  fields: (catalog: CatalogInput) => FieldDef[];
  /** Entries as table rows: key, cells. */
  rows: (catalog: CatalogInput, lang: Lang, t: Messages) => { key: string; cells: string[] }[];
  head: (t: Messages) => string[];
  /** Form values of the entry with this key ('' = a new entry). */
  values: (catalog: CatalogInput, key: string) => Values | undefined;
  /** The catalog with the entry saved (or removed); `index` of the entry for error paths. */
  apply: (catalog: CatalogInput, key: string, v: Values, remove: boolean) => { next: unknown; index: number };
  /** Form field for a path below the entry (`basis.rule` → `rule`). */
  fieldFor: (subPath: string) => string;
  /** The collection whose `<collection>.<index>.` paths belong to the edited entry. */
  collection: string;
}

const text = (name: string): FieldDef => ({ name, kind: 'text' });
const officeOptions = (c: CatalogInput, lang: Lang) =>
  c.offices.map((o) => ({ value: o.id, label: localName(lang, o) }));
const firstSegment = (p: string) => p.split('.')[0] ?? p;

/** Replace, append or drop the entry whose key matches, keeping the others' order. */
function upsert<T>(list: readonly T[], keyOf: (x: T) => string, key: string, entry: T | undefined) {
  const at = key === '' ? -1 : list.findIndex((x) => keyOf(x) === key);
  if (entry === undefined) return { list: list.filter((_, i) => i !== at), index: at };
  if (at < 0) return { list: [...list, entry], index: list.length };
  return { list: list.map((x, i) => (i === at ? entry : x)), index: at };
}

const categories: Slice = {
  name: 'categories',
  singleton: false,
  collection: 'categories',
  fields: () => [
    text('code'),
    text('name'),
    text('nameEn'),
    { name: 'urgentByDefault', kind: 'yesno' },
    text('rule'),
    text('ruleEn'),
    { name: 'sources', kind: 'text', hint: (t) => t.admin.reference.fields.sourcesHint },
    text('coHandlingName'),
    text('coHandlingNameEn'),
  ],
  head: (t) => {
    const f = t.admin.reference.fields;
    return [f.code, f.name, f.nameEn, f.urgentByDefault, f.coHandlingName];
  },
  rows: (c, lang, t) =>
    c.categories.map((x) => ({
      key: x.code,
      cells: [
        x.code,
        x.name,
        x.nameEn,
        x.urgentByDefault ? t.admin.reference.yes : t.admin.reference.no,
        x.coHandling ? localName(lang, x.coHandling) : '—',
      ],
    })),
  values: (c, key): Values | undefined => {
    if (key === '') return { urgentByDefault: 'no' };
    const x = c.categories.find((e) => e.code === key);
    return x
      ? {
          code: x.code,
          name: x.name,
          nameEn: x.nameEn,
          urgentByDefault: x.urgentByDefault ? 'yes' : 'no',
          rule: x.basis.rule,
          ruleEn: x.basis.ruleEn,
          sources: x.basis.sources.join(', '),
          coHandlingName: x.coHandling?.name ?? '',
          coHandlingNameEn: x.coHandling?.nameEn ?? '',
        }
      : undefined;
  },
  apply: (c, key, v, remove) => {
    const entry = remove
      ? undefined
      : {
          code: (v.code ?? '').trim(),
          name: (v.name ?? '').trim(),
          nameEn: (v.nameEn ?? '').trim(),
          urgentByDefault: v.urgentByDefault === 'yes',
          basis: {
            rule: (v.rule ?? '').trim(),
            ruleEn: (v.ruleEn ?? '').trim(),
            sources: (v.sources ?? '')
              .split(/[,，]/)
              .map((s) => s.trim())
              .filter(Boolean),
          },
          ...(v.coHandlingName?.trim()
            ? { coHandling: { name: v.coHandlingName.trim(), nameEn: (v.coHandlingNameEn ?? '').trim() } }
            : {}),
        };
    const r = upsert(c.categories, (x) => x.code, key, entry as Catalog['categories'][number] | undefined);
    return { next: { ...c, categories: r.list }, index: r.index };
  },
  fieldFor: (p) =>
    ({
      'basis.rule': 'rule',
      'basis.ruleEn': 'ruleEn',
      'basis.sources': 'sources',
      'coHandling.name': 'coHandlingName',
      'coHandling.nameEn': 'coHandlingNameEn',
    })[p] ?? (p.startsWith('basis.sources') ? 'sources' : firstSegment(p)),
};

const areas: Slice = {
  name: 'areas',
  singleton: false,
  collection: 'areas',
  fields: () => [
    text('code'),
    text('name'),
    text('nameEn'),
    {
      name: 'officeId',
      kind: 'select',
      options: (c, lang) => officeOptions(c, lang),
      hint: (t) => t.admin.reference.fields.officeIdHint,
    },
  ],
  head: (t) => {
    const f = t.admin.reference.fields;
    return [f.code, f.name, f.nameEn, f.officeId];
  },
  rows: (c, lang) =>
    c.areas.map((x) => {
      const office = c.offices.find((o) => o.id === x.officeId);
      return {
        key: x.code,
        cells: [x.code, x.name, x.nameEn, office ? localName(lang, office) : x.officeId],
      };
    }),
  values: (c, key): Values | undefined => {
    if (key === '') return {};
    const x = c.areas.find((e) => e.code === key);
    return x ? { code: x.code, name: x.name, nameEn: x.nameEn, officeId: x.officeId } : undefined;
  },
  apply: (c, key, v, remove) => {
    const entry = remove
      ? undefined
      : {
          code: (v.code ?? '').trim(),
          name: (v.name ?? '').trim(),
          nameEn: (v.nameEn ?? '').trim(),
          officeId: v.officeId ?? '',
        };
    const r = upsert(c.areas, (x) => x.code, key, entry);
    return { next: { ...c, areas: r.list }, index: r.index };
  },
  fieldFor: firstSegment,
};

const offices: Slice = {
  name: 'offices',
  singleton: false,
  collection: 'offices',
  fields: () => [text('id'), text('name'), text('nameEn')],
  head: (t) => {
    const f = t.admin.reference.fields;
    return [f.id, f.name, f.nameEn];
  },
  rows: (c, _lang, t) =>
    c.offices.map((x) => ({
      key: x.id,
      cells: [x.id, x.isDistrictTeam ? `${x.name}（${t.admin.reference.districtTeam}）` : x.name, x.nameEn],
    })),
  values: (c, key): Values | undefined => {
    if (key === '') return {};
    const x = c.offices.find((e) => e.id === key);
    return x ? { id: x.id, name: x.name, nameEn: x.nameEn } : undefined;
  },
  apply: (c, key, v, remove) => {
    const before = c.offices.find((o) => o.id === key);
    const entry = remove
      ? undefined
      : {
          id: (v.id ?? '').trim(),
          name: (v.name ?? '').trim(),
          nameEn: (v.nameEn ?? '').trim(),
          ...(before?.isDistrictTeam ? { isDistrictTeam: true } : {}),
        };
    const r = upsert(c.offices, (x) => x.id, key, entry);
    return { next: { ...c, offices: r.list }, index: r.index };
  },
  fieldFor: firstSegment,
};

const routing: Slice = {
  name: 'routing',
  singleton: false,
  collection: 'routingRules',
  fields: () => [
    {
      name: 'area',
      kind: 'select',
      options: (c, lang) => c.areas.map((a) => ({ value: a.code, label: localName(lang, a) })),
    },
    {
      name: 'category',
      kind: 'select',
      options: (c, lang) => c.categories.map((x) => ({ value: x.code, label: localName(lang, x) })),
      placeholder: (t) => t.admin.reference.allCategories,
    },
    { name: 'office', kind: 'select', options: (c, lang) => officeOptions(c, lang) },
  ],
  head: (t) => {
    const f = t.admin.reference.fields;
    return [f.area, f.category, f.office];
  },
  rows: (c, lang, t) =>
    c.routingRules.map((r, i) => {
      const name = (
        list: readonly { code?: string; id?: string; name: string; nameEn: string }[],
        k: string,
      ) => {
        const x = list.find((e) => (e.code ?? e.id) === k);
        return x ? localName(lang, x) : k;
      };
      return {
        key: String(i),
        cells: [
          name(c.areas, r.area),
          r.category ? name(c.categories, r.category) : t.admin.reference.allCategories,
          name(c.offices, r.officeId),
        ],
      };
    }),
  values: (c, key): Values | undefined => {
    if (key === '') return {};
    const r = c.routingRules[Number(key)];
    return r ? { area: r.area, category: r.category ?? '', office: r.officeId } : undefined;
  },
  apply: (c, key, v, remove) => {
    const at = key === '' ? -1 : Number(key);
    const entry = {
      area: v.area ?? '',
      ...(v.category ? { category: v.category } : {}),
      officeId: v.office ?? '',
    };
    const list = remove
      ? c.routingRules.filter((_, i) => i !== at)
      : at >= 0 && at < c.routingRules.length
        ? c.routingRules.map((r, i) => (i === at ? entry : r))
        : [...c.routingRules, entry];
    return { next: { ...c, routingRules: list }, index: at >= 0 ? at : c.routingRules.length };
  },
  fieldFor: (p) => (firstSegment(p) === 'officeId' ? 'office' : firstSegment(p)),
};

const POLICY_FIELDS = [
  'handlingDays',
  'urgentHandlingDays',
  'returnWindowDays',
  'maxExtensionDays',
  'maxExtensions',
  'urge',
  'supervise',
] as const;

const deadlines: Slice = {
  name: 'deadlines',
  singleton: true,
  collection: 'deadlines',
  fields: (c) => [
    ...POLICY_FIELDS.map((name): FieldDef => ({ name, kind: 'number' })),
    ...c.categories.flatMap((x): FieldDef[] => [
      { name: `${x.code}.handlingDays`, kind: 'number' },
      { name: `${x.code}.urgentHandlingDays`, kind: 'number' },
    ]),
  ],
  head: () => [],
  rows: () => [],
  values: (c) => {
    const p = c.deadlines?.policy;
    const v: Values = {};
    if (p) {
      for (const f of POLICY_FIELDS) {
        v[f] = String(f === 'urge' || f === 'supervise' ? p.escalationDays[f] : p[f]);
      }
    }
    for (const [code, o] of Object.entries(c.deadlines?.byCategory ?? {})) {
      if (o.handlingDays !== undefined) v[`${code}.handlingDays`] = String(o.handlingDays);
      if (o.urgentHandlingDays !== undefined) v[`${code}.urgentHandlingDays`] = String(o.urgentHandlingDays);
    }
    return v;
  },
  apply: (c, _key, v) => {
    // Numbers stay strings when they are not numbers, so the schema names the field.
    const num = (s: string | undefined) =>
      s === undefined || s.trim() === '' ? undefined : Number(s.trim());
    const byCategory: Record<string, { handlingDays?: number; urgentHandlingDays?: number }> = {};
    for (const x of c.categories) {
      const h = num(v[`${x.code}.handlingDays`]);
      const u = num(v[`${x.code}.urgentHandlingDays`]);
      if (h !== undefined || u !== undefined)
        byCategory[x.code] = {
          ...(h !== undefined ? { handlingDays: h } : {}),
          ...(u !== undefined ? { urgentHandlingDays: u } : {}),
        };
    }
    const policy = {
      handlingDays: num(v.handlingDays),
      urgentHandlingDays: num(v.urgentHandlingDays),
      returnWindowDays: num(v.returnWindowDays),
      maxExtensionDays: num(v.maxExtensionDays),
      maxExtensions: num(v.maxExtensions),
      escalationDays: { urge: num(v.urge), supervise: num(v.supervise) },
    };
    return { next: { ...c, deadlines: { policy, byCategory } }, index: 0 };
  },
  // deadlines.policy.escalationDays.urge → urge; deadlines.byCategory.X.handlingDays → X.handlingDays
  fieldFor: (p) => {
    const parts = p.split('.');
    if (parts[0] === 'policy') return parts.at(-1) ?? p;
    if (parts[0] === 'byCategory') return parts.slice(1).join('.');
    return p;
  },
};

export const slices: Record<SliceName, Slice> = { categories, areas, offices, routing, deadlines };
export const isSliceName = (s: string): s is SliceName => Object.hasOwn(slices, s);
