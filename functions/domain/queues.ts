/**
 * Which work queues (工作队列) a case sits in, as a pure function of the case. The table's index
 * attributes are computed from this on every write, so a change moves the case between queues in the
 * same conditional write, and a list read from an index never shows a case in a queue it has left.
 */
import { awaitingTriage, type CaseRecord } from './case.js';
import { type CaseStatus, finalStatuses } from './case-status.js';

/** Statuses in which the office is on the clock (the inspector's open queue, sorted by deadline). */
export const ON_THE_CLOCK: ReadonlySet<CaseStatus> = new Set(['assigned', 'in_progress']);

/** Reason the router writes when no routing rule matched and the district team got the case. */
export const FALLBACK_ROUTING_REASON = 'no routing rule: district inspection team';

const ASSIGNMENT_EVENTS = new Set(['assigned', 'reassigned', 'return_accepted']);

/** Routed by the fallback (no rule matched) and no dispatcher has placed it since (待分派 unrouted). */
export function isUnrouted(r: CaseRecord): boolean {
  // Arrived without category or area (mailbox, an unmapped 12345 order): waits for a dispatcher too.
  if (awaitingTriage(r)) return true;
  if (!ON_THE_CLOCK.has(r.status)) return false;
  const last = r.events.findLast((e) => ASSIGNMENT_EVENTS.has(e.type));
  return last?.type === 'assigned' && last.reason === FALLBACK_ROUTING_REASON;
}

/** An extension request waits for a dispatcher's decision (延期申请待审批). */
export const hasPendingExtension = (r: CaseRecord) => ON_THE_CLOCK.has(r.status) && !!r.extensionRequest;

/** Still open and at 催办 (1), 督办 (2) or 问责 (3). */
export const isEscalated = (r: CaseRecord) => !finalStatuses.has(r.status) && r.escalationLevel > 0;

/** When a finished case finished (its closure, rejection or merge). */
export const finishedAt = (r: CaseRecord) => r.closedAt ?? r.events.at(-1)?.at ?? r.receivedAt;

/** Named queues a page or an API client can ask for (工作队列). */
export const queueNames = [
  'open',
  'due_soon',
  'overdue',
  'finished',
  'submitted',
  'returned',
  'pending_review',
  'extension',
  'escalated',
  'unrouted',
  'entered',
] as const;
export type QueueName = (typeof queueNames)[number];
