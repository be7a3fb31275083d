import { type DeadlinePolicy, defaultDeadlinePolicy, policyFor } from '../calendar/deadline-policy.js';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.js';
import type { CaseEvent } from '../case.js';
import type { Catalog } from '../reference/catalog.js';

/** Everything the pure lifecycle rules need from outside: the time, the calendar and the reference data. */
export interface LifecycleContext {
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  /** Reference data, including the deadline policy an admin may change (catalog.deadlines). */
  readonly catalog: Catalog;
}

export function deadlinePolicy(ctx: LifecycleContext, category: string): DeadlinePolicy {
  const d = ctx.catalog.deadlines;
  return policyFor(category, d?.policy ?? defaultDeadlinePolicy, d?.byCategory ?? {});
}

/**
 * A due date `days` working days after `from`, plus a warning event when the calendar had no data for a
 * year it crossed (it then counts Monday–Friday, and the case history says so).
 */
export function dueAfter(ctx: LifecycleContext, from: Date, days: number, actor = 'system') {
  const { deadline, unknownYears } = addWorkingDays(ctx.calendar, from, days);
  const warnings: CaseEvent[] = unknownYears.length
    ? [
        {
          type: 'calendar_fallback',
          at: ctx.now.toISOString(),
          actor,
          years: unknownYears,
          reason: `No holiday calendar for ${unknownYears.join(', ')}: counted Monday–Friday as working days.`,
        },
      ]
    : [];
  return { due: deadline.toISOString(), warnings };
}

/** Handling deadline for a case (re)assigned now: urgent cases get the short deadline. */
export function handlingDeadline(ctx: LifecycleContext, category: string, urgent: boolean) {
  const p = deadlinePolicy(ctx, category);
  return dueAfter(ctx, ctx.now, urgent ? p.urgentHandlingDays : p.handlingDays);
}
