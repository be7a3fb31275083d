import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { staffAdmin } from '../services/staff-accounts.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { AccountChangeSchema, AccountSchema } from './schemas/staff.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const denied = {
  401: { description: 'Not logged in', content: json(ErrorBodySchema) },
  403: { description: 'Admins only', content: json(ErrorBodySchema) },
};

const updateAccountRoute = createRoute({
  method: 'patch',
  path: '/admin/accounts/{username}',
  tags: ['admin'],
  security: staffSecurity,
  summary: "Change an account's role, office or display name (the office follows the role)",
  request: {
    params: z.object({ username: z.string().min(1).max(64) }),
    body: { required: true, content: json(AccountChangeSchema) },
  },
  responses: {
    200: { description: 'The account after the change', content: json(AccountSchema) },
    404: { description: 'No such account', content: json(ErrorBodySchema) },
    ...denied,
    ...errorResponses,
  },
});

/** Admin additions: account changes and previews of reference-data changes. */
export function adminApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const admin = staffAdmin({
    directory: deps.identity.directory,
    offices: async () => (await deps.catalog.get()).offices,
  });

  app.openapi(updateAccountRoute, async (c) => {
    const who = requireStaff(c, ['admin']);
    const { username } = c.req.valid('param');
    const account = await admin.update(username, c.req.valid('json'));
    deps.logger.info('account changed', { by: who.username, username, role: account.role });
    return c.json(account, 200);
  });

  return app;
}
