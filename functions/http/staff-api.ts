import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canManageAccounts } from '../domain/authorization.js';
import type { Principal, Role } from '../domain/staff.js';
import { listStaffCases } from '../services/case-lists.js';
import { AppError } from '../services/errors.js';
import { login, staffAdmin } from '../services/staff-accounts.js';
import { revealReporter, staffCaseView } from '../services/staff-cases.js';
import { type AuthEnv, clearSessionCookie, clientIp, setSessionCookie } from './auth.js';
import type { AppDeps } from './deps.js';
import { deniedResponses, ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import {
  AccountSchema,
  CaseListQuerySchema,
  CaseSummarySchema,
  LoginResultSchema,
  LoginSchema,
  NewAccountSchema,
  PasswordResetSchema,
  RevealSchema,
  StaffCaseSchema,
  UserSchema,
} from './schemas/staff.js';
import { validationHook } from './validation.js';

const denied = deniedResponses();
const codeParam = z.object({ trackingCode: z.string().min(1).max(40) });
const userParam = z.object({ username: z.string().min(1).max(64) });

/** The logged-in staff member, or 401; with `roles`, 403 for anyone else. */
export function requireStaff(c: Context<AuthEnv>, roles?: readonly Role[]): Principal {
  const who = c.get('principal');
  if (!who) throw new AppError(401, 'UNAUTHENTICATED', 'Log in first.');
  if (roles && !roles.includes(who.role))
    throw new AppError(403, 'FORBIDDEN', `Role ${who.role} may not do this.`);
  return who;
}

const routes = {
  login: createRoute({
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Staff login: a short-lived token, also set as an HttpOnly SameSite=Strict cookie',
    request: { body: { required: true, content: json(LoginSchema) } },
    responses: {
      200: { description: 'Logged in', content: json(LoginResultSchema) },
      401: {
        description: 'Unknown user or wrong password (indistinguishable)',
        content: json(ErrorBodySchema),
      },
      ...errorResponses,
    },
  }),
  logout: createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: ['auth'],
    summary: "Clear the session cookie and revoke the account's tokens (every device) at once",
    responses: { 204: { description: 'Logged out' } },
  }),
  me: createRoute({
    method: 'get',
    path: '/me',
    tags: ['auth'],
    security: staffSecurity,
    responses: { 200: { description: 'Who you are', content: json(UserSchema) }, ...denied },
  }),
  list: createRoute({
    method: 'get',
    path: '/cases',
    tags: ['staff'],
    security: staffSecurity,
    summary:
      'Cases in your scope, one index queue per request: queue, or status [+office] [+month], category [+month], office [+month], month; cursor paging',
    description:
      'Filters map onto index keys. A combination no index serves is a 400 naming the field. A page is full, or it is the last (no cursor).',
    request: { query: CaseListQuerySchema },
    responses: {
      200: {
        description:
          'Office queues by deadline (earliest first); triage queues oldest first; other lists newest first',
        content: json(z.object({ items: z.array(CaseSummarySchema), cursor: z.string().optional() })),
      },
      ...denied,
      ...errorResponses,
    },
  }),
  detail: createRoute({
    method: 'get',
    path: '/cases/{trackingCode}',
    tags: ['staff'],
    security: staffSecurity,
    summary: 'The staff view of a case: reporter masked, full history',
    request: { params: codeParam },
    responses: {
      200: { description: 'The case', content: json(StaffCaseSchema) },
      404: { description: 'No such case in your scope', content: json(ErrorBodySchema) },
      ...denied,
    },
  }),
  reveal: createRoute({
    method: 'post',
    path: '/cases/{trackingCode}/reveal',
    tags: ['staff'],
    security: staffSecurity,
    summary: "Dispatchers: see the reporter's details; the reveal and its reason go into the history",
    request: { params: codeParam, body: { required: true, content: json(RevealSchema) } },
    responses: {
      200: {
        description: 'Clear values',
        content: json(
          z.object({
            trackingCode: z.string(),
            reporter: z.object({
              name: z.string().optional(),
              phone: z.string().optional(),
              email: z.string().optional(),
            }),
            revealedAt: z.string(),
            version: z.number(),
          }),
        ),
      },
      404: { description: 'No such case in your scope', content: json(ErrorBodySchema) },
      409: { description: 'Anonymous complaint, or changed meanwhile', content: json(ErrorBodySchema) },
      ...denied,
      ...errorResponses,
    },
  }),
  accounts: createRoute({
    method: 'get',
    path: '/admin/accounts',
    tags: ['admin'],
    security: staffSecurity,
    responses: {
      200: { description: 'Staff accounts', content: json(z.object({ items: z.array(AccountSchema) })) },
      ...denied,
    },
  }),
  createAccount: createRoute({
    method: 'post',
    path: '/admin/accounts',
    tags: ['admin'],
    security: staffSecurity,
    request: { body: { required: true, content: json(NewAccountSchema) } },
    responses: {
      201: { description: 'Created', content: json(AccountSchema) },
      409: { description: 'Username taken', content: json(ErrorBodySchema) },
      ...denied,
      ...errorResponses,
    },
  }),
  disable: createRoute({
    method: 'post',
    path: '/admin/accounts/{username}/disable',
    tags: ['admin'],
    security: staffSecurity,
    request: { params: userParam },
    responses: { 200: { description: 'Disabled', content: json(AccountSchema) }, ...denied },
  }),
  enable: createRoute({
    method: 'post',
    path: '/admin/accounts/{username}/enable',
    tags: ['admin'],
    security: staffSecurity,
    request: { params: userParam },
    responses: { 200: { description: 'Enabled again', content: json(AccountSchema) }, ...denied },
  }),
  unlock: createRoute({
    method: 'post',
    path: '/admin/accounts/{username}/unlock',
    tags: ['admin'],
    security: staffSecurity,
    summary: "Forget the account's failed logins from every address",
    request: { params: userParam },
    responses: { 200: { description: 'Unlocked', content: json(AccountSchema) }, ...denied },
  }),
  resetPassword: createRoute({
    method: 'post',
    path: '/admin/accounts/{username}/password',
    tags: ['admin'],
    security: staffSecurity,
    request: { params: userParam, body: { required: true, content: json(PasswordResetSchema) } },
    responses: {
      200: { description: 'Password replaced', content: json(AccountSchema) },
      ...denied,
      ...errorResponses,
    },
  }),
};

