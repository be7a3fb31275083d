/**
 * The steps the case workflow (Step Functions) runs, as pure functions of the case and the clock.
 * The case item is the single source of truth: the state machine only carries the case id, the
 * decision of the last Check and, from intake, the new case as stored (so Route need not read it).
 *
 * Escalation ladder (升级): handling deadline passed → 催办 (urge, level 1, +3 working days)
 * → 督办 (supervise, level 2, +2 working days) → 问责 (accountability, level 3, leadership notified).
 */

import { awaitingTriage, type CaseRecord } from '../case.js';
import { finalStatuses } from '../case-status.js';
import { FALLBACK_ROUTING_REASON } from '../queues.js';
import { findOffice } from '../reference/catalog.js';
import { deadlinePolicy, dueAfter, handlingDeadline, type LifecycleContext } from './context.js';
import { evolve, type StepResult } from './evolve.js';
import { routeCase } from './routing.js';

/** Longest single Wait: bounded sleeps keep executions re-entrant and transitions few. */
export const MAX_WAIT_MS = 7 * 24 * 3600_000;

export type CheckDecision =
  | { decision: 'done' }
  | { decision: 'wait'; until: Date }
  | { decision: 'escalate' }
  | { decision: 'accountable' };

/** Statuses where the office is on the clock. */
const ON_THE_CLOCK = new Set(['assigned', 'in_progress']);

/** Route (分派): pick the office, set the handling deadline. Undefined when already routed (re-entry). */
export function routeStep(record: CaseRecord, ctx: LifecycleContext): StepResult | undefined {
  // A case awaiting triage (mailbox, unmapped 12345 order) is routed only after a dispatcher classifies it.
  if (record.status !== 'submitted' || awaitingTriage(record)) return undefined;
  const { officeId, matchedRule, coHandling } = routeCase(ctx.catalog, record.area, record.category);
  const ours = handlingDeadline(ctx, record.category, record.urgent);
  // A 12345 work order keeps the platform's deadline when it is the earlier one.
  const platform = record.workOrder?.platformDeadline;
  const due = platform && platform < ours.due ? platform : ours.due;
  const warnings = ours.warnings;
  const at = ctx.now.toISOString();
  const office = findOffice(ctx.catalog, officeId);
  return {
    next: evolve(
      record,
      { status: 'assigned', officeId, deadline: due, assignedAt: at, escalationLevel: 0, coHandling },
      [
        ...warnings,
        {
          type: 'assigned',
          at,
          actor: 'system',
          officeId,
          deadline: due,
          reason: matchedRule ? 'routing rule' : FALLBACK_ROUTING_REASON,
          ...(coHandling ? { coHandling: coHandling.name } : {}),
        },
      ],
    ),
    notifications: [
      {
        kind: 'assignment',
        to: { office: officeId },
        caseId: record.id,
        message: `新案件已分派至${office?.name ?? officeId}，办理期限 ${due}`,
        messageEn: `New case assigned to ${office?.nameEn ?? officeId}, due ${due}`,
        params: { officeId, due },
      },
    ],
  };
}

/** The due date the office is currently held to: the handling deadline, then each rung's. */
export function currentDue(record: CaseRecord): string | undefined {
  return record.escalationLevel > 0 ? record.escalationDue : record.deadline;
}

/** Check: what the workflow does next, from the case as stored now. */
export function checkStep(record: CaseRecord, ctx: LifecycleContext): CheckDecision {
  if (finalStatuses.has(record.status)) return { decision: 'done' };
  const now = ctx.now.getTime();
  const cap = new Date(now + MAX_WAIT_MS);
  const due = currentDue(record);
  if (!ON_THE_CLOCK.has(record.status) || !due || record.escalationLevel >= 3) {
    // Waiting on a dispatcher (review, return, routing) or the ladder is exhausted: look again later.
    return { decision: 'wait', until: cap };
  }
  const dueMs = Date.parse(due);
  if (now <= dueMs) return { decision: 'wait', until: new Date(Math.min(dueMs + 1, cap.getTime())) };
  return record.escalationLevel === 2 ? { decision: 'accountable' } : { decision: 'escalate' };
}

