import type { CaseEvent, CaseRecord } from '../domain/case.js';
import type { StepResult } from '../domain/lifecycle/evolve.js';
import {
  citizenNotifications,
  type PendingNotification,
  pendingNotifications,
} from '../domain/lifecycle/notifications.js';
import { ConditionFailedError, notFound } from './errors.js';
import type { CaseStore, WorkflowStarter } from './ports.js';

/** The case store with the versioned update every lifecycle change goes through. */
export interface CaseChangeStore extends CaseStore {
  updateCase(current: CaseRecord, next: CaseRecord, pending?: readonly PendingNotification[]): Promise<void>;
  /** Appends a history event without a version bump; with `onceKey` at most once (see the repository). */
  appendEvent(caseId: string, event: CaseEvent, onceKey?: string): Promise<boolean>;
}

export interface ChangeDeps {
  store: CaseChangeStore;
  workflow: WorkflowStarter;
  /** Wakes the notification delivery (local poller) after a change that notifies; optional. */
  notify?: (() => void) | undefined;
}

/**
 * Writes one lifecycle step: the case change and the notifications it causes (staff, and the citizen
 * when the status moves) as one conditional write (version check); delivery follows from the stored
 * pending list. For a reopened case the new workflow cycle starts after the write. Throws
 * ConditionFailedError when the case changed since it was read.
 */
export async function commitStep(
  deps: ChangeDeps,
  current: CaseRecord,
  result: StepResult,
): Promise<CaseRecord> {
  const at = result.next.events.at(-1)?.at ?? result.next.receivedAt;
  const notifications = [...result.notifications, ...citizenNotifications(current, result.next)];
  const pending = pendingNotifications(current.id, result.next.version, at, notifications);
  await deps.store.updateCase(current, result.next, pending);
  if (pending.length > 0) deps.notify?.();
  if (result.startWorkflowCycle) await deps.workflow.startCaseWorkflow(current.id, result.startWorkflowCycle);
  return result.next;
}

/**
 * For the workflow (system actor): read the case, compute the step, write it; on a lost race with a
 * person acting on the case at the same moment, read again and recompute. Returns the case as stored.
 */
export async function applyToFreshCase(
  deps: ChangeDeps,
  caseId: string,
  step: (record: CaseRecord) => StepResult | undefined,
): Promise<CaseRecord> {
  for (let attempt = 0; ; attempt++) {
    const record = await deps.store.getCase(caseId);
    if (!record) throw notFound();
    const result = step(record);
    if (!result) return record;
    try {
      return await commitStep(deps, record, result);
    } catch (e) {
      if (!(e instanceof ConditionFailedError) || attempt >= 5) throw e;
    }
  }
}
