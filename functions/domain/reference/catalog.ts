import {
  type DeadlinePolicy,
  type DeadlinePolicyOverrides,
  defaultDeadlinePolicy,
} from '../calendar/deadline-policy.js';
import { type Category, categories } from './categories.js';
import { type Area, areas, type Office, offices, type RoutingRule, routingRules } from './district.js';
import { type KnownSubject, knownSubjects } from './known-subjects.js';
import { type ReplyTemplate, seedReplyTemplates } from './reply-templates.js';

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
  /** Schools and licensed training institutions the report form suggests (absent in older catalogs). */
  readonly knownSubjects?: readonly KnownSubject[];
  /** Deadline defaults and per-category overrides (handling / urgent days); absent = the defaults. */
  readonly deadlines?: { readonly policy?: DeadlinePolicy; readonly byCategory?: DeadlinePolicyOverrides };
  /** Reply templates (答复模板) per category; absent = the seeds (catalogs stored before they existed). */
  readonly replyTemplates?: readonly ReplyTemplate[];
  /** Monthly notice: offices below these rates (0..1) are named for criticism; absent = 85 % / 90 %. */
  readonly reportThresholds?: { readonly satisfactionRate: number; readonly onTimeRate: number };
}

export const seedCatalog: Catalog = {
  version: 1,
  categories,
  areas,
  offices,
  routingRules,
  knownSubjects,
  deadlines: { policy: defaultDeadlinePolicy, byCategory: {} },
  replyTemplates: seedReplyTemplates,
};

export const replyTemplatesOf = (c: Catalog) => c.replyTemplates ?? seedReplyTemplates;

type CatalogProblemCode = 'duplicate' | 'unknown_value' | 'required';

/** Problems that make a catalog unusable: duplicates and references to things that do not exist. */
export function catalogProblems(c: Catalog): { path: string; message: string; code: CatalogProblemCode }[] {
  const problems: { path: string; message: string; code: CatalogProblemCode }[] = [];
  const dup = (list: readonly string[], path: string) => {
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(x)) problems.push({ path, code: 'duplicate', message: `"${x}" appears twice` });
      seen.add(x);
    }
  };
  dup(
    c.categories.map((x) => x.code),
    'categories',
  );
  dup(
    c.areas.map((x) => x.code),
    'areas',
  );
  dup(
    c.offices.map((x) => x.id),
    'offices',
  );
  const officeIds = new Set(c.offices.map((o) => o.id));
  const areaCodes = new Set(c.areas.map((a) => a.code));
  const categoryCodes = new Set(c.categories.map((x) => x.code));
  c.areas.forEach((a, i) => {
    if (!officeIds.has(a.officeId))
      problems.push({
        path: `areas.${i}.officeId`,
        code: 'unknown_value',
        message: `unknown office "${a.officeId}"`,
      });
  });
  c.routingRules.forEach((r, i) => {
    if (!areaCodes.has(r.area))
      problems.push({
        path: `routingRules.${i}.area`,
        code: 'unknown_value',
        message: `unknown area "${r.area}"`,
      });
    if (!officeIds.has(r.officeId)) {
      problems.push({
        path: `routingRules.${i}.officeId`,
        code: 'unknown_value',
        message: `unknown office "${r.officeId}"`,
      });
    }
    if (r.category && !categoryCodes.has(r.category)) {
      problems.push({
        path: `routingRules.${i}.category`,
        code: 'unknown_value',
        message: `unknown category "${r.category}"`,
      });
    }
  });
  c.knownSubjects?.forEach((k, i) => {
    if (!areaCodes.has(k.area))
      problems.push({
        path: `knownSubjects.${i}.area`,
        code: 'unknown_value',
        message: `unknown area "${k.area}"`,
      });
  });
  for (const code of Object.keys(c.deadlines?.byCategory ?? {})) {
    if (!categoryCodes.has(code))
      problems.push({
        path: `deadlines.byCategory.${code}`,
        code: 'unknown_value',
        message: 'unknown category',
      });
  }
  dup(
    (c.replyTemplates ?? []).map((t) => t.id),
    'replyTemplates',
  );
  (c.replyTemplates ?? []).forEach((t, i) => {
    if (t.category && !categoryCodes.has(t.category))
      problems.push({
        path: `replyTemplates.${i}.category`,
        code: 'unknown_value',
        message: `unknown category "${t.category}"`,
      });
  });
  if (!c.offices.some((o) => o.isDistrictTeam)) {
    problems.push({
      path: 'offices',
      code: 'required',
      message: 'one office must be the district inspection team (isDistrictTeam)',
    });
  }
  return problems;
}

export function findCategory(catalog: Catalog, code: string): Category | undefined {
  return catalog.categories.find((c) => c.code === code);
}

export function findArea(catalog: Catalog, code: string): Area | undefined {
  return catalog.areas.find((a) => a.code === code);
}

export function findOffice(catalog: Catalog, id: string): Office | undefined {
  return catalog.offices.find((o) => o.id === id);
}
