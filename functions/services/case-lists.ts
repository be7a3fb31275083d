/**
 * Staff case lists, queue counts and search (案件列表、队列、检索), in the caller's scope. Every list is
 * one key-addressed queue (see `CaseQueue`): the filters a caller sends are mapped onto one index
 * partition and sort-key range, and a combination no index serves is a 400 naming the field — never a
 * filtered read that returns short or empty pages.
 */
import { canListCases, canSeeCase } from '../domain/authorization.js';
import { type CaseRecord, subjectKey } from '../domain/case.js';
import type { CaseStatus } from '../domain/case-status.js';
import { dueAfter } from '../domain/lifecycle/context.js';
import type { QueueName } from '../domain/queues.js';
import type { Principal } from '../domain/staff.js';
import { formatTrackingCode, normalizeTrackingCode } from '../domain/tracking-code.js';
import type { ActionDeps } from './case-actions.js';
import { lifecycleContext } from './case-actions.js';
import { AppError, validationError } from './errors.js';
import type { CaseQueries, CaseQueue, LookupKeys } from './ports.js';

export type ListDeps = ActionDeps & { queries: CaseQueries; lookupKeys: LookupKeys };

export interface CaseListFilters {
  queue?: QueueName | undefined;
  status?: CaseStatus | undefined;
  office?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  month?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Working days ahead that count as "due soon" (临期). */
export const DUE_SOON_WORKING_DAYS = 2;

/** A row of a staff case list: no reporter data at all. */
export function caseSummary(r: CaseRecord) {
  return {
    trackingCode: formatTrackingCode(r.id),
    status: r.status,
    channel: r.channel,
    category: r.category,
    area: r.area,
    officeId: r.officeId ?? null,
    subject: r.subject,
    receivedAt: r.receivedAt,
    deadline: r.deadline ?? null,
    escalationLevel: r.escalationLevel,
    urgent: r.urgent,
    extensionRequested: r.extensionRequest !== undefined,
    version: r.version,
  };
}

const STATUS_QUEUES: ReadonlySet<QueueName> = new Set(['submitted', 'returned', 'pending_review']);
const OFFICE_QUEUES: ReadonlySet<QueueName> = new Set(['open', 'due_soon', 'overdue', 'finished']);

/** The instants that bound "overdue" and "due soon" now. */
export async function clockRanges(deps: ListDeps) {
  const ctx = await lifecycleContext(deps);
  const now = ctx.now.toISOString();
  return { now, dueSoonEnd: dueAfter(ctx, ctx.now, DUE_SOON_WORKING_DAYS).due };
}

const notWith = (field: string, other: string) => ({
  path: field,
  message: `cannot be combined with ${other} (no index serves that list)`,
});

/** Shanghai month of an instant (yyyy-mm). */
const monthOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * Maps a caller's filters onto exactly one queue. Inspectors are confined to their office whatever they
 * ask; operators to the cases they entered.
 */
export async function resolveQueue(deps: ListDeps, who: Principal, f: CaseListFilters): Promise<CaseQueue> {
  if (!canListCases(who)) throw new AppError(403, 'FORBIDDEN', `Role ${who.role} has no case list.`);
  const queue: QueueName | undefined = f.queue ?? (f.overdue ? 'overdue' : undefined);
  const given = (
    [
      ['queue', queue],
      ['status', f.status],
      ['office', who.role === 'inspector' ? undefined : f.office],
      ['category', f.category],
      ['month', f.month],
    ] as const
  ).filter(([, v]) => v !== undefined);
  const reject = (allowed: readonly string[], with_: string) => {
    const extra = given.filter(([k]) => !allowed.includes(k));
    if (extra.length) throw validationError(extra.map(([k]) => notWith(k, with_)));
  };

  if (queue === 'entered' && who.role !== 'operator') {
    reject(['queue', 'month'], 'the cases you entered');
    return { kind: 'entered_by', username: who.username, month: f.month };
  }
  if (who.role === 'operator') {
    reject(['month'], 'an operator’s own list (month only)');
    return { kind: 'entered_by', username: who.username, month: f.month };
  }
  const officeId = who.role === 'inspector' ? who.officeId : f.office;

  if (queue && OFFICE_QUEUES.has(queue)) {
    if (!officeId) throw validationError([{ path: 'office', message: `is required for the ${queue} queue` }]);
    reject(['queue', 'office'], `the ${queue} queue`);
    if (queue === 'finished') return { kind: 'office_finished', officeId };
    if (queue === 'open') return { kind: 'office_open', officeId };
    const { now, dueSoonEnd } = await clockRanges(deps);
    return queue === 'overdue'
      ? { kind: 'office_open', officeId, deadlineBefore: now }
      : { kind: 'office_open', officeId, deadlineFrom: now, deadlineBefore: dueSoonEnd };
  }
  if (queue && STATUS_QUEUES.has(queue)) {
    reject(['queue', 'office'], `the ${queue} queue`);
    const status = queue as CaseStatus;
    return officeId
      ? { kind: 'office_status', officeId, status, oldestFirst: true }
      : { kind: 'status', status, oldestFirst: true };
  }
  if (queue) {
    if (who.role === 'inspector') {
      throw validationError([{ path: 'queue', message: `${queue} is a dispatcher queue` }]);
    }
    reject(['queue'], `the ${queue} queue`);
    if (queue === 'escalated') return { kind: 'escalated' };
    return { kind: 'triage', queue: queue as 'extension' | 'unrouted' };
  }
  if (f.status) {
    reject(['status', 'office', 'month'], 'status');
    return officeId
      ? { kind: 'office_status', officeId, status: f.status, month: f.month }
      : { kind: 'status', status: f.status, month: f.month };
  }
  if (f.category) {
    reject(['category', 'month'], 'category');
    return { kind: 'category', category: f.category, month: f.month };
  }
  if (officeId) {
    if (f.month) return { kind: 'office_month', officeId, month: f.month };
    return { kind: 'office_open', officeId };
  }
  return { kind: 'month', month: f.month ?? monthOf(deps.clock.now().toISOString()) };
}

/** Case lists (案件列表) within the caller's scope: one queue, one page. */
export async function listStaffCases(deps: ListDeps, who: Principal, f: CaseListFilters) {
  const q = await resolveQueue(deps, who, f);
  const page = await deps.queries.list(q, { limit: f.limit ?? 50, cursor: f.cursor });
  return { items: page.items.map(caseSummary), cursor: page.cursor };
}

/**
 * Queue counts for a workbench home (Select COUNT per queue partition; the cost of each is reading its
 * items — a few hundred per office queue, the size of each dispatcher queue — not the table).
 */
export async function queueCounts(
  deps: ListDeps,
  who: Principal,
): Promise<{ role: string; officeId: string | null; counts: Record<string, number> }> {
  if (who.role === 'inspector' && who.officeId) {
    const officeId = who.officeId;
    const { now, dueSoonEnd } = await clockRanges(deps);
    const [open, dueSoon, overdue, escalated, pendingReview] = await Promise.all([
      deps.queries.count({ kind: 'office_open', officeId }),
      deps.queries.count({ kind: 'office_open', officeId, deadlineFrom: now, deadlineBefore: dueSoonEnd }),
      deps.queries.count({ kind: 'office_open', officeId, deadlineBefore: now }),
      // 催办/督办: a COUNT over the office's open partition with a filter on the level (no Limit, so
      // the count is exact; cost = the office's open cases).
      deps.queries.count({ kind: 'office_open', officeId }, { minEscalation: 1 }),
      deps.queries.count({ kind: 'office_status', officeId, status: 'pending_review' }),
    ]);
    return {
      role: who.role,
      officeId,
      counts: { open, due_soon: dueSoon, overdue, escalated, pending_review: pendingReview },
    };
  }
  if (who.role === 'dispatcher' || who.role === 'leader') {
    const [submitted, returned, extension, pendingReview, escalated, unrouted] = await Promise.all([
      deps.queries.count({ kind: 'status', status: 'submitted' }),
      deps.queries.count({ kind: 'status', status: 'returned' }),
      deps.queries.count({ kind: 'triage', queue: 'extension' }),
      deps.queries.count({ kind: 'status', status: 'pending_review' }),
      deps.queries.count({ kind: 'escalated' }),
      deps.queries.count({ kind: 'triage', queue: 'unrouted' }),
    ]);
    return {
      role: who.role,
      officeId: null,
      counts: { submitted, returned, extension, pending_review: pendingReview, escalated, unrouted },
    };
  }
  throw new AppError(403, 'FORBIDDEN', `Role ${who.role} has no work queues.`);
}

export interface SearchInput {
  trackingCode?: string | undefined;
  subject?: { kind: string; name: string } | undefined;
  phone?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Who may look a caller up by phone (接线员, 督查组办公室). */
export const canSearchByPhone = (who: Principal) => who.role === 'operator' || who.role === 'dispatcher';

/**
 * Search (检索) in scope: one tracking code, a subject's cases (bySubject), or a caller's cases by the
 * keyed hash of their phone (byReporterPhone). Cases outside the caller's scope are skipped while the
 * page fills, so a page is full or the last.
 */
export async function searchCases(deps: ListDeps, who: Principal, s: SearchInput) {
  if (!canListCases(who)) throw new AppError(403, 'FORBIDDEN', `Role ${who.role} cannot search cases.`);
  const given = [s.trackingCode, s.subject, s.phone].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw validationError([
      { path: 'trackingCode', message: 'give exactly one of trackingCode, subject, phone' },
    ]);
  }
  const inScope = (r: CaseRecord) => canSeeCase(who, r);
  if (s.trackingCode !== undefined) {
    const id = normalizeTrackingCode(s.trackingCode);
    const r = id ? await deps.store.getCase(id) : undefined;
    return { items: r && inScope(r) ? [caseSummary(r)] : [], cursor: undefined };
  }
  let q: CaseQueue;
  if (s.phone !== undefined) {
    if (!canSearchByPhone(who)) {
      throw new AppError(403, 'FORBIDDEN', 'Only operators and dispatchers may search by phone.');
    }
    q = { kind: 'phone', phoneKey: await deps.lookupKeys.phone(s.phone) };
  } else {
    q = { kind: 'subject', subjectKey: subjectKey(s.subject as { kind: string; name: string }) };
  }
  const page = await deps.queries.list(q, { limit: s.limit ?? 50, cursor: s.cursor, accept: inScope });
  return { items: page.items.map(caseSummary), cursor: page.cursor };
}
