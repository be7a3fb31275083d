/**
 * The monthly notice use cases: preview a draft of any month (the current one included), publish an
 * immutable versioned snapshot with its 期号, read and list published notices, and the scheduled job
 * that drafts last month's notice on the 1st and tells the leaders.
 */
import type { CaseRecord } from '../../domain/case.js';
import { pendingNotifications } from '../../domain/lifecycle/notifications.js';
import { addMonths, monthBounds, monthOf } from '../../domain/reports/month.js';
import {
  computeMonthlyReport,
  defaultReportThresholds,
  type MonthlyReport,
} from '../../domain/reports/monthly-report.js';
import { noticeHolderId, noticeNotifications } from '../../domain/reports/notice-mail.js';
import { validationError } from '../errors.js';
import type { CalendarSource, CatalogSource, Clock } from '../ports.js';
import type { NoticeStore, ProgressListener, PublishedNotice, ReportCaseSource } from './ports.js';

export interface ReportDeps {
  reportCases: ReportCaseSource;
  notices: NoticeStore;
  catalog: CatalogSource;
  calendar: CalendarSource;
  clock: Clock;
  /** Wakes notification delivery after a publish (embedded runtime); optional. */
  notify?: (() => void) | undefined;
}

export const ISSUING_BODY = '区“双减”工作领导小组办公室';
export const DEFAULT_REQUIREMENTS =
  '各片区督导室要对照本期通报，对逾期未办结案件逐件明确整改时限，限期销号；被点名单位要在5个工作日内报送整改情况。';

export interface Draft {
  readonly status: 'draft';
  readonly month: string;
  readonly issuingBody: string;
  readonly requirements: string;
  readonly itemsRead: number;
  readonly report: MonthlyReport;
}

/** A month that has begun (the current month may be previewed, a future one cannot). */
export function checkMonth(month: string, now: Date): void {
  if (monthBounds(month).start > now.toISOString()) {
    throw validationError([{ path: 'month', message: 'is in the future' }]);
  }
}

export async function draftNotice(
  deps: ReportDeps,
  month: string,
  onProgress?: ProgressListener,
): Promise<Draft> {
  const now = deps.clock.now();
  checkMonth(month, now);
  const [catalog, calendar] = await Promise.all([deps.catalog.get(), deps.calendar.get()]);
  const officeIds = catalog.offices.map((o) => o.id);
  // The month and the one before it (for the changes): each half of the progress.
  const current = await deps.reportCases.casesForMonth(month, officeIds, now, (f) => onProgress?.(f / 2));
  const previous = await deps.reportCases.casesForMonth(addMonths(month, -1), officeIds, now, (f) =>
    onProgress?.(0.5 + f / 2),
  );
  const cases: CaseRecord[] = [...current.cases, ...previous.cases];
  const report = computeMonthlyReport({
    month,
    now,
    cases,
    calendar,
    offices: catalog.offices,
    categories: catalog.categories,
    areas: catalog.areas,
    thresholds: catalog.reportThresholds ?? defaultReportThresholds,
  });
  return {
    status: 'draft',
    month,
    issuingBody: ISSUING_BODY,
    requirements: DEFAULT_REQUIREMENTS,
    itemsRead: current.itemsRead + previous.itemsRead,
    report,
  };
}

/**
 * Publishes a fresh computation of the month as the next version; earlier versions stay readable.
 * The version is written with its e-mail to leaders and offices (notice-mail.ts) in one put.
 */
export async function publishNotice(
  deps: ReportDeps,
  month: string,
  publishedBy: string,
  requirements: string | undefined,
): Promise<PublishedNotice> {
  const draft = await draftNotice(deps, month);
  const issue = await deps.notices.claimIssue(month);
  const publishedAt = deps.clock.now().toISOString();
  const published = await deps.notices.putNextVersion(
    {
      month,
      issue,
      publishedAt,
      publishedBy,
      issuingBody: draft.issuingBody,
      requirements: requirements?.trim() || draft.requirements,
      report: draft.report,
    },
    (notice) =>
      pendingNotifications(
        noticeHolderId(notice.month, notice.version),
        1,
        publishedAt,
        noticeNotifications(notice),
      ),
  );
  deps.notify?.();
  return published;
}

/** The month the scheduled job drafts: the one before `now` (Asia/Shanghai). */
export const previousMonthOf = (now: Date) => addMonths(monthOf(now), -1);
