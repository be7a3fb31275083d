/**
 * The leader overview (领导总览): figures as of now, per office and per category — open cases, overdue,
 * escalated (催办/督办), 问责 this month, on-time rate so far this month. Pure: the service feeds it
 * rows read from index partitions page by page, so memory stays bounded by the figures, not the cases.
 * (The monthly notice 月度督查通报 is computed by the reports module; this is the live view.)
 */
import type { CaseStatus } from './case-status.js';

/** The few attributes of a case the overview reads (index projection). */
export interface OverviewRow {
  readonly id: string;
  readonly status: CaseStatus;
  readonly officeId?: string | undefined;
  readonly category: string;
  readonly area?: string | undefined;
  readonly deadline?: string | undefined;
  readonly escalationLevel: number;
  readonly receivedAt: string;
  readonly closedAt?: string | undefined;
  readonly accountability?: readonly { readonly at: string; readonly officeId: string }[] | undefined;
}

export interface OverviewFigures {
  /** Open: submitted, assigned, in progress, pending review or returned. */
  open: number;
  /** Open on the clock (assigned / in progress) with the handling deadline passed. */
  overdue: number;
  /** 催办 (level 1) and 督办 (level 2) among open cases. */
  urged: number;
  supervised: number;
  /** Open cases at 问责 (level 3). */
  accountable: number;
  /** 问责 records dated this month (Asia/Shanghai). */
  accountabilityThisMonth: number;
  /** Cases received this month that are due so far: closed, or open past their deadline. */
  dueThisMonth: number;
  onTimeThisMonth: number;
  /** onTime / due, 0..1; null while nothing received this month is due yet. */
  onTimeRate: number | null;
}

export const OPEN_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'assigned',
  'in_progress',
  'pending_review',
  'returned',
];
const ON_THE_CLOCK: ReadonlySet<CaseStatus> = new Set(['assigned', 'in_progress']);

/** Office key for cases routing has not placed yet. */
export const NO_OFFICE = 'UNROUTED';

const empty = (): OverviewFigures => ({
  open: 0,
  overdue: 0,
  urged: 0,
  supervised: 0,
  accountable: 0,
  accountabilityThisMonth: 0,
  dueThisMonth: 0,
  onTimeThisMonth: 0,
  onTimeRate: null,
});

/** Month (yyyy-mm) of an instant in Asia/Shanghai, and that month's first instant as ISO. */
export function shanghaiMonth(now: Date): { month: string; start: string; end: string } {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const startMs = Date.UTC(y, m, 1) - 8 * 3600_000;
  const endMs = Date.UTC(y, m + 1, 1) - 8 * 3600_000;
  return {
    month: local.toISOString().slice(0, 7),
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
  };
}

/**
 * Accumulates the overview: `open` rows (every open case, once), `received` rows (every case received
 * this month, once) and `accountability` rows (cases that may hold 问责 records this month; a case may
 * be passed more than once — each record is counted once).
 */
export function overviewTally(now: Date) {
  const nowIso = now.toISOString();
  const { start, end } = shanghaiMonth(now);
  const total = empty();
  const offices = new Map<string, OverviewFigures>();
  const categories = new Map<string, OverviewFigures>();
  const counted = new Set<string>();

  const slot = (map: Map<string, OverviewFigures>, key: string) => {
    let f = map.get(key);
    if (!f) {
      f = empty();
      map.set(key, f);
    }
    return f;
  };
  const bump = (r: OverviewRow, officeId: string, change: (f: OverviewFigures) => void) => {
    change(total);
    change(slot(offices, officeId));
    change(slot(categories, r.category));
  };

  return {
    open(r: OverviewRow) {
      bump(r, r.officeId ?? NO_OFFICE, (f) => {
        f.open++;
        if (ON_THE_CLOCK.has(r.status) && r.deadline !== undefined && r.deadline < nowIso) f.overdue++;
        if (r.escalationLevel === 1) f.urged++;
        if (r.escalationLevel === 2) f.supervised++;
        if (r.escalationLevel >= 3) f.accountable++;
      });
    },
    received(r: OverviewRow) {
      if (r.receivedAt < start || r.receivedAt >= end || !r.deadline) return;
      const closed = r.status === 'closed' && r.closedAt !== undefined;
      const late = closed ? (r.closedAt as string) > r.deadline : r.deadline < nowIso;
      if (!closed && !late) return; // not due yet
      if (r.status === 'rejected' || r.status === 'merged') return;
      bump(r, r.officeId ?? NO_OFFICE, (f) => {
        f.dueThisMonth++;
        if (!late) f.onTimeThisMonth++;
      });
    },
    accountability(r: OverviewRow) {
      for (const a of r.accountability ?? []) {
        const key = `${r.id}#${a.at}#${a.officeId}`;
        if (a.at < start || a.at >= end || counted.has(key)) continue;
        counted.add(key);
        bump(r, a.officeId || (r.officeId ?? NO_OFFICE), (f) => {
          f.accountabilityThisMonth++;
        });
      }
    },
    result() {
      const rate = (f: OverviewFigures) => ({
        ...f,
        onTimeRate: f.dueThisMonth === 0 ? null : f.onTimeThisMonth / f.dueThisMonth,
      });
      const rows = <K extends string>(map: Map<string, OverviewFigures>, key: K) =>
        [...map.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, f]) => ({ [key]: k, ...rate(f) }) as { [P in K]: string } & OverviewFigures);
      return {
        asOf: nowIso,
        month: shanghaiMonth(now).month,
        totals: rate(total),
        byOffice: rows(offices, 'officeId'),
        byCategory: rows(categories, 'category'),
      };
    },
  };
}

export type Overview = ReturnType<ReturnType<typeof overviewTally>['result']>;
