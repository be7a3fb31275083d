/** Admin: register Open311 apps (the api_key is shown once, stored as a digest) and list them. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canManageIntegrations } from '../domain/authorization.js';
import { AppError } from '../services/errors.js';
import { registerApp } from '../services/open311.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const AppSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), createdBy: z.string() })
  .openapi('Open311App');

const createAppRoute = createRoute({
  method: 'post',
  path: '/admin/open311/apps',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Register a third-party app; its api_key is in this answer only',
  request: {
    body: { required: true, content: json(z.strictObject({ name: z.string().trim().min(1).max(100) })) },
  },
  responses: {
    201: { description: 'Registered', content: json(z.object({ app: AppSchema, apiKey: z.string() })) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const listAppsRoute = createRoute({
  method: 'get',
  path: '/admin/open311/apps',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Registered Open311 apps (keys are never shown again)',
  responses: {
    200: { description: 'Apps', content: json(z.object({ items: z.array(AppSchema) })) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
  },
});

export function open311AdminApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const admin = (c: Parameters<typeof requireStaff>[0]) => {
    const who = requireStaff(c);
    if (!canManageIntegrations(who)) throw new AppError(403, 'FORBIDDEN', 'Admins only.');
    if (!deps.open311) throw new AppError(404, 'NOT_FOUND', 'Open311 is not enabled.');
    return { who, open311: deps.open311 };
  };
  app.openapi(createAppRoute, async (c) => {
    const { who, open311 } = admin(c);
    const created = await registerApp(
      { ...deps, open311 },
      { name: c.req.valid('json').name, by: who.username },
    );
    deps.logger.info('open311 app registered', { app: created.app.id });
    return c.json(created, 201);
  });
  app.openapi(listAppsRoute, async (c) => {
    const { open311 } = admin(c);
    return c.json({ items: await open311.apps.list() }, 200);
  });
  return app;
}