/** Staff API: login, case lists and views, reporter reveal, account administration. */
export function staffApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const admin = staffAdmin({
    directory: deps.identity.directory,
    sessions: deps.identity.sessions,
    roster: deps.identity.adminRoster,
    clock: deps.clock,
    offices: async () => (await deps.catalog.get()).offices,
  });
  const requireAdmin = (c: Context<AuthEnv>) => {
    const who = requireStaff(c);
    if (!canManageAccounts(who)) throw new AppError(403, 'FORBIDDEN', 'Admins only.');
  };

  app.openapi(routes.login, async (c) => {
    const { username, password } = c.req.valid('json');
    const result = await login(deps, { username, password, ip: clientIp(c, deps.trustProxy) });
    setSessionCookie(c, result.token, result.expiresIn);
    return c.json({ token: result.token, expiresIn: result.expiresIn, user: result.user }, 200);
  });

  app.openapi(routes.logout, async (c) => {
    const who = c.get('principal');
    if (who) await deps.identity.sessions.revoke(who.username, deps.clock.now());
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.openapi(routes.me, (c) => {
    const who = requireStaff(c);
    return c.json(
      { username: who.username, role: who.role, ...(who.officeId ? { officeId: who.officeId } : {}) },
      200,
    );
  });

  app.openapi(routes.list, async (c) =>
    c.json(await listStaffCases(deps, requireStaff(c), c.req.valid('query')), 200),
  );

  app.openapi(routes.detail, async (c) => {
    const view = await staffCaseView(deps, requireStaff(c), c.req.valid('param').trackingCode);
    // The view holds readonly domain arrays; the schema documents the JSON shape.
    return c.json(view as unknown as z.infer<typeof StaffCaseSchema>, 200);
  });

  app.openapi(routes.reveal, async (c) =>
    c.json(
      await revealReporter(
        deps,
        requireStaff(c),
        c.req.valid('param').trackingCode,
        c.req.valid('json').reason,
      ),
      200,
    ),
  );

  app.openapi(routes.accounts, async (c) => {
    requireAdmin(c);
    return c.json({ items: await admin.list() }, 200);
  });
  app.openapi(routes.createAccount, async (c) => {
    requireAdmin(c);
    return c.json(await admin.create(c.req.valid('json')), 201);
  });
  app.openapi(routes.disable, async (c) => {
    requireAdmin(c);
    return c.json(await admin.setDisabled(c.req.valid('param').username, true), 200);
  });
  app.openapi(routes.enable, async (c) => {
    requireAdmin(c);
    return c.json(await admin.setDisabled(c.req.valid('param').username, false), 200);
  });
  app.openapi(routes.unlock, async (c) => {
    requireAdmin(c);
    return c.json(await admin.unlock(c.req.valid('param').username), 200);
  });
  app.openapi(routes.resetPassword, async (c) => {
    requireAdmin(c);
    return c.json(
      await admin.resetPassword(c.req.valid('param').username, c.req.valid('json').password),
      200,
    );
  });

  return app;
}
