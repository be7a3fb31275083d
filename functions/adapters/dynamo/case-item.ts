/**
 * Mapping between a CaseRecord and its table item: the primary key plus the GSI attributes that place
 * the case in its queues. Recomputed on every write, so a status change moves the case between queues
 * in the same conditional write.
 */
import type { CaseRecord } from '../../domain/case.js';
import { receivedMonth, subjectKey } from '../../domain/case.js';
import { finalStatuses } from '../../domain/case-status.js';
import { wakeAt } from '../../domain/lifecycle/workflow-steps.js';
import {
  finishedAt,
  hasPendingExtension,
  isEscalated,
  isUnrouted,
  ON_THE_CLOCK,
} from '../../domain/queues.js';
import { keys, tableDesign, UNROUTED_OFFICE } from '../table-design.js';

export const INDEX_ATTRIBUTES = tableDesign.indexes.flatMap((ix) => [ix.partitionKey, ix.sortKey]);

export function caseIndexAttributes(r: CaseRecord): Record<string, string> {
  const attrs: Record<string, string> = {
    ...keys.statusQueue(r.status, r.receivedAt, r.id),
    ...keys.officeMonth(receivedMonth(r.receivedAt), r.officeId ?? UNROUTED_OFFICE, r.receivedAt, r.id),
    ...keys.subject(subjectKey(r.subject), r.receivedAt, r.id),
    ...keys.category(r.category, r.receivedAt, r.id),
    ...keys.month(receivedMonth(r.receivedAt), r.receivedAt, r.id),
  };
  if (r.enteredBy) Object.assign(attrs, keys.enteredBy(r.enteredBy, r.receivedAt, r.id));
  if (r.officeId) {
    Object.assign(attrs, keys.officeStatus(r.officeId, r.status, r.receivedAt, r.id));
    if (r.deadline && ON_THE_CLOCK.has(r.status)) {
      Object.assign(attrs, keys.officeQueue(r.officeId, r.deadline, r.id));
    } else if (finalStatuses.has(r.status)) {
      Object.assign(attrs, keys.officeFinished(r.officeId, finishedAt(r), r.id));
    }
  }
  const wake = wakeAt(r);
  if (wake) Object.assign(attrs, keys.wake(r.id, wake));
  if (hasPendingExtension(r) && r.extensionRequest) {
    Object.assign(attrs, keys.triage('extension', r.extensionRequest.requestedAt, r.id));
  } else if (isUnrouted(r)) {
    Object.assign(attrs, keys.triage('unrouted', r.receivedAt, r.id));
  }
  if (isEscalated(r)) {
    Object.assign(attrs, keys.escalated(r.escalationLevel, r.deadline ?? r.receivedAt, r.id));
  }
  if (r.reporterPhoneKey) Object.assign(attrs, keys.reporterPhone(r.reporterPhoneKey, r.receivedAt, r.id));
  // Report partitions (see functions/domain/reports/case-facts.ts): finished in a month, and closed
  // before the month of the deadline, so a month's notice finds them without a Scan.
  if (r.closedAt && finalStatuses.has(r.status)) {
    const office = r.officeId ?? UNROUTED_OFFICE;
    Object.assign(attrs, keys.finishMonth(receivedMonth(r.closedAt), office, r.receivedAt, r.id));
    if (r.status === 'closed' && r.deadline && receivedMonth(r.deadline) > receivedMonth(r.closedAt)) {
      Object.assign(attrs, keys.earlyDueMonth(receivedMonth(r.deadline), office, r.receivedAt, r.id));
    }
  }
  if (r.workOrder) Object.assign(attrs, keys.workOrderChange(r.events.at(-1)?.at ?? r.receivedAt, r.id));
  return attrs;
}

/** Notifications waiting for delivery on the case item, and their sparse index entry. */
export const PENDING_ATTRIBUTES = ['pendingNotifications', 'notifyPk', 'notifySk', 'notifyLease'];

/** String set of the once-only appends already made (see CaseRepository.appendEvent); not part of the record. */
export const ONCE_KEYS = 'onceKeys';

/** The idempotency claim a case was filed under (see IdempotencyClaim); not part of the record. */
export const CLAIM_ATTRIBUTES = { tag: 'idemTag', requestHash: 'idemHash' } as const;

const NON_RECORD = new Set([
  'pk',
  'sk',
  ONCE_KEYS,
  ...INDEX_ATTRIBUTES,
  ...PENDING_ATTRIBUTES,
  ...Object.values(CLAIM_ATTRIBUTES),
]);

export function caseToItem(r: CaseRecord): Record<string, unknown> {
  return { ...keys.case(r.id), ...r, ...caseIndexAttributes(r) };
}

export function itemToCase(item: Record<string, unknown>): CaseRecord {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!NON_RECORD.has(k)) out[k] = v;
  return out as unknown as CaseRecord;
}
