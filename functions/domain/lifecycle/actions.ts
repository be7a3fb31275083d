/**
 * Lifecycle actions (办理操作) on a case: who may do what, in which status, and what it changes.
 * Pure: the service loads the case, checks the caller may see it, calls `applyAction`, and writes the
 * result with one conditional update.
 */
import { workingDaysBetween } from '../calendar/working-days.js';
import type { AccountabilityMeasure, CaseEvent, CaseRecord, Finding } from '../case.js';
import { type CaseStatus, caseStatusCodes } from '../case-status.js';
import { findArea, findCategory, findOffice, type SubjectKind } from '../reference/catalog.js';
import type { Principal, Role } from '../staff.js';
import { deadlinePolicy, dueAfter, handlingDeadline, type LifecycleContext } from './context.js';
import { evolve, type StepResult } from './evolve.js';
import type { Notification, NotificationParams } from './notifications.js';

export type CaseAction =
  | { type: 'start' }
  | { type: 'note'; text: string }
  | { type: 'return'; reason: string }
  | { type: 'request_extension'; days: number; reason: string }
  | { type: 'submit_report'; finding: Finding; actions: string; reply: string }
  | { type: 'reject'; reason: string }
  | { type: 'merge'; into: string }
  | { type: 'reassign'; officeId: string; reason?: string | undefined }
  | {
      type: 'decide_return';
      decision: 'reassign' | 'send_back';
      officeId?: string | undefined;
      reason?: string | undefined;
    }
  | {
      type: 'decide_extension';
      approve: boolean;
      newDeadline?: string | undefined;
      reason?: string | undefined;
    }
  | { type: 'approve'; note?: string | undefined }
  | { type: 'send_back'; reason: string }
  | {
      type: 'record_accountability';
      measure: AccountabilityMeasure;
      targetUnit: string;
      note?: string | undefined;
    }
  /** 改变类别或紧急程度: a dispatcher corrects the category and/or urgency; the deadline follows. */
  | { type: 'reclassify'; category?: string | undefined; urgent?: boolean | undefined; reason: string }
  /** 领导批示: a leader's recorded instruction on a case, shown to its office. */
  | { type: 'instruct'; text: string }
  | {
      /** Triage (分类): category, area (and subject) for a case that arrived without them (mailbox, 12345). */
      type: 'classify';
      category: string;
      area: string;
      subject?: { kind: SubjectKind; name: string } | undefined;
    };
export type ActionType = CaseAction['type'];

const OPEN: CaseStatus[] = ['submitted', 'assigned', 'in_progress', 'pending_review', 'returned'];

/** Who may take each action, from which statuses. */
export const actionRules: Record<ActionType, { roles: readonly Role[]; from: readonly CaseStatus[] }> = {
  start: { roles: ['inspector'], from: ['assigned'] },
  note: { roles: ['inspector', 'dispatcher'], from: OPEN },
  return: { roles: ['inspector'], from: ['assigned', 'in_progress'] },
  request_extension: { roles: ['inspector'], from: ['assigned', 'in_progress'] },
  submit_report: { roles: ['inspector'], from: ['assigned', 'in_progress'] },
  reject: { roles: ['dispatcher'], from: ['submitted', 'assigned', 'returned'] },
  merge: { roles: ['dispatcher'], from: ['submitted', 'assigned', 'in_progress', 'returned'] },
  reassign: { roles: ['dispatcher'], from: ['submitted', 'assigned', 'in_progress', 'returned'] },
  decide_return: { roles: ['dispatcher'], from: ['returned'] },
  decide_extension: { roles: ['dispatcher'], from: ['assigned', 'in_progress'] },
  approve: { roles: ['dispatcher'], from: ['pending_review'] },
  send_back: { roles: ['dispatcher'], from: ['pending_review'] },
  record_accountability: { roles: ['dispatcher'], from: caseStatusCodes },
  reclassify: { roles: ['dispatcher'], from: ['submitted', 'assigned', 'in_progress', 'returned'] },
  instruct: { roles: ['leader'], from: OPEN },
  classify: { roles: ['dispatcher'], from: ['submitted'] },
};

export class LifecycleError extends Error {
  constructor(
    readonly kind: 'forbidden' | 'state' | 'invalid',
    message: string,
    readonly details: { allowedActions?: ActionType[]; field?: string } = {},
  ) {
    super(message);
    this.name = 'LifecycleError';
  }
}

