/**
 * 12345 work-order exchange (工单交换): import orders as cases on channel `12345` and read the replies
 * back. Idempotent by order number: a permanent idempotency record per order fixes its case; the same
 * order again changes nothing (unchanged), a different order under a known number is reported
 * (changed), never applied. A bad row is reported with its row number and field and never stops the
 * good rows. Orders whose 诉求类型 or 所属区域 map to nothing wait in the dispatcher's triage queue.
 */
import { UNCLASSIFIED } from '../domain/case.js';
import type { Catalog } from '../domain/reference/catalog.js';
import {
  mappingProblems,
  mapWorkOrder,
  seedWorkOrderMapping,
  type WorkOrder,
  type WorkOrderMapping,
  type WorkOrderReply,
  workOrderRef,
  workOrderReply,
} from '../domain/work-orders.js';
import { cachedReference } from './cached-reference.js';
import { referenceConflict } from './catalog-source.js';
import { AppError, type FieldProblem, validationError } from './errors.js';
import { type IntakeDeps, submitComplaintWithRetry } from './intake.js';
import type { CaseStore, CatalogSource } from './ports.js';

export const WORK_ORDER_MAPPING_REFERENCE = 'WORKORDER_MAPPING';

export interface MappingSource {
  get(): Promise<WorkOrderMapping>;
  invalidate(): void;
}

export function createMappingSource(store: CaseStore, ttlMs = 30_000): MappingSource {
  return cachedReference<WorkOrderMapping>(store, WORK_ORDER_MAPPING_REFERENCE, seedWorkOrderMapping, ttlMs);
}

/**
 * Replaces the mapping (admin): every target must exist in the catalog. The write is conditional on
 * the stored item not having changed since it was read, so of two admins saving at once one gets 409
 * instead of silently losing the other's change; with `expectedVersion` (the API's `If-Match`) also on
 * the version the admin read.
 */
export async function replaceMapping(
  store: CaseStore,
  source: MappingSource,
  catalog: Catalog,
  next: Omit<WorkOrderMapping, 'version'>,
  expectedVersion?: number,
): Promise<WorkOrderMapping> {
  const problems = mappingProblems({ ...next, version: 0 }, catalog);
  if (problems.length > 0) throw validationError(problems);
  const stored = await store.loadReferenceRevision<WorkOrderMapping>(WORK_ORDER_MAPPING_REFERENCE);
  const current = stored?.value.version ?? seedWorkOrderMapping.version;
  if (expectedVersion !== undefined && expectedVersion !== current) throw referenceConflict(current);
  const mapping = { ...next, version: current + 1 };
  const saved = await store.replaceReference(WORK_ORDER_MAPPING_REFERENCE, mapping, {
    revision: stored?.revision ?? 0,
  });
  source.invalidate();
  if (!saved) throw referenceConflict();
  return mapping;
}

export type RowResult =
  | { row: number; orderNo: string; result: 'created'; trackingCode: string; triage: boolean }
  | { row: number; orderNo: string; result: 'unchanged'; trackingCode: string }
  | { row: number; orderNo: string; result: 'changed'; trackingCode?: string | undefined }
  | { row: number; orderNo?: string | undefined; result: 'rejected'; problems: FieldProblem[] };

/** The counts an import reports (a batch's summary and a file import job alike). */
export interface ImportCounts {
  total: number;
  processed: number;
  created: number;
  unchanged: number;
  changed: number;
  rejected: number;
}

/** No row processed yet, of `total`. */
export const noRowsYet = (total: number): ImportCounts => ({
  total,
  processed: 0,
  created: 0,
  unchanged: 0,
  changed: 0,
  rejected: 0,
});

export interface ImportSummary extends ImportCounts {
  /** Every row that was not simply created: changed, rejected (with field problems), unchanged. */
  rows: RowResult[];
}

/** A row of the batch: either an order that passed validation, or the problems that stopped it. */
export type ImportRow =
  | { row: number; order: WorkOrder }
  | { row: number; orderNo?: string; problems: FieldProblem[] };

export interface WorkOrderDeps extends IntakeDeps {
  workOrders: { mapping: MappingSource };
}

/** Who the platform's cases are entered by (a fixed name, so re-imports by anyone compare equal). */
export const WORK_ORDER_ENTERED_BY = 'platform-12345';

