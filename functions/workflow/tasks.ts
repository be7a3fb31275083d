/**
 * The task handlers the case state machine calls (workflows/case-lifecycle.asl.json). The same code
 * runs in the workflow Lambda on AWS and in-process under the embedded runtime's local runner.
 */
import type { CaseRecord } from '../domain/case.js';
import type { LifecycleContext } from '../domain/lifecycle/context.js';
import { recordEvent } from '../domain/lifecycle/evolve.js';
import {
  accountabilityStep,
  type CheckDecision,
  checkStep,
  escalateStep,
  routeStep,
  wakeAt,
} from '../domain/lifecycle/workflow-steps.js';
import { applyToFreshCase, type ChangeDeps, commitStep } from '../services/case-changes.js';
import { ConditionFailedError } from '../services/errors.js';
import type { CalendarSource, CatalogSource, Clock, Logger } from '../services/ports.js';

export interface WorkflowDeps extends ChangeDeps {
  clock: Clock;
  catalog: CatalogSource;
  calendar: CalendarSource;
  logger: Logger;
}

export type TaskName = 'route' | 'check' | 'escalate' | 'accountability' | 'recordFailure';
export interface TaskInput {
  task: TaskName;
  caseId: string;
  failure?: { Error?: string; Cause?: string };
  /** Route: the execution input; intake puts the new case there (see routeHint) so Route need not read it. */
  start?: { route?: CaseRecord | undefined };
}
export interface TaskOutput {
  caseId: string;
  decision?: CheckDecision['decision'];
  /** Real seconds the Wait state sleeps (SecondsPath): domain time to the next due, via the clock. */
  waitSeconds?: number;
  /**
   * When the wake index next holds the case (`wakeAt`, uncapped; absent when nothing wakes it): the
   * local runner wakes its scheduler earlier only for this, since a capped re-check is not in the index.
   */
  wakeAt?: string;
}

async function context(deps: WorkflowDeps): Promise<LifecycleContext> {
  const [catalog, calendar] = await Promise.all([deps.catalog.get(), deps.calendar.get()]);
  return { now: deps.clock.now(), catalog, calendar };
}

function decide(deps: WorkflowDeps, record: CaseRecord, ctx: LifecycleContext): TaskOutput {
  const d = checkStep(record, ctx);
  if (d.decision !== 'wait') return { caseId: record.id, decision: d.decision };
  const ms = d.until.getTime() - ctx.now.getTime();
  const wake = wakeAt(record);
  return {
    caseId: record.id,
    decision: 'wait',
    // Step Functions wants whole seconds; rounding up never wakes before the due time.
    waitSeconds: Math.max(1, Math.ceil(deps.clock.realSecondsFor(ms))),
    ...(wake ? { wakeAt: wake } : {}),
  };
}

/**
 * Routes the case: from the case intake handed over in the execution input when there is one (no
 * read), else — a resumed or reopened execution, or a case that changed since — from a fresh read.
 * Either way the write is one conditional update on `version`.
 */
async function route(deps: WorkflowDeps, input: TaskInput, ctx: LifecycleContext): Promise<CaseRecord> {
  const hinted = input.start?.route;
  const step = hinted?.id === input.caseId ? routeStep(hinted, ctx) : undefined;
  if (hinted && step) {
    try {
      return await commitStep(deps, hinted, step);
    } catch (e) {
      if (!(e instanceof ConditionFailedError)) throw e;
    }
  }
  return applyToFreshCase(deps, input.caseId, (r) => routeStep(r, ctx));
}

export async function runTask(deps: WorkflowDeps, input: TaskInput): Promise<TaskOutput> {
  const ctx = await context(deps);
  switch (input.task) {
    case 'route':
      // Route answers what Check would (the state machine goes on to Decide): the case it just
      // wrote, or read, is the freshest there is.
      return decide(deps, await route(deps, input, ctx), ctx);
    case 'check': {
      const record = await deps.store.getCase(input.caseId);
      if (!record) return { caseId: input.caseId, decision: 'done' }; // nothing left to watch
      return decide(deps, record, ctx);
    }
    case 'escalate': {
      const next = await applyToFreshCase(deps, input.caseId, (r) =>
        checkStep(r, ctx).decision === 'escalate' ? escalateStep(r, ctx) : undefined,
      );
      return decide(deps, next, ctx);
    }
    case 'accountability': {
      const next = await applyToFreshCase(deps, input.caseId, (r) =>
        checkStep(r, ctx).decision === 'accountable' ? accountabilityStep(r, ctx) : undefined,
      );
      return decide(deps, next, ctx);
    }
    case 'recordFailure': {
      deps.logger.error('case workflow failed', { caseId: input.caseId, error: input.failure?.Error });
      await applyToFreshCase(deps, input.caseId, (r) =>
        recordEvent(r, {
          type: 'workflow_failed',
          at: ctx.now.toISOString(),
          actor: 'system',
          error: input.failure?.Error ?? 'unknown',
        }),
      );
      return { caseId: input.caseId };
    }
  }
}
