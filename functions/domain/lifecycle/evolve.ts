import type { CaseEvent, CaseRecord } from '../case.js';
import type { Notification } from './notifications.js';

/** The outcome of one lifecycle step: the next version of the case and what to tell whom. */
export interface StepResult {
  readonly next: CaseRecord;
  readonly notifications: readonly Notification[];
  /** Set when the step starts a new workflow cycle (a reopened case). */
  readonly startWorkflowCycle?: number;
}

/** Next version of a case: fields changed, events appended, version bumped. */
export function evolve(
  record: CaseRecord,
  changes: Partial<CaseRecord>,
  events: readonly CaseEvent[],
): CaseRecord {
  return { ...record, ...changes, version: record.version + 1, events: [...record.events, ...events] };
}

/** A step that only records an event (a link, a failure) and notifies no one. */
export function recordEvent(record: CaseRecord, event: CaseEvent): StepResult {
  return { next: evolve(record, {}, [event]), notifications: [] };
}
