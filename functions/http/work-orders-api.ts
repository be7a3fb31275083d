/**
 * 12345 work-order exchange over JSON: a batch import for a platform integration, the replies the
 * platform polls (JSON with a since cursor, or xlsx in its layout), and the admin's type/region
 * mapping. File uploads (CSV, xlsx) for staff go through the same service (see work-order-file.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canExchangeWorkOrders, canManageIntegrations } from '../domain/authorization.js';
import { replyColumns } from '../domain/work-orders.js';
import { AppError } from '../services/errors.js';
import type { ImportJobDeps } from '../services/work-order-imports.js';
import {
  type ImportRow,
  importWorkOrders,
  type MappingSource,
  type ReplyQueries,
  replaceMapping,
  workOrderReplies,
} from '../services/work-orders.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { zodFields } from './errors.js';
import {
  ErrorBodySchema,
  errorResponses,
  ifMatchHeader,
  ifMatchNumber,
  json,
  staffSecurity,
} from './schemas/common.js';
import { WorkOrderSchema } from './schemas/work-orders.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

export interface WorkOrderHttpDeps {
  mapping: MappingSource;
  replies: ReplyQueries;
  /** File imports as jobs (upload page and `POST /12345/imports`). */
  imports?: ImportJobDeps | undefined;
}

const ProblemSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
/** The counts of an import (a batch's summary and a file import job alike). */
export const ImportCountsSchema = z.object({
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  unchanged: z.number(),
  changed: z.number(),
  rejected: z.number(),
});
export const ImportSummarySchema = ImportCountsSchema.extend({
  rows: z.array(
    z.object({
      row: z.number(),
      orderNo: z.string().optional(),
      result: z.enum(['created', 'unchanged', 'changed', 'rejected']),
      trackingCode: z.string().optional(),
      problems: z.array(ProblemSchema).optional(),
    }),
  ),
}).openapi('WorkOrderImportSummary');

