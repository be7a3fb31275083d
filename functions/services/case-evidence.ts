/**
 * Evidence on a case for staff: read (per-object authorisation as for the case itself — anyone else
 * gets the 404 of a missing case) and add (inspector of the office, dispatcher) in one conditional
 * write of the case item.
 */
import { canAddEvidence } from '../domain/authorization.js';
import { addEvidence } from '../domain/evidence/add-evidence.js';
import type { Principal } from '../domain/staff.js';
import { type ActionDeps, actionReceipt, loadVisibleCase } from './case-actions.js';
import { commitStep } from './case-changes.js';
import { AppError, ConditionFailedError, notFound, versionConflict } from './errors.js';
import { attachStaged, type EvidenceDeps, evidenceError, evidenceViews, releaseStaged } from './evidence.js';

export type CaseEvidenceDeps = ActionDeps & { evidence: EvidenceDeps };

export async function listCaseEvidence(deps: CaseEvidenceDeps, who: Principal, trackingCode: string) {
  const record = await loadVisibleCase(deps, who, trackingCode);
  return evidenceViews(deps.evidence, record.evidence ?? []);
}

/** A fresh short-lived link to one file of a case the caller may see. */
export async function caseEvidenceLink(
  deps: CaseEvidenceDeps,
  who: Principal,
  trackingCode: string,
  evidenceId: string,
): Promise<string> {
  const record = await loadVisibleCase(deps, who, trackingCode);
  const ref = record.evidence?.find((e) => e.id === evidenceId);
  if (!ref) throw notFound('evidence file');
  const [view] = await evidenceViews(deps.evidence, [ref]);
  return view?.url ?? '';
}

export async function addCaseEvidence(
  deps: CaseEvidenceDeps,
  who: Principal,
  trackingCode: string,
  input: { uploads: readonly string[]; expectedVersion: number },
) {
  const record = await loadVisibleCase(deps, who, trackingCode);
  if (!canAddEvidence(who, record))
    throw new AppError(403, 'FORBIDDEN', `Role ${who.role} may not add evidence.`);
  if (record.version !== input.expectedVersion) throw versionConflict();
  const at = deps.clock.now().toISOString();
  const refs = await attachStaged(deps.evidence, {
    caseId: record.id,
    uploadIds: input.uploads,
    addedBy: who.username,
    uploader: 'staff',
    at,
    path: 'uploads',
  });
  const step = addEvidence(record, refs, who.username, at);
  if (step === 'case_final')
    throw new AppError(409, 'INVALID_STATE', 'The case is closed; no evidence can be added.');
  if (step === 'too_many') throw evidenceError('evidence_too_many', 'uploads');
  try {
    const next = await commitStep(deps, record, step);
    await releaseStaged(deps.evidence, input.uploads);
    deps.logger.info('evidence added', { caseId: record.id, user: who.username, files: refs.length });
    return { ...actionReceipt(next, who), evidence: await evidenceViews(deps.evidence, next.evidence ?? []) };
  } catch (e) {
    if (e instanceof ConditionFailedError) throw versionConflict();
    throw e;
  }
}
