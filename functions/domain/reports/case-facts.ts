/**
 * What one case contributes to the figures of a month — decided once per case from its history.
 *
 * Which cases count where (month M, Asia/Shanghai; cutoff T = the end of M, or now while M runs):
 * - received 受理: receivedAt in M (every status, rejected and merged included), by channel.
 * - assigned 分派: an assignment event (assigned, reassigned, return_accepted) in M.
 * - closed 销号: closed (approved) at T, by a closure event in M. A case closed in M and reopened later
 *   still counts in M; one closed, reopened and closed again within M counts once.
 * - on time / late: closure instant ≤ / > the deadline in force at the closure (extensions included).
 * - due in the month 应办结: the deadline in force at T falls in M, case not rejected or merged at T —
 *   wherever it was received. 按时办结率 = those closed by their deadline ÷ due; 办结率 = those closed
 *   by T (on time or late) ÷ due.
 * - open at month end 月末未办结: received by T and neither closed, rejected nor merged at T;
 *   overdue 逾期未办结: of those, the deadline in force at T had passed by T.
 * - events (催办 urged, 督办 supervised, 问责 accountability, 退回 returned, 延期 extension approved,
 *   重办 reopened): counted in the month the event happened; an office's figures take events naming
 *   that office (the returning office, the office escalated), other figures take the case's office.
 * - 回访 ratings, findings 属实 and working days to close: of the cases closed in M; the rating is the
 *   first one given after that closure, whenever it came (the feedback window is 10 days, so a notice
 *   published on the 1st may miss the last ratings; publishing again picks them up).
 * - office of a case: the office holding it at T (from its history); unrouted cases count under
 *   UNROUTED in per-office tables.
 */
import { type WorkingCalendar, workingDaysBetween } from '../calendar/working-days.js';
import type { CaseRecord, Channel } from '../case.js';
import { caseAt, deadlineAt, ratingAfter } from './case-timeline.js';
import { inRange, type MonthBounds } from './month.js';

export const UNROUTED = 'UNROUTED';

export type EventKind = 'urged' | 'supervised' | 'returned' | 'extensionGranted' | 'reopened';
const EVENT_KINDS: Record<string, EventKind> = {
  urged: 'urged',
  supervised: 'supervised',
  returned: 'returned',
  extension_approved: 'extensionGranted',
  reopened: 'reopened',
};

export interface OverdueFact {
  readonly deadline: string;
  /** Working days from the deadline's day to the cutoff's day. */
  readonly workingDaysOverdue: number;
  /** 0 none, 1 催办, 2 督办, 3 问责 — at the cutoff. */
  readonly escalationLevel: number;
}

export interface CaseFacts {
  readonly id: string;
  readonly officeId: string;
  readonly category: string;
  readonly area: string;
  readonly channel: Channel;
  readonly subject: { readonly kind: string; readonly name: string };
  readonly status: string;
  readonly received: boolean;
  readonly assigned: boolean;
  readonly closed?:
    | {
        readonly at: string;
        readonly onTime: boolean;
        readonly workingDays: number;
        readonly rating?: string | undefined;
        readonly finding?: string | undefined;
      }
    | undefined;
  readonly due: boolean;
  readonly dueClosed: boolean;
  readonly dueClosedOnTime: boolean;
  readonly openAtEnd: boolean;
  readonly overdue?: OverdueFact | undefined;
  readonly events: readonly { readonly kind: EventKind; readonly officeId: string }[];
  readonly accountability: readonly { readonly officeId: string; readonly measure: string }[];
}

export function caseFacts(
  record: CaseRecord,
  month: MonthBounds,
  cutoff: string,
  calendar: WorkingCalendar,
): CaseFacts {
  const inMonth = (at: string | undefined) => inRange(at, month.start, cutoff);
  const state = caseAt(record, cutoff);
  const officeId = state.officeId ?? UNROUTED;
  const finish = state.finish;
  const closure = finish?.type === 'closed' ? finish : undefined;
  const closureDeadline = closure ? deadlineAt(record, closure.at) : undefined;
  const closedOnTime = !!closure && !!closureDeadline && closure.at <= closureDeadline;

  const closed = closure && inMonth(closure.at) ? closure : undefined;
  const due = inRange(state.deadline, month.start, month.end) && (!finish || finish.type === 'closed');
  const openAtEnd = record.receivedAt <= cutoff && !finish;
  const overdueNow = openAtEnd && !!state.deadline && state.deadline < cutoff;

  return {
    id: record.id,
    officeId,
    category: record.category,
    area: record.area,
    channel: record.channel,
    subject: record.subject,
    status: record.status,
    received: inMonth(record.receivedAt),
    assigned: record.events.some(
      (e) => inMonth(e.at) && ['assigned', 'reassigned', 'return_accepted'].includes(e.type),
    ),
    closed: closed && {
      at: closed.at,
      onTime: closedOnTime,
      workingDays: workingDaysBetween(calendar, new Date(record.receivedAt), new Date(closed.at)),
      rating: ratingAfter(record, closed),
      finding: typeof closed.finding === 'string' ? closed.finding : record.report?.finding,
    },
    due,
    dueClosed: due && !!closure,
    dueClosedOnTime: due && closedOnTime,
    openAtEnd,
    overdue:
      overdueNow && state.deadline
        ? {
            deadline: state.deadline,
            workingDaysOverdue: workingDaysBetween(calendar, new Date(state.deadline), new Date(cutoff)),
            escalationLevel: state.escalationLevel,
          }
        : undefined,
    events: record.events.flatMap((e) => {
      const kind = EVENT_KINDS[e.type];
      if (!kind || !inMonth(e.at)) return [];
      return [{ kind, officeId: typeof e.officeId === 'string' && e.officeId ? e.officeId : officeId }];
    }),
    accountability: (record.accountability ?? [])
      .filter((a) => inMonth(a.at))
      .map((a) => ({ officeId: a.officeId || officeId, measure: a.measure ?? 'opened' })),
  };
}
