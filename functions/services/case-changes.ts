import type { CaseRepository } from '../adapters/dynamo/case-repository.js';
import type { Outbox } from '../adapters/dynamo/outbox-repository.js';
import type { CaseRecord } from '../domain/case.js';
import type { StepResult } from '../domain/lifecycle/evolve.js';
import { ConditionFailedError, notFound } from './errors.js';
import type { WorkflowStarter } from './ports.js';

export interface ChangeDeps {
  store: CaseRepository;
  outbox: Outbox;
  workflow: WorkflowStarter;
}

/**
 * Writes one lifecycle step: the case change as one conditional write (version check), then its
 * notifications, then — for a reopened case — the new workflow cycle. Throws ConditionFailedError
 * when the case changed since it was read.
 */
export async function commitStep(
  deps: ChangeDeps,
  current: CaseRecord,
  result: StepResult,
): Promise<CaseRecord> {
  await deps.store.updateCase(current, result.next);
  const at = result.next.events.at(-1)?.at ?? new Date().toISOString();
  if (result.notifications.length > 0) await deps.outbox.post(at, result.notifications);
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
