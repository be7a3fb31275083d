import type { CaseRecord } from '../case.js';
import { finalStatuses } from '../case-status.js';
import { evolve, type StepResult } from '../lifecycle/evolve.js';
import { type EvidenceRef, MAX_EVIDENCE_PER_CASE } from './evidence.js';

export type AddEvidenceRefusal = 'case_final' | 'too_many';

/**
 * Staff add evidence to an open case: references appended, one `evidence_added` event (internal:
 * not on the public timeline). Returns why not instead when the case is final or would hold too many.
 */
export function addEvidence(
  record: CaseRecord,
  refs: readonly EvidenceRef[],
  actor: string,
  at: string,
): StepResult | AddEvidenceRefusal {
  if (finalStatuses.has(record.status)) return 'case_final';
  const known = new Set((record.evidence ?? []).map((e) => e.id));
  const fresh = refs.filter((r) => !known.has(r.id));
  if ((record.evidence?.length ?? 0) + fresh.length > MAX_EVIDENCE_PER_CASE) return 'too_many';
  return {
    next: evolve(record, { evidence: [...(record.evidence ?? []), ...fresh] }, [
      { type: 'evidence_added', at, actor, evidence: fresh.map((r) => r.id) },
    ]),
    notifications: [],
  };
}

/** What a citizen sees of a case's evidence: the photos they sent, not the office's working files. */
export const citizenEvidence = (record: CaseRecord) =>
  (record.evidence ?? []).filter((e) => e.addedBy === 'citizen');
