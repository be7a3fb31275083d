import { canRevealReporter } from '../domain/authorization.js';
import { statusLabel } from '../domain/case-status.js';
import { allowedActions } from '../domain/lifecycle/actions.js';
import { maskReporter } from '../domain/masking.js';
import type { Principal } from '../domain/staff.js';
import { formatTrackingCode } from '../domain/tracking-code.js';
import { type ActionDeps, loadVisibleCase } from './case-actions.js';
import { caseSummary } from './case-lists.js';
import { AppError, notFound } from './errors.js';
import type { ReporterVault } from './ports.js';

export type StaffCaseDeps = ActionDeps & { vault: ReporterVault };

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
    instructions: r.instructions ?? [],
    // Files by reference only; GET /cases/{code}/evidence/{id} gives a short-lived link to each.
    evidence: (r.evidence ?? []).map(({ id, type, bytes, addedAt, addedBy }) => ({
      id,
      type,
      bytes,
      addedAt,
      addedBy,
    })),
    events: [...r.events],
    allowedActions: allowedActions(r, who),
  };
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
  // Appended without a version bump: a reveal changes no state, so it must not turn the inspector's
  // pending edit (expectedVersion) into a 409. The history stays append-only and complete.
  const recorded = await deps.store.appendEvent(r.id, {
    type: 'reporter_revealed',
    at,
    actor: who.username,
    reason,
  });
  if (!recorded) throw notFound();
  deps.logger.info('reporter revealed', { caseId: r.id, user: who.username });
  return { trackingCode: formatTrackingCode(r.id), reporter: clear, revealedAt: at, version: r.version };
}
