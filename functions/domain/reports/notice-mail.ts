/**
 * The e-mail a published monthly notice (月度督查通报) sends: leaders get the district's headline
 * figures, each office (its inspectors) its own row — the same cut as the notice pages and API give
 * them — with the 期号, the month and a link to the notice. Stored as pending notifications on the
 * notice version's item in the conditional put that publishes it, so publishing and telling people
 * succeed or fail together; delivery is the same as for case notifications (outbox, per-kind e-mail
 * preferences, de-duplication keys, retries, dead letters).
 */
import type { NoticeFigures, Notification } from '../lifecycle/notifications.js';
import type { Figures } from './figures.js';
import type { MonthlyReport } from './monthly-report.js';

/** Id under which a notice version holds its notifications (in place of a case id). */
export const noticeHolderId = (month: string, version: number) => `notice:${month}:${version}`;

export function parseNoticeHolderId(id: string): { month: string; version: number } | undefined {
  const m = /^notice:(\d{4}-\d{2}):(\d{1,6})$/.exec(id);
  return m ? { month: m[1] as string, version: Number(m[2]) } : undefined;
}

/**
 * Id under which the scheduled run of a month holds its reminder (the draft is ready), written with the
 * run's claim so claiming the run and telling the leaders succeed or fail together.
 */
export const noticeRunHolderId = (month: string) => `noticerun:${month}`;

export function parseNoticeRunHolderId(id: string): { month: string } | undefined {
  const m = /^noticerun:(\d{4}-\d{2})$/.exec(id);
  return m ? { month: m[1] as string } : undefined;
}

/** The notice page of a published version (staff site, relative to its base URL). */
export const noticePath = (month: string, version: number) =>
  `/staff/reports/monthly/${month}?version=${version}`;

const headline = (f: Figures): NoticeFigures => ({
  received: f.received,
  closed: f.closed,
  onTimeRate: f.onTimeRate,
  satisfactionRate: f.satisfactionRate,
  overdueOpen: f.overdueOpen,
});

export function noticeNotifications(notice: {
  month: string;
  version: number;
  issue: { label: string };
  report: MonthlyReport;
}): Notification[] {
  const caseId = noticeHolderId(notice.month, notice.version);
  const common = {
    kind: 'notice_published' as const,
    caseId,
    message: `月度督查通报${notice.issue.label}已发布`,
    messageEn: `Monthly notice ${notice.issue.label} published`,
  };
  const params = {
    issue: notice.issue.label,
    month: notice.month,
    path: noticePath(notice.month, notice.version),
  };
  return [
    { ...common, to: { role: 'leader' }, params: { ...params, figures: headline(notice.report.overall) } },
    ...notice.report.offices.map(
      (row): Notification => ({
        ...common,
        to: { office: row.officeId },
        params: {
          ...params,
          officeId: row.officeId,
          rank: row.rank ?? undefined,
          figures: headline(row.figures),
        },
      }),
    ),
  ];
}
