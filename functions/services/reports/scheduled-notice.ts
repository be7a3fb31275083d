/**
 * The scheduled job: on the 1st of each month at 08:00 Asia/Shanghai, draft the previous month's
 * notice and tell the leaders (outbox, and e-mail to those who want `monthly_notice`). On AWS an
 * EventBridge Scheduler schedule invokes it; the embedded runtime calls it on its own clock (checking
 * every minute). A month already claimed costs one read. Otherwise the draft is computed (it only
 * reads); then one conditional put claims the month's run and stores the reminder with it, so a retried invocation or a restart neither notifies twice nor loses the reminder
 * between the claim and a separate write.
 */
import { pendingNotifications } from '../../domain/lifecycle/notifications.js';
import { addMonths, monthBounds, monthOf } from '../../domain/reports/month.js';
import { noticeRunHolderId } from '../../domain/reports/notice-mail.js';
import { type Draft, draftNotice, type ReportDeps } from './monthly-notice.js';

/** When the job runs: day and hour of each month, Asia/Shanghai (the CDK schedule uses the same). */
export const NOTICE_SCHEDULE = { dayOfMonth: 1, hour: 8, timezone: 'Asia/Shanghai' } as const;

/** The run of the month `now` falls in: its instant and the month it drafts. */
export function scheduledRunOf(now: Date): { at: string; month: string } {
  const current = monthOf(now);
  const start = Date.parse(monthBounds(current).start);
  const at = new Date(start + ((NOTICE_SCHEDULE.dayOfMonth - 1) * 24 + NOTICE_SCHEDULE.hour) * 3600_000);
  return { at: at.toISOString(), month: addMonths(current, -1) };
}

/** The next run after `now` (for the embedded runtime's timer). */
export function nextScheduledRun(now: Date): string {
  const run = scheduledRunOf(now);
  if (run.at > now.toISOString()) return run.at;
  const nextMonth = addMonths(monthOf(now), 1);
  return scheduledRunOf(new Date(Date.parse(monthBounds(nextMonth).start) + 1)).at;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export async function runScheduledNotice(
  deps: ReportDeps,
): Promise<{ ran: false } | { ran: true; draft: Draft }> {
  const now = deps.clock.now();
  const run = scheduledRunOf(now);
  if (now.toISOString() < run.at) return { ran: false };
  // The local scheduler checks every minute: a claimed month costs one read, not a draft.
  if (await deps.notices.scheduledRunClaimed(run.month)) return { ran: false };
  const draft = await draftNotice(deps, run.month);
  const o = draft.report.overall;
  const holder = noticeRunHolderId(run.month);
  const reminder = pendingNotifications(holder, 1, run.at, [
    {
      kind: 'monthly_notice',
      to: { role: 'leader' },
      caseId: holder,
      message: `${run.month} 月度督查通报草稿已生成：受理 ${o.received} 件，按时办结率 ${pct(o.onTimeRate)}，逾期未办结 ${o.overdueOpen} 件`,
      messageEn: `Monthly notice draft for ${run.month} is ready: ${o.received} received, on-time ${pct(o.onTimeRate)}, ${o.overdueOpen} overdue`,
    },
  ]);
  if (!(await deps.notices.claimScheduledRun(run.month, run.at, reminder))) return { ran: false };
  return { ran: true, draft };
}
