/** Sums of case facts for one group of cases (the district, an office, a category, an area). */
import { type Channel, channels } from '../case.js';
import type { CaseFacts } from './case-facts.js';

export interface Figures {
  received: number;
  receivedByChannel: Record<Channel, number>;
  assigned: number;
  /** 销号 */
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** 应办结: deadline in force at the cutoff falls in the month. */
  dueInMonth: number;
  dueClosed: number;
  dueClosedOnTime: number;
  /** 按时办结率 = dueClosedOnTime ÷ dueInMonth (null when nothing was due). */
  onTimeRate: number | null;
  /** 办结率 = dueClosed ÷ dueInMonth. */
  closureRate: number | null;
  openAtMonthEnd: number;
  overdueOpen: number;
  /** 催办 */
  urged: number;
  /** 督办 */
  supervised: number;
  /** 问责 records, and by measure (`opened` = started by the deadline ladder, measure not yet set). */
  accountability: number;
  accountabilityByMeasure: Record<string, number>;
  returned: number;
  extensionsGranted: number;
  reopened: number;
  /** 回访 of the cases closed in the month. */
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** 满意率 = (满意 + 基本满意) ÷ rated. */
  satisfactionRate: number | null;
  /** 回访率 = rated ÷ closed. */
  ratedRate: number | null;
  substantiated: number;
  partlySubstantiated: number;
  unsubstantiated: number;
  /** 属实率 = (属实 + 部分属实) ÷ closed cases with a finding. */
  substantiatedRate: number | null;
  meanWorkingDaysToClose: number | null;
  p90WorkingDaysToClose: number | null;
}

export function emptyFigures(): Figures {
  return {
    received: 0,
    receivedByChannel: Object.fromEntries(channels.map((c) => [c, 0])) as Record<Channel, number>,
    assigned: 0,
    closed: 0,
    closedOnTime: 0,
    closedLate: 0,
    dueInMonth: 0,
    dueClosed: 0,
    dueClosedOnTime: 0,
    onTimeRate: null,
    closureRate: null,
    openAtMonthEnd: 0,
    overdueOpen: 0,
    urged: 0,
    supervised: 0,
    accountability: 0,
    accountabilityByMeasure: {},
    returned: 0,
    extensionsGranted: 0,
    reopened: 0,
    rated: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    satisfactionRate: null,
    ratedRate: null,
    substantiated: 0,
    partlySubstantiated: 0,
    unsubstantiated: 0,
    substantiatedRate: null,
    meanWorkingDaysToClose: null,
    p90WorkingDaysToClose: null,
  };
}

export const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Case-level figures of one case into `f` (events are added separately: they may name another office). */
export function addCase(f: Figures, c: CaseFacts, closeDays: number[]): void {
  if (c.received) {
    f.received++;
    f.receivedByChannel[c.channel]++;
  }
  if (c.assigned) f.assigned++;
  if (c.closed) {
    f.closed++;
    if (c.closed.onTime) f.closedOnTime++;
    else f.closedLate++;
    closeDays.push(c.closed.workingDays);
    if (c.closed.rating) {
      f.rated++;
      if (c.closed.rating === 'satisfied') f.satisfied++;
      else if (c.closed.rating === 'basically_satisfied') f.basicallySatisfied++;
      else f.unsatisfied++;
    }
    if (c.closed.finding === 'substantiated') f.substantiated++;
    else if (c.closed.finding === 'partly_substantiated') f.partlySubstantiated++;
    else if (c.closed.finding === 'unsubstantiated') f.unsubstantiated++;
  }
  if (c.due) f.dueInMonth++;
  if (c.dueClosed) f.dueClosed++;
  if (c.dueClosedOnTime) f.dueClosedOnTime++;
  if (c.openAtEnd) f.openAtMonthEnd++;
  if (c.overdue) f.overdueOpen++;
}

export function addEvent(f: Figures, kind: CaseFacts['events'][number]['kind']): void {
  if (kind === 'urged') f.urged++;
  else if (kind === 'supervised') f.supervised++;
  else if (kind === 'returned') f.returned++;
  else if (kind === 'extensionGranted') f.extensionsGranted++;
  else f.reopened++;
}

export function addAccountability(f: Figures, measure: string): void {
  f.accountability++;
  f.accountabilityByMeasure[measure] = (f.accountabilityByMeasure[measure] ?? 0) + 1;
}

/** Rates and close-time statistics once every case is in. */
export function finish(f: Figures, closeDays: readonly number[]): Figures {
  f.onTimeRate = rate(f.dueClosedOnTime, f.dueInMonth);
  f.closureRate = rate(f.dueClosed, f.dueInMonth);
  f.satisfactionRate = rate(f.satisfied + f.basicallySatisfied, f.rated);
  f.ratedRate = rate(f.rated, f.closed);
  const withFinding = f.substantiated + f.partlySubstantiated + f.unsubstantiated;
  f.substantiatedRate = rate(f.substantiated + f.partlySubstantiated, withFinding);
  f.meanWorkingDaysToClose = closeDays.length
    ? closeDays.reduce((a, b) => a + b, 0) / closeDays.length
    : null;
  f.p90WorkingDaysToClose = percentile(closeDays, 90);
  return f;
}

type Dimension = 'office' | 'category' | 'area';

/** Figures per key of one dimension (events and accountability follow the office they name). */
export function groupFigures(facts: readonly CaseFacts[], dimension: Dimension): Map<string, Figures> {
  const groups = new Map<string, { f: Figures; days: number[] }>();
  const group = (key: string) => {
    const found = groups.get(key);
    if (found) return found;
    const g = { f: emptyFigures(), days: [] as number[] };
    groups.set(key, g);
    return g;
  };
  const keyOf = (c: CaseFacts) =>
    dimension === 'office' ? c.officeId : dimension === 'category' ? c.category : c.area;
  for (const c of facts) {
    const g = group(keyOf(c));
    addCase(g.f, c, g.days);
    for (const e of c.events) addEvent(group(dimension === 'office' ? e.officeId : keyOf(c)).f, e.kind);
    for (const a of c.accountability) {
      addAccountability(group(dimension === 'office' ? a.officeId : keyOf(c)).f, a.measure);
    }
  }
  return new Map([...groups].map(([k, g]) => [k, finish(g.f, g.days)]));
}

export function totalFigures(facts: readonly CaseFacts[]): Figures {
  const f = emptyFigures();
  const days: number[] = [];
  for (const c of facts) {
    addCase(f, c, days);
    for (const e of c.events) addEvent(f, e.kind);
    for (const a of c.accountability) addAccountability(f, a.measure);
  }
  return finish(f, days);
}
