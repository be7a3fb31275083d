/**
 * The figures of the monthly notice (月度督查通报) for one month: overall, per office, category and
 * area, changes against the previous month, the office ranking, offices named for criticism, the
 * overdue ledger (问题台账), repeat subjects and the top categories (热点诉求). Pure: cases, calendar,
 * reference data and the instant are passed in. See case-facts.ts for which case counts where.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import { type CaseRecord, subjectKey } from '../case.js';
import type { Area, Office } from '../reference/district.js';
import { type CaseFacts, caseFacts, UNROUTED } from './case-facts.js';
import { type Figures, groupFigures, totalFigures } from './figures.js';
import { addMonths, cutoffOf, monthBounds } from './month.js';

/** Thresholds below which an office is named for criticism (reference data, see Catalog). */
export interface ReportThresholds {
  /** 满意率 below this (0..1) → named. */
  readonly satisfactionRate: number;
  /** 按时办结率 below this (0..1) → named. */
  readonly onTimeRate: number;
}
export const defaultReportThresholds: ReportThresholds = { satisfactionRate: 0.85, onTimeRate: 0.9 };
/** A subject with this many complaints received in the month is listed (重复投诉). */
export const REPEAT_SUBJECT_MIN = 3;
const HOT_CATEGORIES = 5;

/** Headline figures that carry a change against the previous month (rates: percentage points as fractions). */
export const headlineFigures = [
  'received',
  'assigned',
  'closed',
  'closedOnTime',
  'closedLate',
  'dueInMonth',
  'onTimeRate',
  'closureRate',
  'openAtMonthEnd',
  'overdueOpen',
  'urged',
  'supervised',
  'accountability',
  'returned',
  'extensionsGranted',
  'reopened',
  'satisfactionRate',
  'ratedRate',
  'substantiatedRate',
  'meanWorkingDaysToClose',
  'p90WorkingDaysToClose',
] as const satisfies readonly (keyof Figures)[];
export type HeadlineFigure = (typeof headlineFigures)[number];

export interface Change {
  readonly current: number | null;
  readonly previous: number | null;
  /** current − previous; null when either is null. */
  readonly change: number | null;
}