/** The actions this caller may take on this case now (listed in a wrong-state answer). */
export function allowedActions(record: CaseRecord, who: Principal): ActionType[] {
  return (Object.keys(actionRules) as ActionType[]).filter((type) => {
    const rule = actionRules[type];
    if (!rule.roles.includes(who.role) || !rule.from.includes(record.status)) return false;
    if (type === 'decide_extension') return record.extensionRequest !== undefined;
    if (type === 'request_extension') return record.extensionRequest === undefined;
    return true;
  });
}

export function applyAction(
  record: CaseRecord,
  action: CaseAction,
  who: Principal,
  ctx: LifecycleContext,
  related: { target?: CaseRecord | undefined } = {},
): StepResult {
  const rule = actionRules[action.type];
  if (!rule.roles.includes(who.role)) {
    throw new LifecycleError('forbidden', `Role ${who.role} may not ${action.type}.`);
  }
  if (who.role === 'inspector' && record.officeId !== who.officeId) {
    throw new LifecycleError('forbidden', 'The case belongs to another office.');
  }
  if (!allowedActions(record, who).includes(action.type)) {
    throw new LifecycleError('state', `Cannot ${action.type} a case that is ${record.status}.`, {
      allowedActions: allowedActions(record, who),
    });
  }
  const at = ctx.now.toISOString();
  const event = (type: string, detail: Record<string, unknown> = {}): CaseEvent => ({
    type,
    at,
    actor: who.username,
    ...detail,
  });
  const toOffice = (
    office: string,
    kind: Notification['kind'],
    message: string,
    messageEn: string,
    params?: NotificationParams,
  ): Notification => ({
    kind,
    to: { office },
    caseId: record.id,
    message,
    messageEn,
    params,
  });
  const toDispatcher = (
    kind: Notification['kind'],
    message: string,
    messageEn: string,
    params?: NotificationParams,
  ): Notification => ({
    kind,
    to: { role: 'dispatcher' },
    caseId: record.id,
    message,
    messageEn,
    params: { officeId: record.officeId, ...params },
  });
  const office = record.officeId ?? '';
  const policy = deadlinePolicy(ctx, record.category);

  switch (action.type) {
    case 'start':
      return { next: evolve(record, { status: 'in_progress' }, [event('started')]), notifications: [] };

    case 'note':
      return { next: evolve(record, {}, [event('note', { text: action.text })]), notifications: [] };

    case 'return': {
      const used = workingDaysBetween(
        ctx.calendar,
        new Date(record.assignedAt ?? record.receivedAt),
        ctx.now,
      );
      if (used > policy.returnWindowDays) {
        throw new LifecycleError(
          'state',
          `A misrouted case must be returned within ${policy.returnWindowDays} working days of assignment.`,
          { allowedActions: allowedActions(record, who).filter((a) => a !== 'return') },
        );
      }
      return {
        next: evolve(record, { status: 'returned', returnedBy: office }, [
          event('returned', { officeId: office, reason: action.reason }),
        ]),
        notifications: [
          toDispatcher('return', `${office} 退回案件：${action.reason}`, `${office} returned the case`, {
            reason: action.reason,
          }),
        ],
      };
    }

    case 'request_extension': {
      if ((record.extensionsUsed ?? 0) >= policy.maxExtensions) {
        throw new LifecycleError('state', 'The case has already had its extension.', {
          allowedActions: allowedActions(record, who).filter((a) => a !== 'request_extension'),
        });
      }
      if (record.deadline && ctx.now.getTime() > Date.parse(record.deadline)) {
        throw new LifecycleError('state', 'An extension must be requested before the deadline.', {
          allowedActions: allowedActions(record, who).filter((a) => a !== 'request_extension'),
        });
      }
      if (action.days > policy.maxExtensionDays) {
        throw new LifecycleError('invalid', `At most ${policy.maxExtensionDays} working days.`, {
          field: 'days',
        });
      }
      return {
        next: evolve(
          record,
          {
            extensionRequest: {
              days: action.days,
              reason: action.reason,
              requestedAt: at,
              requestedBy: who.username,
            },
          },
          [event('extension_requested', { days: action.days, reason: action.reason })],
        ),
        notifications: [
          toDispatcher(
            'extension_request',
            `${office} 申请延期 ${action.days} 个工作日`,
            `${office} asks for ${action.days} more working days`,
            { days: action.days },
          ),
        ],
      };
    }

    case 'submit_report':
      return {
        next: evolve(
          record,
          {
            status: 'pending_review',
            report: {
              finding: action.finding,
              actions: action.actions,
              reply: action.reply,
              submittedAt: at,
              submittedBy: who.username,
            },
          },
          [event('report_submitted', { finding: action.finding })],
        ),
        notifications: [
          toDispatcher('report_submitted', `${office} 提交办理结果，待复核`, `${office} submitted a report`),
        ],
      };

    case 'reject':
      return {
        next: evolve(record, { status: 'rejected', closedAt: at }, [
          event('rejected', { reason: action.reason }),
        ]),
        notifications: [],
      };

    case 'merge': {
      const target = related.target;
      if (!target || target.id === record.id) {
        throw new LifecycleError('invalid', 'Merge into another existing case.', { field: 'into' });
      }
      if (target.status === 'merged' || target.status === 'rejected') {
        throw new LifecycleError('invalid', `Cannot merge into a case that is ${target.status}.`, {
          field: 'into',
        });
      }
      return {
        next: evolve(record, { status: 'merged', mergedInto: target.id, closedAt: at }, [
          event('merged', { into: target.id }),
        ]),
        notifications: [],
      };
    }

    case 'reassign':
      return reassignTo(record, action.officeId, action.reason, who, ctx, 'reassigned');

    case 'decide_return':
      if (action.decision === 'reassign') {
        if (!action.officeId) {
          throw new LifecycleError('invalid', 'Name the office to reassign to.', { field: 'officeId' });
        }
        return reassignTo(record, action.officeId, action.reason, who, ctx, 'return_accepted');
      }
      return {
        next: evolve(record, { status: 'assigned', returnedBy: undefined }, [
          event('return_refused', { officeId: office, reason: action.reason }),
        ]),
        notifications: [
          toOffice(
            office,
            'return',
            `退回未被同意，请继续办理：${action.reason ?? ''}`,
            'Return refused: keep handling',
            { reason: action.reason },
          ),
        ],
      };

    case 'decide_extension': {
      const request = record.extensionRequest;
      if (!request || !record.deadline) throw new LifecycleError('state', 'No extension request is pending.');
      if (!action.approve) {
        return {
          next: evolve(record, { extensionRequest: undefined }, [
            event('extension_refused', { reason: action.reason }),
          ]),
          notifications: [
            toOffice(office, 'extension_decision', '延期申请未获批准', 'Extension refused', {
              approved: false,
            }),
          ],
        };
      }
      const from = new Date(record.deadline);
      const limit = dueAfter(ctx, from, policy.maxExtensionDays).due;
      let newDeadline = dueAfter(ctx, from, request.days);
      if (action.newDeadline) {
        const chosen = new Date(`${action.newDeadline}T23:59:59.999+08:00`).toISOString();
        if (chosen <= record.deadline || chosen > limit) {
          throw new LifecycleError(
            'invalid',
            `The new deadline must be after ${record.deadline} and at most ${policy.maxExtensionDays} working days later.`,
            { field: 'newDeadline' },
          );
        }
        newDeadline = { due: chosen, warnings: [] };
      }
      return {
        next: evolve(
          record,
          {
            deadline: newDeadline.due,
            extensionRequest: undefined,
            extensionsUsed: (record.extensionsUsed ?? 0) + 1,
          },
          [
            ...newDeadline.warnings,
            event('extension_approved', { deadline: newDeadline.due, previous: record.deadline }),
          ],
        ),
        notifications: [
          toOffice(
            office,
            'extension_decision',
            `延期已批准，新期限 ${newDeadline.due}`,
            `Extension approved`,
            { approved: true, due: newDeadline.due },
          ),
        ],
      };
    }

    case 'approve':
      return {
        next: evolve(record, { status: 'closed', closedAt: at }, [
          event('closed', {
            reply: record.report?.reply,
            note: action.note,
            finding: record.report?.finding,
          }),
        ]),
        notifications: [toOffice(office, 'closure', '案件已复核销号', 'Case reviewed and closed')],
      };

    case 'send_back':
      return {
        next: evolve(record, { status: 'in_progress' }, [event('sent_back', { reason: action.reason })]),
        notifications: [
          toOffice(office, 'sent_back', `办理结果被退回：${action.reason}`, 'Report sent back', {
            reason: action.reason,
          }),
        ],
      };

    case 'record_accountability':
      return {
        next: evolve(
          record,
          {
            accountability: [
              ...(record.accountability ?? []),
              {
                at,
                by: who.username,
                officeId: office,
                measure: action.measure,
                targetUnit: action.targetUnit,
                note: action.note,
              },
            ],
          },
          [
            event('accountability_recorded', {
              measure: action.measure,
              targetUnit: action.targetUnit,
              note: action.note,
            }),
          ],
        ),
        notifications: [],
      };

    case 'reclassify':
      return reclassify(record, action, who, ctx);

    case 'instruct':
      return {
        next: evolve(
          record,
          { instructions: [...(record.instructions ?? []), { at, by: who.username, text: action.text }] },
          [event('instruction', { text: action.text })],
        ),
        notifications: record.officeId
          ? [toOffice(record.officeId, 'instruction', `领导批示：${action.text}`, 'Leader instruction')]
          : [toDispatcher('instruction', `领导批示：${action.text}`, 'Leader instruction')],
      };
    case 'classify': {
      const category = findCategory(ctx.catalog, action.category);
      if (!category)
        throw new LifecycleError('invalid', `Unknown category "${action.category}".`, { field: 'category' });
      if (!findArea(ctx.catalog, action.area))
        throw new LifecycleError('invalid', `Unknown area "${action.area}".`, { field: 'area' });
      const subject = action.subject
        ? { kind: action.subject.kind, name: action.subject.name.trim() }
        : record.subject;
      return {
        next: evolve(
          record,
          {
            category: category.code,
            area: action.area,
            subject,
            urgent: record.urgent || category.urgentByDefault,
          },
          [event('classified', { category: category.code, area: action.area })],
        ),
        notifications: [],
        // Routing follows as for any new case (idempotent when the workflow already runs).
        startWorkflowCycle: record.cycle ?? 1,
      };
    }
  }
}

