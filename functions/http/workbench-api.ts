import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { replyTemplatesOf } from '../domain/reference/catalog.js';
import { templatesFor } from '../domain/reference/reply-templates.js';
import { queueCounts, searchCases } from '../services/case-lists.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { deniedResponses, errorResponses, json, staffSecurity } from './schemas/common.js';
import { CaseSummarySchema } from './schemas/staff.js';
import { CaseSearchSchema, QueueCountsSchema, ReplyTemplateSchema } from './schemas/workbench.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const denied = deniedResponses();

const routes = {
  counts: createRoute({
    method: 'get',
    path: '/queues',
    tags: ['staff'],
    security: staffSecurity,
    summary: "Counts of the caller's work queues (inspector: own office; dispatcher, leader: triage)",
    responses: { 200: { description: 'Counts', content: json(QueueCountsSchema) }, ...denied },
  }),
  search: createRoute({
    method: 'post',
    path: '/cases/search',
    tags: ['staff'],
    security: staffSecurity,
    summary: 'Search in scope by tracking code, subject (school/institution) or reporter phone (keyed hash)',
    request: { body: { required: true, content: json(CaseSearchSchema) } },
    responses: {
      200: {
        description: 'Newest first; a page is full or the last',
        content: json(z.object({ items: z.array(CaseSummarySchema), cursor: z.string().optional() })),
      },
      ...denied,
      ...errorResponses,
    },
  }),
  templates: createRoute({
    method: 'get',
    path: '/reply-templates',
    tags: ['staff'],
    security: staffSecurity,
    summary:
      "Reply templates (答复模板) for a category: its own first, then general ones; {subject} is the subject's name",
    request: { query: z.object({ category: z.string().min(1).max(64) }) },
    responses: {
      200: { description: 'Templates', content: json(z.object({ items: z.array(ReplyTemplateSchema) })) },
      ...denied,
      ...errorResponses,
    },
  }),
};

/** Staff workbench API: queue counts, search and reply templates. */
export function workbenchApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  app.openapi(routes.counts, async (c) => c.json(await queueCounts(deps, requireStaff(c)), 200));
  app.openapi(routes.search, async (c) =>
    c.json(await searchCases(deps, requireStaff(c), c.req.valid('json')), 200),
  );
  app.openapi(routes.templates, async (c) => {
    requireStaff(c);
    const catalog = await deps.catalog.get();
    return c.json({ items: templatesFor(replyTemplatesOf(catalog), c.req.valid('query').category) }, 200);
  });
  return app;
}
