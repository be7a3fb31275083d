import type { CaseRecord, Rating } from '../case.js';
import { LifecycleError } from './actions.js';
import { handlingDeadline, type LifecycleContext } from './context.js';
import { evolve, type StepResult } from './evolve.js';

/** Citizens rate the outcome within this many calendar days of closure. */
export const FEEDBACK_WINDOW_DAYS = 10;

/**
 * Citizen feedback (满意度评价) on a closed case. `unsatisfied` reopens the case once with a new
 * handling deadline and a new workflow cycle; after the second closure a rating is recorded only.
 */
export function applyFeedback(
  record: CaseRecord,
  feedback: { rating: Rating; comment?: string | undefined },
  ctx: LifecycleContext,
): StepResult {
  if (record.status !== 'closed' || !record.closedAt) {
    throw new LifecycleError('state', 'Feedback is possible once the case is closed.');
  }
  if (ctx.now.getTime() - Date.parse(record.closedAt) > FEEDBACK_WINDOW_DAYS * 24 * 3600_000) {
    throw new LifecycleError('state', `Feedback is possible within ${FEEDBACK_WINDOW_DAYS} days of closure.`);
  }
  const cycle = record.cycle ?? 1;
  if ((record.feedback ?? []).some((f) => (f.cycle ?? 1) === cycle)) {
    throw new LifecycleError('state', 'This outcome has already been rated.');
  }

  const at = ctx.now.toISOString();
  const entry = { at, rating: feedback.rating, comment: feedback.comment, cycle };
  const feedbackList = [...(record.feedback ?? []), entry];
  const event = { type: 'feedback', at, actor: 'citizen', rating: feedback.rating };
  const reopen = feedback.rating === 'unsatisfied' && (record.reopenCount ?? 0) === 0;
  if (!reopen) return { next: evolve(record, { feedback: feedbackList }, [event]), notifications: [] };

  const { due, warnings } = handlingDeadline(ctx, record.category, record.urgent);
  const nextCycle = cycle + 1;
  const office = record.officeId ?? '';
  return {
    next: evolve(
      record,
      {
        feedback: feedbackList,
        status: 'in_progress',
        deadline: due,
        assignedAt: at,
        escalationLevel: 0,
        escalationDue: undefined,
        closedAt: undefined,
        report: undefined,
        reopenCount: 1,
        cycle: nextCycle,
      },
      [
        event,
        ...warnings,
        { type: 'reopened', at, actor: 'citizen', deadline: due, reason: 'citizen unsatisfied' },
      ],
    ),
    notifications: [
      {
        kind: 'reopened',
        to: { office },
        caseId: record.id,
        message: `群众不满意，案件重新办理，期限 ${due}`,
        messageEn: `Citizen unsatisfied: case reopened, due ${due}`,
        params: { officeId: office, due },
      },
    ],
    startWorkflowCycle: nextCycle,
  };
}
