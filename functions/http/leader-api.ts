import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { leaderOverview } from '../services/leader-overview.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, json, staffSecurity } from './schemas/common.js';
import { OverviewSchema } from './schemas/overview.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const overviewRoute = createRoute({
  method: 'get',
  path: '/leader/overview',
  tags: ['leader'],
  security: staffSecurity,
  summary:
    'Leader overview (领导总览): open, overdue, 催办/督办, 问责 this month, on-time rate — per office and category',
  responses: {
    200: { description: 'Figures as of now', content: json(OverviewSchema) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Leaders and dispatchers only', content: json(ErrorBodySchema) },
  },
});

/** Leadership (领导小组): the live overview. */
export function leaderApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  app.openapi(overviewRoute, async (c) => c.json(await leaderOverview(deps, requireStaff(c)), 200));
  return app;
}