/**
 * 改变类别/紧急程度: the new category and urgency set the handling deadline again, counted in working days
 * from when the current office got the case (the office keeps the time it already had). A case not yet
 * routed only changes its category or urgency; Route then uses them.
 */
function reclassify(
  record: CaseRecord,
  action: Extract<CaseAction, { type: 'reclassify' }>,
  who: Principal,
  ctx: LifecycleContext,
): StepResult {
  const category = action.category ?? record.category;
  const urgent = action.urgent ?? record.urgent;
  if (!findCategory(ctx.catalog, category)) {
    throw new LifecycleError('invalid', `Unknown category "${category}".`, { field: 'category' });
  }
  if (category === record.category && urgent === record.urgent) {
    throw new LifecycleError('invalid', 'Change the category or the urgency.', { field: 'category' });
  }
  const at = ctx.now.toISOString();
  const onTheClock = record.deadline !== undefined && record.status !== 'submitted';
  const due = onTheClock
    ? dueAfter(
        ctx,
        new Date(record.assignedAt ?? record.receivedAt),
        urgent
          ? deadlinePolicy(ctx, category).urgentHandlingDays
          : deadlinePolicy(ctx, category).handlingDays,
        who.username,
      )
    : undefined;
  const office = record.officeId;
  return {
    next: evolve(record, { category, urgent, ...(due ? { deadline: due.due } : {}) }, [
      ...(due?.warnings ?? []),
      {
        type: 'reclassified',
        at,
        actor: who.username,
        from: { category: record.category, urgent: record.urgent },
        to: { category, urgent },
        ...(due ? { deadline: due.due, previousDeadline: record.deadline } : {}),
        reason: action.reason,
      },
    ]),
    notifications:
      office && due
        ? [
            {
              kind: 'reclassified',
              to: { office },
              caseId: record.id,
              message: `案件类别/紧急程度已调整，新办理期限 ${due.due}`,
              messageEn: `Category or urgency changed; new deadline ${due.due}`,
            },
          ]
        : [],
  };
}

