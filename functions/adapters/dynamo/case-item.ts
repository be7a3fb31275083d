/**
 * Mapping between a CaseRecord and its table item: the primary key plus the GSI attributes that place
 * the case in its queues. Recomputed on every write, so a status change moves the case between queues
 * in the same conditional write.
 */
import type { CaseRecord } from '../../domain/case.js';
import { receivedMonth, subjectKey } from '../../domain/case.js';
import type { CaseStatus } from '../../domain/case-status.js';
import { wakeAt } from '../../domain/lifecycle/workflow-steps.js';
import { keys, UNROUTED_OFFICE } from '../table-design.js';

/** Statuses in which a case sits in its office's work queue. */
const OFFICE_QUEUE_STATUSES: ReadonlySet<CaseStatus> = new Set(['assigned', 'in_progress']);

export const INDEX_ATTRIBUTES = [
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'wakepk',
  'wakesk',
];

export function caseIndexAttributes(r: CaseRecord): Record<string, string> {
  const attrs: Record<string, string> = {
    ...keys.statusQueue(r.status, r.receivedAt, r.id),
    ...keys.officeMonth(receivedMonth(r.receivedAt), r.officeId ?? UNROUTED_OFFICE, r.receivedAt, r.id),
    ...keys.subject(subjectKey(r.subject), r.receivedAt, r.id),
  };
  if (r.officeId && r.deadline && OFFICE_QUEUE_STATUSES.has(r.status)) {
    Object.assign(attrs, keys.officeQueue(r.officeId, r.deadline, r.id));
  }
  const wake = wakeAt(r);
  if (wake) Object.assign(attrs, keys.wake(r.id, wake));
  return attrs;
}

const NON_RECORD = new Set(['pk', 'sk', ...INDEX_ATTRIBUTES]);

export function caseToItem(r: CaseRecord): Record<string, unknown> {
  return { ...keys.case(r.id), ...r, ...caseIndexAttributes(r) };
}

export function itemToCase(item: Record<string, unknown>): CaseRecord {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!NON_RECORD.has(k)) out[k] = v;
  return out as unknown as CaseRecord;
}