/**
 * When the workflow must next look at the case (the sparse wake index), as a pure function of the
 * case: the instant Check stops answering `wait` (one ms past the current due date), or for a case
 * not yet routed its receipt (Route is due at once). Undefined when no passage of time changes
 * anything — closed, waiting on a dispatcher, ladder exhausted, or a workflow failure that a person
 * or the reconciler must look at — so such cases cost nothing while they sleep.
 */
export function wakeAt(record: CaseRecord): string | undefined {
  if (finalStatuses.has(record.status)) return undefined;
  if (record.events.at(-1)?.type === 'workflow_failed') return undefined;
  if (record.status === 'submitted') return awaitingTriage(record) ? undefined : record.receivedAt;
  const due = currentDue(record);
  if (!ON_THE_CLOCK.has(record.status) || !due || record.escalationLevel >= 3) return undefined;
  return new Date(Date.parse(due) + 1).toISOString();
}

/** Escalate one rung: 催办 (level 1) or 督办 (level 2), with the rung's new due date. */
export function escalateStep(record: CaseRecord, ctx: LifecycleContext): StepResult {
  const level = record.escalationLevel + 1;
  const p = deadlinePolicy(ctx, record.category);
  const { due, warnings } = dueAfter(
    ctx,
    ctx.now,
    level === 1 ? p.escalationDays.urge : p.escalationDays.supervise,
  );
  const type = level === 1 ? 'urged' : 'supervised';
  const officeId = record.officeId ?? '';
  const label = level === 1 ? '催办' : '督办';
  return {
    next: evolve(record, { escalationLevel: level, escalationDue: due }, [
      ...warnings,
      {
        type,
        at: ctx.now.toISOString(),
        actor: 'system',
        level,
        officeId,
        due,
        reason: `deadline ${currentDue(record)} passed without closure`,
      },
    ]),
    notifications: [
      {
        kind: 'escalation',
        to: { office: officeId },
        caseId: record.id,
        message: `${label}：案件已逾期，请于 ${due} 前办结`,
        messageEn: `${level === 1 ? 'Urged' : 'Supervised'}: the case is overdue; finish by ${due}`,
        params: { officeId, level, due },
      },
      ...(level === 2
        ? [
            {
              kind: 'escalation' as const,
              to: { role: 'dispatcher' as const },
              caseId: record.id,
              message: `督办：${officeId} 承办的案件催办后仍未办结`,
              messageEn: `Supervised: case of ${officeId} still open after urging`,
              params: { officeId, level },
            },
          ]
        : []),
    ],
  };
}

/** 问责: the ladder is exhausted; record accountability against the office and tell leadership. */
export function accountabilityStep(record: CaseRecord, ctx: LifecycleContext): StepResult {
  const at = ctx.now.toISOString();
  const officeId = record.officeId ?? '';
  return {
    next: evolve(
      record,
      {
        escalationLevel: 3,
        accountability: [...(record.accountability ?? []), { at, by: 'system', officeId }],
      },
      [
        {
          type: 'accountability_opened',
          at,
          actor: 'system',
          level: 3,
          officeId,
          reason: `still open after 催办 and 督办 (due ${currentDue(record)})`,
        },
      ],
    ),
    notifications: [
      {
        kind: 'accountability',
        to: { role: 'leader' },
        caseId: record.id,
        message: `问责：${officeId} 承办的案件经催办、督办仍逾期未办结`,
        messageEn: `Accountability: ${officeId} left the case overdue after urging and supervision`,
        params: { officeId },
      },
      {
        kind: 'accountability',
        to: { role: 'dispatcher' },
        caseId: record.id,
        message: `问责：请记录对 ${officeId} 的问责处理`,
        messageEn: `Accountability: record the measure taken against ${officeId}`,
        params: { officeId },
      },
    ],
  };
}
