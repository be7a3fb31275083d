/**
 * Default deadlines, in working days (工作日), from hotline practice (ARCHITECTURE §4); configurable, with
 * per-category overrides of the handling deadline.
 *
 * Escalation ladder once a case passes its handling deadline (逾期, overdue):
 *   level 1 催办 (urge):      the office is urged; new due date = +`escalationDays.urge` (3) working days
 *   level 2 督办 (supervise): formal supervision;  new due date = +`escalationDays.supervise` (2) working days
 *   level 3 问责 (accountability): still not done — leadership is notified to hold the office accountable.
 *
 * An extension (延期) is requested before the deadline, decided by a dispatcher, granted at most
 * `maxExtensions` times and for at most `maxExtensionDays` working days. A misrouted case is returned
 * (退回) within `returnWindowDays` working days of assignment.
 */
export interface DeadlinePolicy {
  /** 办理时限: normal handling deadline. */
  handlingDays: number;
  /** 紧急件: handling deadline for urgent cases. */
  urgentHandlingDays: number;
  /** 退回: window to send a misrouted case back to dispatch. */
  returnWindowDays: number;
  /** 延期: longest single extension. */
  maxExtensionDays: number;
  /** 延期: how many extensions a case may get. */
  maxExtensions: number;
  escalationDays: { urge: number; supervise: number };
}

export const defaultDeadlinePolicy: DeadlinePolicy = {
  handlingDays: 15,
  urgentHandlingDays: 3,
  returnWindowDays: 2,
  maxExtensionDays: 15,
  maxExtensions: 1,
  escalationDays: { urge: 3, supervise: 2 },
};

/** Per complaint category code: a different (urgent) handling deadline. */
export type DeadlinePolicyOverrides = Record<
  string /* category code */,
  Partial<Pick<DeadlinePolicy, 'handlingDays' | 'urgentHandlingDays'>>
>;

/** The policy for one category: `base` with that category's overrides, as a fresh object. */
export function policyFor(
  category: string,
  base: DeadlinePolicy = defaultDeadlinePolicy,
  overrides: DeadlinePolicyOverrides = {},
): DeadlinePolicy {
  // Own properties only: a category code such as 'constructor' must not pick up Object.prototype.
  const o = Object.hasOwn(overrides, category) ? overrides[category] : undefined;
  return {
    ...base,
    handlingDays: o?.handlingDays ?? base.handlingDays,
    urgentHandlingDays: o?.urgentHandlingDays ?? base.urgentHandlingDays,
    escalationDays: { ...base.escalationDays },
  };
}