function reassignTo(
  record: CaseRecord,
  officeId: string,
  reason: string | undefined,
  who: Principal,
  ctx: LifecycleContext,
  type: 'reassigned' | 'return_accepted',
): StepResult {
  const office = findOffice(ctx.catalog, officeId);
  if (!office) throw new LifecycleError('invalid', `Unknown office "${officeId}".`, { field: 'officeId' });
  if (office.id === record.officeId && record.status !== 'submitted') {
    throw new LifecycleError('invalid', 'The case is already with that office.', { field: 'officeId' });
  }
  const { due, warnings } = handlingDeadline(ctx, record.category, record.urgent);
  const at = ctx.now.toISOString();
  return {
    next: evolve(
      record,
      {
        status: 'assigned',
        officeId: office.id,
        deadline: due,
        assignedAt: at,
        escalationLevel: 0,
        escalationDue: undefined,
        extensionRequest: undefined,
        returnedBy: undefined,
      },
      [
        ...warnings,
        { type, at, actor: who.username, from: record.officeId, officeId: office.id, deadline: due, reason },
        ...(type === 'return_accepted'
          ? [{ type: 'reassigned', at, actor: who.username, officeId: office.id, deadline: due }]
          : []),
      ],
    ),
    notifications: [
      {
        kind: 'assignment',
        to: { office: office.id },
        caseId: record.id,
        message: `案件改派至${office.name}，办理期限 ${due}`,
        messageEn: `Case reassigned to ${office.nameEn}, due ${due}`,
        params: { officeId: office.id, due },
      },
    ],
  };
}
