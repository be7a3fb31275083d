import type { CaseListQuery } from '../adapters/dynamo/case-queries.js';
import { UNROUTED_OFFICE } from '../adapters/table-design.js';
import { canListCases, canRevealReporter, listOfficeScope } from '../domain/authorization.js';
import type { CaseRecord } from '../domain/case.js';
import { type CaseStatus, caseStatusCodes, statusLabel } from '../domain/case-status.js';
import { allowedActions } from '../domain/lifecycle/actions.js';
import { maskReporter } from '../domain/masking.js';
import type { Principal } from '../domain/staff.js';
import { formatTrackingCode } from '../domain/tracking-code.js';
import { type ActionDeps, loadVisibleCase } from './case-actions.js';
import { AppError, ConditionFailedError, versionConflict } from './errors.js';
import type { ReporterVault } from './ports.js';

export type StaffCaseDeps = ActionDeps & {
  vault: ReporterVault;
  queries: { list(q: CaseListQuery): Promise<{ items: CaseRecord[]; cursor?: string | undefined }> };
};

/** A row of a staff case list: no reporter data at all. */
export function caseSummary(r: CaseRecord) {
  return {
    trackingCode: formatTrackingCode(r.id),
    status: r.status,
    channel: r.channel,
    category: r.category,
    area: r.area,
    officeId: r.officeId ?? null,
    subject: r.subject,
    receivedAt: r.receivedAt,
    deadline: r.deadline ?? null,
    escalationLevel: r.escalationLevel,
    version: r.version,
  };
}

/** The staff view of one case (案件详情): reporter masked, full history. */
export async function staffCaseView(deps: StaffCaseDeps, who: Principal, trackingCode: string) {
  const r = await loadVisibleCase(deps, who, trackingCode);
  const reporter = r.reporter ? maskReporter(await deps.vault.open(r.id, r.reporter)) : null;
  return {
    ...caseSummary(r),
    status: r.status,
    statusLabel: statusLabel(r.status),
    description: r.description,
    occurredOn: r.occurredOn ?? null,
    grade: r.grade ?? null,
    urgent: r.urgent,
    anonymous: r.anonymous,
    reporter,
    enteredBy: r.enteredBy ?? null,
    coHandling: r.coHandling ?? null,
    escalationDue: r.escalationDue ?? null,
    extensionRequest: r.extensionRequest ?? null,
    report: r.report ?? null,
    accountability: r.accountability ?? [],
    feedback: r.feedback ?? [],
    mergedInto: r.mergedInto ? formatTrackingCode(r.mergedInto) : null,
    events: [...r.events],
    allowedActions: allowedActions(r, who),
  };
}

export interface CaseListFilters {
  status?: CaseStatus | undefined;
  office?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  month?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const OPEN_ON_THE_CLOCK: CaseStatus[] = ['assigned', 'in_progress'];

/** Case lists (案件列表) within the caller's scope. */
export async function listStaffCases(deps: StaffCaseDeps, who: Principal, f: CaseListFilters) {
  if (!canListCases(who)) throw new AppError(403, 'FORBIDDEN', `Role ${who.role} has no case list.`);
  const officeId = listOfficeScope(who, f.office);
  const statuses: CaseStatus[] = f.status ? [f.status] : f.overdue ? OPEN_ON_THE_CLOCK : [...caseStatusCodes];
  const catalog = await deps.catalog.get();
  const page = await deps.queries.list({
    statuses,
    month: f.month,
    offices: [...catalog.offices.map((o) => o.id), UNROUTED_OFFICE],
    officeId,
    category: f.category,
    enteredBy: who.role === 'operator' ? who.username : undefined,
    overdueAt: f.overdue ? deps.clock.now().toISOString() : undefined,
    limit: f.limit ?? 50,
    cursor: f.cursor,
  });
  return { items: page.items.map(caseSummary), cursor: page.cursor };
}

/**
 * Reveal the reporter (查看举报人信息): dispatchers only, with a reason; the reveal is recorded in the
 * case history (who, when, why) in the same conditional write before the clear values are returned.
 */
export async function revealReporter(
  deps: StaffCaseDeps,
  who: Principal,
  trackingCode: string,
  reason: string,
) {
  const r = await loadVisibleCase(deps, who, trackingCode);
  if (!canRevealReporter(who))
    throw new AppError(403, 'FORBIDDEN', 'Only dispatchers may reveal a reporter.');
  if (!r.reporter || r.anonymous) {
    throw new AppError(409, 'NOTHING_TO_REVEAL', 'The complaint is anonymous: no reporter data is kept.');
  }
  const clear = await deps.vault.open(r.id, r.reporter);
  const at = deps.clock.now().toISOString();
  const next = {
    ...r,
    version: r.version + 1,
    events: [...r.events, { type: 'reporter_revealed', at, actor: who.username, reason }],
  };
  try {
    await deps.store.updateCase(r, next);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw versionConflict();
    throw e;
  }
  deps.logger.info('reporter revealed', { caseId: r.id, user: who.username });
  return { trackingCode: formatTrackingCode(r.id), reporter: clear, revealedAt: at, version: next.version };
}