export interface NamedRef {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export interface OfficeRow {
  readonly officeId: string;
  readonly name: string;
  readonly nameEn: string;
  /** 1 = best; null for offices with nothing due (no on-time rate to rank). */
  readonly rank: number | null;
  readonly figures: Figures;
}

export interface Criticism {
  readonly officeId: string;
  readonly name: string;
  readonly nameEn: string;
  readonly reasons: readonly {
    figure: 'onTimeRate' | 'satisfactionRate';
    value: number;
    threshold: number;
  }[];
}

export interface LedgerEntry {
  readonly caseId: string;
  readonly officeId: string;
  readonly officeName: string;
  readonly category: string;
  readonly categoryName: string;
  readonly subject: string;
  readonly status: string;
  readonly deadline: string;
  readonly workingDaysOverdue: number;
  readonly escalationLevel: number;
}

export interface RepeatSubject {
  readonly kind: string;
  readonly name: string;
  readonly count: number;
  readonly caseIds: readonly string[];
}

export interface MonthlyReport {
  readonly month: string;
  readonly previousMonth: string;
  /** Figures are as at this instant: the month's end, or the generation time while it runs. */
  readonly cutoff: string;
  /** False while the month is still running (a draft of the current month). */
  readonly complete: boolean;
  readonly generatedAt: string;
  readonly thresholds: ReportThresholds;
  readonly overall: Figures;
  readonly previous: Figures;
  readonly changes: Record<HeadlineFigure, Change>;
  readonly offices: readonly OfficeRow[];
  readonly categories: readonly (NamedRef & { figures: Figures })[];
  readonly areas: readonly (NamedRef & { figures: Figures })[];
  readonly criticized: readonly Criticism[];
  readonly ledger: readonly LedgerEntry[];
  readonly repeatSubjects: readonly RepeatSubject[];
  readonly hotCategories: readonly (NamedRef & { count: number; share: number })[];
}

export interface ReportInput {
  readonly month: string;
  readonly now: Date;
  /** Every case that may count in the month or the previous one (duplicates are ignored). */
  readonly cases: readonly CaseRecord[];
  readonly calendar: WorkingCalendar;
  readonly offices: readonly Office[];
  readonly categories: readonly NamedRef[];
  readonly areas: readonly Area[];
  readonly thresholds?: ReportThresholds | undefined;
}

function factsFor(cases: readonly CaseRecord[], month: string, now: Date, calendar: WorkingCalendar) {
  const bounds = monthBounds(month);
  const cutoff = cutoffOf(month, now);
  return { cutoff, facts: cases.map((c) => caseFacts(c, bounds, cutoff, calendar)) };
}

const byRateDesc = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;

export function computeMonthlyReport(input: ReportInput): MonthlyReport {
  const thresholds = input.thresholds ?? defaultReportThresholds;
  const unique = [...new Map(input.cases.map((c) => [c.id, c])).values()];
  const { cutoff, facts } = factsFor(unique, input.month, input.now, input.calendar);
  const previousMonth = addMonths(input.month, -1);
  const previous = totalFigures(factsFor(unique, previousMonth, input.now, input.calendar).facts);
  const overall = totalFigures(facts);

  const changes = Object.fromEntries(
    headlineFigures.map((k) => {
      const current = overall[k] as number | null;
      const before = previous[k] as number | null;
      return [
        k,
        { current, previous: before, change: current === null || before === null ? null : current - before },
      ];
    }),
  ) as Record<HeadlineFigure, Change>;

  const officeRows = rankOffices(input.offices, groupFigures(facts, 'office'));
  const categoryFigures = groupFigures(facts, 'category');
  const officeName = new Map(input.offices.map((o) => [o.id, o.name]));
  const categoryName = new Map(input.categories.map((c) => [c.code, c.name]));

  return {
    month: input.month,
    previousMonth,
    cutoff,
    complete: cutoff === monthBounds(input.month).end,
    generatedAt: input.now.toISOString(),
    thresholds,
    overall,
    previous,
    changes,
    offices: officeRows,
    categories: input.categories.map((c) => ({ ...pickRef(c), figures: figuresOr(categoryFigures, c.code) })),
    areas: (() => {
      const g = groupFigures(facts, 'area');
      return input.areas.map((a) => ({ ...pickRef(a), figures: figuresOr(g, a.code) }));
    })(),
    criticized: criticize(officeRows, thresholds),
    ledger: ledgerOf(facts, officeName, categoryName),
    repeatSubjects: repeatSubjects(facts),
    hotCategories: input.categories
      .map((c) => ({ ...pickRef(c), count: figuresOr(categoryFigures, c.code).received }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      .slice(0, HOT_CATEGORIES)
      .map((c) => ({ ...c, share: overall.received ? c.count / overall.received : 0 })),
  };
}

const pickRef = (r: { code: string; name: string; nameEn: string }): NamedRef => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
});

function figuresOr(map: Map<string, Figures>, key: string): Figures {
  return map.get(key) ?? totalFigures([]);
}

/** Offices ranked by 按时办结率, then 满意率 (both descending); offices with nothing due come last, unranked. */
function rankOffices(offices: readonly Office[], figures: Map<string, Figures>): OfficeRow[] {
  const rows = offices.map((o) => ({
    officeId: o.id,
    name: o.name,
    nameEn: o.nameEn,
    figures: figuresOr(figures, o.id),
  }));
  const unrouted = figures.get(UNROUTED);
  if (unrouted)
    rows.push({ officeId: UNROUTED, name: '未分派', nameEn: 'Not yet routed', figures: unrouted });
  rows.sort(
    (a, b) =>
      byRateDesc(a.figures.onTimeRate, b.figures.onTimeRate) ||
      byRateDesc(a.figures.satisfactionRate, b.figures.satisfactionRate) ||
      a.officeId.localeCompare(b.officeId),
  );
  let rank = 0;
  return rows.map((r) => ({
    ...r,
    rank: r.figures.onTimeRate === null || r.officeId === UNROUTED ? null : ++rank,
  }));
}

function criticize(rows: readonly OfficeRow[], t: ReportThresholds): Criticism[] {
  return rows.flatMap((r) => {
    const reasons: Criticism['reasons'][number][] = [];
    const { onTimeRate, satisfactionRate } = r.figures;
    if (onTimeRate !== null && onTimeRate < t.onTimeRate) {
      reasons.push({ figure: 'onTimeRate', value: onTimeRate, threshold: t.onTimeRate });
    }
    if (satisfactionRate !== null && satisfactionRate < t.satisfactionRate) {
      reasons.push({ figure: 'satisfactionRate', value: satisfactionRate, threshold: t.satisfactionRate });
    }
    return reasons.length && r.officeId !== UNROUTED
      ? [{ officeId: r.officeId, name: r.name, nameEn: r.nameEn, reasons }]
      : [];
  });
}

function ledgerOf(
  facts: readonly CaseFacts[],
  officeName: Map<string, string>,
  categoryName: Map<string, string>,
): LedgerEntry[] {
  return facts
    .flatMap((c) =>
      c.overdue
        ? [
            {
              caseId: c.id,
              officeId: c.officeId,
              officeName: officeName.get(c.officeId) ?? c.officeId,
              category: c.category,
              categoryName: categoryName.get(c.category) ?? c.category,
              subject: c.subject.name,
              status: c.status,
              deadline: c.overdue.deadline,
              workingDaysOverdue: c.overdue.workingDaysOverdue,
              escalationLevel: c.overdue.escalationLevel,
            },
          ]
        : [],
    )
    .sort(
      (a, b) =>
        b.workingDaysOverdue - a.workingDaysOverdue ||
        a.officeId.localeCompare(b.officeId) ||
        a.caseId.localeCompare(b.caseId),
    );
}

function repeatSubjects(facts: readonly CaseFacts[]): RepeatSubject[] {
  const bySubject = new Map<string, { kind: string; name: string; caseIds: string[] }>();
  for (const c of facts) {
    if (!c.received) continue;
    const key = subjectKey(c.subject);
    const entry = bySubject.get(key) ?? { kind: c.subject.kind, name: c.subject.name, caseIds: [] };
    entry.caseIds.push(c.id);
    bySubject.set(key, entry);
  }
  return [...bySubject.values()]
    .filter((s) => s.caseIds.length >= REPEAT_SUBJECT_MIN)
    .map((s) => ({ ...s, caseIds: s.caseIds.sort(), count: s.caseIds.length }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** What an inspector may read: the office's own row and ledger, no other office named. */
export function officeSection(report: MonthlyReport, officeId: string) {
  const row = report.offices.find((o) => o.officeId === officeId);
  return {
    month: report.month,
    cutoff: report.cutoff,
    complete: report.complete,
    generatedAt: report.generatedAt,
    thresholds: report.thresholds,
    office: row ?? null,
    criticized: report.criticized.filter((c) => c.officeId === officeId),
    ledger: report.ledger.filter((l) => l.officeId === officeId),
  };
}
export type OfficeSection = ReturnType<typeof officeSection>;
