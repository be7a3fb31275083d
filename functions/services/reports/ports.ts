/** Ports the monthly notice (月度督查通报) needs; the DynamoDB adapters implement them. */
import type { CaseRecord } from '../../domain/case.js';
import type { PendingNotification } from '../../domain/lifecycle/notifications.js';
import type { MonthlyReport } from '../../domain/reports/monthly-report.js';

export interface MonthCases {
  readonly cases: readonly CaseRecord[];
  /** Items the store returned (the cost of the read; a case found through two partitions counts twice). */
  readonly itemsRead: number;
}

/** Progress of a long read, as the fraction (0..1) of index partitions read. */
export type ProgressListener = (fraction: number) => void;

export interface ReportCaseSource {
  /**
   * Every case that may count in `month` (received, due, finished or open at its end), from the
   * month's index partitions — never a Scan. `now` bounds which later months' partitions are read.
   */
  casesForMonth(
    month: string,
    officeIds: readonly string[],
    now: Date,
    onProgress?: ProgressListener,
  ): Promise<MonthCases>;
}

export interface NoticeIssue {
  readonly year: number;
  /** Numbered within the year in order of first publication: 2026年第11期. */
  readonly number: number;
  readonly label: string;
}

export interface PublishedNotice {
  readonly month: string;
  readonly version: number;
  readonly issue: NoticeIssue;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly issuingBody: string;
  /** 五、下步要求, written by the issuer. */
  readonly requirements: string;
  readonly report: MonthlyReport;
}

export type NoticeSummary = Omit<PublishedNotice, 'report'> & { readonly generatedAt: string };

export interface NoticeStore {
  /** The 期号 of `month`: the one it already holds, else the next free number of its year. */
  claimIssue(month: string): Promise<NoticeIssue>;
  /**
   * Stores the next version of the month's notice; never overwrites (conditional put, retried on a
   * race). `notify` gives the notifications of the version it is about to write: they are stored on the
   * version's item in the same put (pending, delivered like case notifications).
   */
  putNextVersion(
    notice: Omit<PublishedNotice, 'version'>,
    notify?: (notice: PublishedNotice) => readonly PendingNotification[],
  ): Promise<PublishedNotice>;
  get(month: string, version?: number): Promise<PublishedNotice | undefined>;
  list(): Promise<NoticeSummary[]>;
  /** Whether the scheduled run that drafts `month` was already claimed (one read). */
  scheduledRunClaimed(month: string): Promise<boolean>;
  /**
   * Claims the scheduled run that drafts `month` (exactly once, across retries and instances), with
   * its notifications in the same conditional put (pending, delivered like case notifications).
   */
  claimScheduledRun(month: string, at: string, pending: readonly PendingNotification[]): Promise<boolean>;
}
