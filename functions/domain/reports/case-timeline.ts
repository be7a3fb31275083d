/**
 * A case's state at a past instant, rebuilt from its append-only history (办理记录). Reports read
 * figures "as at the end of the month" from the events, so a later change (a reopen, a reassignment,
 * an extension) does not rewrite an earlier month.
 */
import type { CaseEvent, CaseRecord } from '../case.js';

const FINISH = new Set(['closed', 'rejected', 'merged']);
const ASSIGN = new Set(['assigned', 'reassigned', 'return_accepted']);
/** Events that set the handling deadline (they carry `deadline`). */
const DEADLINE = new Set([...ASSIGN, 'extension_approved', 'reopened']);
/** Events that reset the escalation ladder to 0. */
const LADDER_RESET = new Set([...ASSIGN, 'reopened']);
const LADDER: Record<string, number> = { urged: 1, supervised: 2, accountability_opened: 3 };

export interface CaseAt {
  /** The finishing event in force at the instant (closed 销号, rejected, merged), if any. */
  readonly finish?: CaseEvent | undefined;
  readonly officeId?: string | undefined;
  readonly deadline?: string | undefined;
  readonly escalationLevel: number;
}

/** Events at or before `at`, in order (ISO instants compare as strings). */
export function eventsUntil(record: CaseRecord, at: string): CaseEvent[] {
  return record.events.filter((e) => e.at <= at);
}

export function caseAt(record: CaseRecord, at: string): CaseAt {
  let finish: CaseEvent | undefined;
  let officeId: string | undefined;
  let deadline: string | undefined;
  let escalationLevel = 0;
  for (const e of eventsUntil(record, at)) {
    if (FINISH.has(e.type)) finish = e;
    if (e.type === 'reopened') finish = undefined;
    if (ASSIGN.has(e.type) && typeof e.officeId === 'string') officeId = e.officeId;
    if (DEADLINE.has(e.type) && typeof e.deadline === 'string') deadline = e.deadline;
    if (LADDER_RESET.has(e.type)) escalationLevel = 0;
    const rung = LADDER[e.type];
    if (rung !== undefined) escalationLevel = Math.max(escalationLevel, rung);
  }
  // Cases from before the history recorded an office on assignment fall back to the item.
  return { finish, officeId: officeId ?? record.officeId, deadline, escalationLevel };
}

/** The deadline in force at `at` (the last assignment, extension or reopen before it). */
export function deadlineAt(record: CaseRecord, at: string): string | undefined {
  let deadline: string | undefined;
  for (const e of eventsUntil(record, at)) {
    if (DEADLINE.has(e.type) && typeof e.deadline === 'string') deadline = e.deadline;
  }
  return deadline;
}

/** The first rating given after `closure` (and before any reopen it caused), whenever it came. */
export function ratingAfter(record: CaseRecord, closure: CaseEvent): string | undefined {
  const i = record.events.indexOf(closure);
  for (const e of record.events.slice(i + 1)) {
    if (e.type === 'feedback' && typeof e.rating === 'string') return e.rating;
    if (FINISH.has(e.type)) return undefined;
  }
  return undefined;
}
