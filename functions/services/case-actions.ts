import { canSeeCase } from '../domain/authorization.js';
import type { CaseRecord, Rating } from '../domain/case.js';
import { allowedActions, applyAction, type CaseAction, LifecycleError } from '../domain/lifecycle/actions.js';
import type { LifecycleContext } from '../domain/lifecycle/context.js';
import type { StepResult } from '../domain/lifecycle/evolve.js';
import { applyFeedback } from '../domain/lifecycle/feedback.js';
import type { Principal } from '../domain/staff.js';
import { formatTrackingCode, normalizeTrackingCode } from '../domain/tracking-code.js';
import { type ChangeDeps, commitStep } from './case-changes.js';
import { AppError, ConditionFailedError, notFound, validationError, versionConflict } from './errors.js';
import type { CalendarSource, CatalogSource, Clock, Logger, Secrets } from './ports.js';
import { openCitizenCase } from './tracking.js';

export interface ActionDeps extends ChangeDeps {
  clock: Clock;
  catalog: CatalogSource;
  calendar: CalendarSource;
  secrets: Secrets;
  logger: Logger;
}

export async function lifecycleContext(deps: ActionDeps): Promise<LifecycleContext> {
  const [catalog, calendar] = await Promise.all([deps.catalog.get(), deps.calendar.get()]);
  return { now: deps.clock.now(), catalog, calendar };
}

/** Loads a case the caller may see; anything else is the same 404 as a missing case (denial logged). */
export async function loadVisibleCase(
  deps: ActionDeps,
  who: Principal,
  trackingCode: string,
): Promise<CaseRecord> {
  const id = normalizeTrackingCode(trackingCode);
  const record = id ? await deps.store.getCase(id) : undefined;
  if (record && canSeeCase(who, record)) return record;
  if (record)
    deps.logger.warn('case access denied', { user: who.username, role: who.role, caseId: record.id });
  throw notFound();
}

function toAppError(e: LifecycleError): AppError {
  if (e.kind === 'forbidden') return new AppError(403, 'FORBIDDEN', e.message);
  if (e.kind === 'invalid') return validationError([{ path: e.details.field ?? 'type', message: e.message }]);
  return new AppError(409, 'INVALID_STATE', e.message, undefined, {
    allowedActions: e.details.allowedActions ?? [],
  });
}

/** What the caller gets back after an action: enough to refresh a work queue row. */
export function actionReceipt(record: CaseRecord, who: Principal) {
  return {
    trackingCode: formatTrackingCode(record.id),
    status: record.status,
    version: record.version,
    officeId: record.officeId ?? null,
    deadline: record.deadline ?? null,
    escalationLevel: record.escalationLevel,
    allowedActions: allowedActions(record, who),
  };
}

/**
 * A staff action on a case (POST /cases/:trackingCode/actions): scope, version, role and state are
 * checked, then the change is one conditional write. A stale `expectedVersion` or a lost race is a 409.
 */
export async function actOnCase(
  deps: ActionDeps,
  who: Principal,
  trackingCode: string,
  expectedVersion: number,
  action: CaseAction,
) {
  const record = await loadVisibleCase(deps, who, trackingCode);
  if (action.type === 'merge' && record.status === 'merged') {
    // A double-click or a retry of a merge that already happened: finish the (idempotent) link and
    // answer as the first time did; a merge into another case is a 409 below.
    const into = normalizeTrackingCode(action.into);
    if (into && record.mergedInto === into && record.version === expectedVersion + 1) {
      await linkMergedCase(deps, record, who);
      return actionReceipt(record, who);
    }
  }
  if (record.version !== expectedVersion) {
    throw new AppError(
      409,
      'VERSION_CONFLICT',
      'The case was changed since you loaded it; reload and retry.',
      undefined,
      {
        currentVersion: record.version,
      },
    );
  }
  const ctx = await lifecycleContext(deps);
  let target: CaseRecord | undefined;
  if (action.type === 'merge') {
    const targetId = normalizeTrackingCode(action.into);
    target = targetId ? await deps.store.getCase(targetId) : undefined;
    if (!target || !canSeeCase(who, target)) {
      throw validationError([
        { path: 'into', code: 'unknown_value', message: 'No such case to merge into.' },
      ]);
    }
  }
  let result: StepResult;
  try {
    result = applyAction(record, action, who, ctx, { target });
  } catch (e) {
    if (e instanceof LifecycleError) throw toAppError(e);
    throw e;
  }
  try {
    const next = await commitStep(deps, record, result);
    // Merge: the source changed first, conditionally (of parallel merges exactly one gets here), then
    // the target is linked once per source. Should that link fail, a retry of the merge completes it.
    if (target) await linkMergedCase(deps, next, who);
    deps.logger.info('case action', {
      caseId: record.id,
      action: action.type,
      user: who.username,
      version: next.version,
    });
    return actionReceipt(next, who);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw versionConflict();
    throw e;
  }
}

/** The `merged_in` link on the target of a merged case: at most one per source, no version bump. */
async function linkMergedCase(deps: ActionDeps, source: CaseRecord, who: Principal) {
  const into = source.mergedInto;
  if (!into) return;
  const at = source.events.findLast((e) => e.type === 'merged')?.at ?? deps.clock.now().toISOString();
  await deps.store.appendEvent(
    into,
    { type: 'merged_in', at, actor: who.username, from: source.id },
    `merged_in#${source.id}`,
  );
}

/**
 * Citizen feedback (满意度评价) with tracking code + access code; the same 404 as tracking for a wrong
 * code. `unsatisfied` reopens the case once and starts a new workflow cycle.
 */
export async function submitFeedback(
  deps: ActionDeps,
  input: { trackingCode: string; accessCode: string; rating: Rating; comment?: string | undefined },
) {
  const record = await openCitizenCase(deps, input.trackingCode, input.accessCode);
  const ctx = await lifecycleContext(deps);
  let result: StepResult;
  try {
    result = applyFeedback(record, { rating: input.rating, comment: input.comment }, ctx);
  } catch (e) {
    if (e instanceof LifecycleError) throw new AppError(409, 'INVALID_STATE', e.message);
    throw e;
  }
  try {
    const next = await commitStep(deps, record, result);
    return {
      trackingCode: formatTrackingCode(next.id),
      status: next.status,
      reopened: next.status !== 'closed',
    };
  } catch (e) {
    if (e instanceof ConditionFailedError) throw versionConflict();
    throw e;
  }
}
