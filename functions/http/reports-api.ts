/**
 * Monthly notice API (月度督查通报): draft or published version as JSON, xlsx or CSV; publish; list.
 * Leaders and dispatchers read all; inspectors their office's section (JSON only); others 403.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canPublishNotice } from '../domain/authorization.js';
import { noticeTables } from '../domain/reports/notice-tables.js';
import { AppError } from '../services/errors.js';
import { publishNotice, type ReportDeps } from '../services/reports/monthly-notice.js';
import { readNotice, requireNoticeReader } from '../services/reports/notice-access.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { noticeCsv, noticeWorkbook } from './reports/exports.js';
import { deniedResponses, ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import {
  MonthParamSchema,
  NoticeQuerySchema,
  NoticeSchema,
  NoticeSummarySchema,
  OfficeSectionSchema,
  PublishSchema,
} from './schemas/reports.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const denied = deniedResponses();

const routes = {
  list: createRoute({
    method: 'get',
    path: '/reports/monthly',
    tags: ['reports'],
    security: staffSecurity,
    summary: 'Published monthly notices, every version',
    responses: {
      200: { description: 'Oldest first', content: json(z.object({ items: z.array(NoticeSummarySchema) })) },
      ...denied,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/reports/monthly/{month}',
    tags: ['reports'],
    security: staffSecurity,
    summary:
      'The notice of a month: a fresh draft, or a published version; JSON, xlsx or CSV (UTF-8 with BOM)',
    request: { params: MonthParamSchema, query: NoticeQuerySchema },
    responses: {
      200: {
        description: 'The notice (inspectors: their office’s section only, JSON)',
        content: {
          'application/json': { schema: z.union([NoticeSchema, OfficeSectionSchema]) },
          [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
          'text/csv': { schema: z.string() },
        },
      },
      404: { description: 'No such published version', content: json(ErrorBodySchema) },
      ...denied,
      ...errorResponses,
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/reports/monthly/{month}/publish',
    tags: ['reports'],
    security: staffSecurity,
    summary: 'Dispatchers: publish the month as an immutable snapshot (next version; 期号 within the year)',
    request: { params: MonthParamSchema, body: { required: false, content: json(PublishSchema) } },
    responses: {
      201: { description: 'Published', content: json(NoticeSchema) },
      ...denied,
      ...errorResponses,
    },
  }),
};

export const reportDeps = (deps: AppDeps): ReportDeps => ({
  reportCases: deps.reportCases,
  notices: deps.notices,
  catalog: deps.catalog,
  calendar: deps.calendar,
  clock: deps.clock,
  notify: deps.notify,
});

export function reportsApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const rd = reportDeps(deps);

  app.openapi(routes.list, async (c) => {
    requireNoticeReader(requireStaff(c));
    return c.json({ items: (await deps.notices.list()) as z.infer<typeof NoticeSummarySchema>[] }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const who = requireStaff(c);
    const { month } = c.req.valid('param');
    const { format, version } = c.req.valid('query');
    const view = await readNotice(rd, who, month, version);
    if (view.scope === 'office') {
      if (format !== 'json')
        throw new AppError(403, 'FORBIDDEN', 'Exports hold every office: leaders and dispatchers only.');
      return c.json(view.notice as z.infer<typeof OfficeSectionSchema>, 200);
    }
    const notice = view.notice;
    if (format === 'json') return c.json(notice as unknown as z.infer<typeof NoticeSchema>, 200);
    const tables = noticeTables(notice.report);
    const name = `duban-notice-${month}${'version' in notice ? `-v${notice.version}` : '-draft'}`;
    if (format === 'csv') {
      return c.body(noticeCsv(tables), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      });
    }
    const body = await noticeWorkbook(tables, `月度督查通报 ${month}`);
    return c.body(new Uint8Array(body), 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${name}.xlsx"`,
    });
  });

  app.openapi(routes.publish, async (c) => {
    const who = requireStaff(c);
    if (!canPublishNotice(who)) throw new AppError(403, 'FORBIDDEN', 'Dispatchers publish notices.');
    const requirements = (c.req.valid('json') as { requirements?: string } | undefined)?.requirements;
    const published = await publishNotice(rd, c.req.valid('param').month, who.username, requirements);
    return c.json({ ...published, status: 'published' } as unknown as z.infer<typeof NoticeSchema>, 201);
  });

  return app;
}
