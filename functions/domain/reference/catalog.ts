import { type Category, categories } from './categories.js';
import { type Area, areas, type Office, offices, type RoutingRule, routingRules } from './district.js';

/** What a complaint is about (被投诉对象类型). */
export const subjectKinds = [
  { code: 'school', name: '学校', nameEn: 'School' },
  { code: 'institution', name: '校外培训机构', nameEn: 'Training institution' },
  { code: 'teacher', name: '教师', nameEn: 'Teacher' },
  { code: 'other', name: '其他', nameEn: 'Other' },
] as const;
export type SubjectKind = (typeof subjectKinds)[number]['code'];
export const subjectKindCodes = subjectKinds.map((k) => k.code) as [SubjectKind, ...SubjectKind[]];

/**
 * Reference data as one versioned document: stored in the table (seeded on first start), read by
 * the app, replaceable by an admin without a deploy.
 */
export interface Catalog {
  readonly version: number;
  readonly categories: readonly Category[];
  readonly areas: readonly Area[];
  readonly offices: readonly Office[];
  readonly routingRules: readonly RoutingRule[];
}

export const seedCatalog: Catalog = { version: 1, categories, areas, offices, routingRules };

export function findCategory(catalog: Catalog, code: string): Category | undefined {
  return catalog.categories.find((c) => c.code === code);
}

export function findArea(catalog: Catalog, code: string): Area | undefined {
  return catalog.areas.find((a) => a.code === code);
}

export function findOffice(catalog: Catalog, id: string): Office | undefined {
  return catalog.offices.find((o) => o.id === id);
}