const batchRoute = createRoute({
  method: 'post',
  path: '/12345/work-orders',
  tags: ['12345'],
  security: staffSecurity,
  summary: 'Import a batch of 12345 work orders (idempotent by order number; bad orders reported, not fatal)',
  request: {
    body: {
      required: true,
      content: json(
        z.object({
          orders: z
            .array(z.unknown())
            .min(1)
            .max(200)
            .openapi({ description: 'WorkOrder objects; each is checked on its own', type: 'array' }),
        }),
      ),
    },
  },
  responses: {
    200: {
      description: 'Summary: created, unchanged, changed, rejected',
      content: json(ImportSummarySchema),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Operators and dispatchers only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const ReplySchema = z
  .object(Object.fromEntries(replyColumns.map((c) => [c, z.string()])) as Record<string, z.ZodString>)
  .openapi('WorkOrderReply');

const repliesRoute = createRoute({
  method: 'get',
  path: '/12345/replies',
  tags: ['12345'],
  security: staffSecurity,
  summary:
    'Replies for the platform (办理状态, 办理结果, 答复内容, 办结时间, 承办单位) changed since the cursor',
  request: {
    query: z.object({
      since: z.string().max(400).optional().openapi({ description: 'cursor from the previous poll' }),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Replies, oldest change first; keep `cursor` for the next poll',
      content: json(z.object({ items: z.array(ReplySchema), cursor: z.string() })),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Operators and dispatchers only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const MappingSchema = z
  .object({
    types: z.record(z.string().min(1).max(32), z.string().min(1).max(64)),
    regions: z.record(z.string().min(1).max(64), z.string().min(1).max(64)),
  })
  .openapi('WorkOrderMapping');

const mappingGet = createRoute({
  method: 'get',
  path: '/admin/12345/mapping',
  tags: ['admin'],
  security: staffSecurity,
  summary: '诉求类型 codes and 所属区域 names → categories and areas',
  responses: {
    200: { description: 'Mapping', content: json(MappingSchema.extend({ version: z.number() })) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
  },
});

const mappingPut = createRoute({
  method: 'put',
  path: '/admin/12345/mapping',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Replace the 12345 mapping (every target must exist in the catalog)',
  description:
    'With `If-Match: <version>` (the version read) the mapping is replaced only if it is still that version; otherwise 409 VERSION_CONFLICT. Either way the write is conditional, so two admins saving at once cannot both win.',
  request: {
    headers: ifMatchHeader('mapping version'),
    body: { required: true, content: json(MappingSchema) },
  },
  responses: {
    200: {
      description: 'Stored with the next version',
      content: json(MappingSchema.extend({ version: z.number() })),
    },
    409: { description: 'The mapping changed since it was read', content: json(ErrorBodySchema) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

/** Orders of a JSON batch checked one by one, so one bad order never stops the others. */
export function rowsFromBatch(orders: readonly unknown[]): ImportRow[] {
  return orders.map((raw, i) => {
    const parsed = WorkOrderSchema.safeParse(raw);
    if (parsed.success) return { row: i + 1, order: parsed.data };
    const orderNo = (raw as { orderNo?: unknown } | null)?.orderNo;
    return {
      row: i + 1,
      orderNo: typeof orderNo === 'string' ? orderNo : undefined,
      problems: zodFields(parsed.error).map((f) => ({ ...f, path: `orders.${i}.${f.path}` })),
    };
  });
}

/** The replies as an xlsx in the platform's layout. */
export async function repliesWorkbook(items: readonly Record<string, string>[]): Promise<Buffer> {
  // Loaded on first use (as for the notice exports): exceljs costs ~0.35 s to load.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('办理结果');
  sheet.columns = replyColumns.map((c) => ({ header: c, key: c, width: c === '答复内容' ? 60 : 20 }));
  for (const item of items) sheet.addRow(item);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The caller, if their role exchanges work orders with the platform (operators, dispatchers); else 401/403. */
export function requireExchanger(c: Parameters<typeof requireStaff>[0]) {
  const who = requireStaff(c);
  if (!canExchangeWorkOrders(who)) throw new AppError(403, 'FORBIDDEN', 'Operators and dispatchers only.');
  return who;
}

/** The answers of a route only exchangers may call, besides its own. */
export const exchangerResponses = {
  401: { description: 'Not logged in', content: json(ErrorBodySchema) },
  403: { description: 'Operators and dispatchers only', content: json(ErrorBodySchema) },
} as const;

export function workOrdersApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const wo = () => {
    if (!deps.workOrders) throw new AppError(404, 'NOT_FOUND', 'The 12345 exchange is not configured.');
    return deps.workOrders;
  };
  const exchanger = requireExchanger;

  app.openapi(batchRoute, async (c) => {
    exchanger(c);
    const summary = await importWorkOrders(
      { ...deps, workOrders: wo() },
      rowsFromBatch(c.req.valid('json').orders),
    );
    deps.logger.info('work orders imported', {
      total: summary.total,
      created: summary.created,
      unchanged: summary.unchanged,
      changed: summary.changed,
      rejected: summary.rejected,
    });
    return c.json(summary, 200);
  });

  app.openapi(repliesRoute, async (c) => {
    exchanger(c);
    const { since, limit } = c.req.valid('query');
    const page = await workOrderReplies({ catalog: deps.catalog, replies: wo().replies }, since, limit);
    return c.json(
      { items: page.items as unknown as Record<string, string>[], cursor: page.cursor ?? '' },
      200,
    );
  });

  // The same replies as a spreadsheet (not an OpenAPI JSON route: the body is xlsx).
  app.get('/12345/replies.xlsx', async (c) => {
    exchanger(c);
    const since = c.req.query('since');
    const page = await workOrderReplies(
      { catalog: deps.catalog, replies: wo().replies },
      since || undefined,
      500,
    );
    const file = await repliesWorkbook(page.items as unknown as Record<string, string>[]);
    return c.body(new Uint8Array(file), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="12345-replies.xlsx"',
      'x-next-cursor': page.cursor ?? '',
    });
  });

  app.openapi(mappingGet, async (c) => {
    const who = requireStaff(c);
    if (!canManageIntegrations(who)) throw new AppError(403, 'FORBIDDEN', 'Admins only.');
    return c.json(await wo().mapping.get(), 200);
  });

  app.openapi(mappingPut, async (c) => {
    const who = requireStaff(c);
    if (!canManageIntegrations(who)) throw new AppError(403, 'FORBIDDEN', 'Admins only.');
    const next = await replaceMapping(
      deps.store,
      wo().mapping,
      await deps.catalog.get(),
      c.req.valid('json'),
      ifMatchNumber(c.req.valid('header')['if-match']),
    );
    return c.json(next, 200);
  });

  return app;
}