async function importOne(deps: WorkOrderDeps, order: WorkOrder, mapping: WorkOrderMapping, row: number) {
  const { category, area } = mapWorkOrder(order, mapping);
  const triage = !category || !area;
  let replayed = false;
  try {
    const receipt = await submitComplaintWithRetry(
      deps,
      {
        channel: '12345',
        category: category ?? UNCLASSIFIED,
        area: area ?? UNCLASSIFIED,
        subject: { kind: 'other', name: '待核实' },
        description: order.content,
        anonymous: !order.contactName && !order.contactPhone,
        reporter:
          order.contactName || order.contactPhone
            ? { name: order.contactName, phone: order.contactPhone }
            : undefined,
        workOrder: workOrderRef(order),
      },
      {
        idempotencyKey: `12345:${order.orderNo}`,
        permanentKey: true,
        fingerprint: { order },
        enteredBy: WORK_ORDER_ENTERED_BY,
        startWorkflow: !triage,
        onClaim: (c) => {
          replayed = c.replayed;
        },
        // The platform tells its caller; we send no receipt of our own for a work order.
        notifications: async () => [],
      },
    );
    return replayed
      ? ({ row, orderNo: order.orderNo, result: 'unchanged', trackingCode: receipt.trackingCode } as const)
      : ({
          row,
          orderNo: order.orderNo,
          result: 'created',
          trackingCode: receipt.trackingCode,
          triage,
        } as const);
  } catch (e) {
    if (e instanceof AppError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
      // The case the order filed the first time, to check against the platform.
      const trackingCode = e.extra?.trackingCode as string | undefined;
      return { row, orderNo: order.orderNo, result: 'changed', trackingCode } as const;
    }
    if (e instanceof AppError && e.status === 400) {
      return { row, orderNo: order.orderNo, result: 'rejected', problems: e.fields ?? [] } as const;
    }
    throw e;
  }
}

/**
 * Imports a batch, a few orders at a time; `onProgress` hears the running summary after each order.
 * Rows come validated (or with their problems) from the edge: JSON schema or file reader.
 */
export async function importWorkOrders(
  deps: WorkOrderDeps,
  rows: readonly ImportRow[],
  opts: { concurrency?: number; onProgress?: (s: ImportSummary) => void } = {},
): Promise<ImportSummary> {
  const mapping = await deps.workOrders.mapping.get();
  const summary: ImportSummary = { ...noRowsYet(rows.length), rows: [] };
  const record = (r: RowResult) => {
    summary.processed++;
    summary[r.result]++;
    if (r.result !== 'created') summary.rows.push(r);
    opts.onProgress?.(summary);
  };
  // A number repeated inside one batch: the first row wins, later ones are compared with it.
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const item = rows[i];
      if (!item) return;
      if ('problems' in item) {
        record({ row: item.row, orderNo: item.orderNo, result: 'rejected', problems: item.problems });
        continue;
      }
      try {
        record(await importOne(deps, item.order, mapping, item.row));
      } catch (e) {
        // The store failed for this order: report it, keep going; importing the file again finishes it.
        deps.logger?.error('work order import failed', { row: item.row, error: (e as Error).name });
        record({
          row: item.row,
          orderNo: item.order.orderNo,
          result: 'rejected',
          problems: [
            { path: '工单编号', code: 'invalid', message: 'not saved (service busy); import the file again' },
          ],
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  summary.rows.sort((a, b) => a.row - b.row);
  return summary;
}

export interface ReplyQueries {
  /** Cases filed from work orders changed after `since` (exclusive), oldest change first. */
  changedSince(
    since: string | undefined,
    limit: number,
  ): Promise<{ items: import('../domain/case.js').CaseRecord[]; next?: string | undefined }>;
}

/** Replies for the platform to poll: each order whose case changed since the cursor. */
export async function workOrderReplies(
  deps: { catalog: CatalogSource; replies: ReplyQueries },
  since: string | undefined,
  limit = 200,
): Promise<{ items: WorkOrderReply[]; cursor?: string | undefined }> {
  const catalog = await deps.catalog.get();
  const page = await deps.replies.changedSince(since, limit);
  const items = page.items.map((r) => workOrderReply(r, catalog)).filter((r): r is WorkOrderReply => !!r);
  return { items, cursor: page.next };
}
