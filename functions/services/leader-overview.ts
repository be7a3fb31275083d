/**
 * The leader overview service: reads index partitions only (never a Scan) and folds them page by page
 * into the figures of `domain/overview.ts`:
 *  - open cases: the status partitions of the open statuses (byStatus);
 *  - received this month: the office × month partitions (byOfficeMonth), one per office;
 *  - 问责 this month: the open cases above, plus every case named in a 问责 notice to leadership this
 *    month (the leaders' notification partition, a key range from the month's first instant).
 * Cost grows with the open cases and this month's cases, not with the table.
 */
import type { CaseStatus } from '../domain/case-status.js';
import {
  NO_OFFICE,
  OPEN_STATUSES,
  type OverviewRow,
  overviewTally,
  shanghaiMonth,
} from '../domain/overview.js';
import type { Principal } from '../domain/staff.js';
import { AppError } from './errors.js';
import type { CatalogSource, Clock } from './ports.js';

/** Index reads the overview needs; each visit gets one page of rows. */
export interface OverviewQueries {
  forEachWithStatus(status: CaseStatus, visit: (rows: OverviewRow[]) => void): Promise<void>;
  forEachReceivedIn(month: string, officeId: string, visit: (rows: OverviewRow[]) => void): Promise<void>;
  /** Case ids named in 问责 (accountability) notices to leadership at or after `since`. */
  accountabilityNoticesSince(since: string): Promise<string[]>;
  /** Rows for these case ids (missing ids are skipped). */
  rows(ids: readonly string[]): Promise<OverviewRow[]>;
}

export interface OverviewDeps {
  clock: Clock;
  catalog: CatalogSource;
  overview: OverviewQueries;
}

export const canSeeOverview = (who: Principal) => who.role === 'leader' || who.role === 'dispatcher';

export async function leaderOverview(deps: OverviewDeps, who: Principal) {
  if (!canSeeOverview(who))
    throw new AppError(403, 'FORBIDDEN', 'The overview is for leaders and dispatchers.');
  const now = deps.clock.now();
  const { month, start } = shanghaiMonth(now);
  const tally = overviewTally(now);
  const catalog = await deps.catalog.get();
  const offices = [...catalog.offices.map((o) => o.id), NO_OFFICE];

  await Promise.all([
    ...OPEN_STATUSES.map((s) =>
      deps.overview.forEachWithStatus(s, (rows) => {
        for (const r of rows) {
          tally.open(r);
          tally.accountability(r);
        }
      }),
    ),
    ...offices.map((o) =>
      deps.overview.forEachReceivedIn(month, o, (rows) => {
        for (const r of rows) tally.received(r);
      }),
    ),
    (async () => {
      const ids = [...new Set(await deps.overview.accountabilityNoticesSince(start))];
      for (const r of await deps.overview.rows(ids)) tally.accountability(r);
    })(),
  ]);
  return tally.result();
}
