import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../services/errors.js';
import { calendarRevision, previewCalendarYear, previewCatalog } from '../services/reference-changes.js';
import { staffAdmin } from '../services/staff-accounts.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { HolidayYearSchema } from './schemas/actions.js';
import { CatalogInputSchema } from './schemas/catalog.js';
import { deniedResponses, ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { AccountChangeSchema, AccountSchema } from './schemas/staff.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const denied = deniedResponses('Admins only');

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

const EffectSchema = z.object({
  kind: z.string(),
  openCases: z.number().int(),
  message: z.string(),
  messageEn: z.string(),
});

const catalogPreviewRoute = createRoute({
  method: 'post',
  path: '/admin/catalog/preview',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'What a catalog replacement would affect (nothing is saved): open cases, routing before → after',
  request: { body: { required: true, content: json(CatalogInputSchema) } },
  responses: {
    200: {
      description: 'Effects, and the version the preview compares against',
      content: json(z.object({ baseVersion: z.number(), effects: z.array(EffectSchema) })),
    },
    ...denied,
    ...errorResponses,
  },
});

const DatesDiff = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });
const calendarPreviewRoute = createRoute({
  method: 'post',
  path: '/admin/calendar/{year}/preview',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'What replacing one year of holidays and 调休 days would change (nothing is saved)',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: { required: true, content: json(HolidayYearSchema) },
  },
  responses: {
    200: {
      description: 'Dates added and removed; open cases with a deadline that year',
      content: json(
        z.object({
          year: z.number(),
          newYear: z.boolean(),
          holidays: DatesDiff,
          makeupWorkdays: DatesDiff,
          openCasesDueThatYear: z.number(),
        }),
      ),
    },
    ...denied,
    ...errorResponses,
  },
});

const catalogReadRoute = createRoute({
  method: 'get',
  path: '/admin/catalog',
  tags: ['admin'],
  security: staffSecurity,
  summary:
    'The full reference catalog as stored (routing rules and deadline policy included), to edit and PUT back',
  responses: {
    200: {
      description: 'Current version',
      content: json(CatalogInputSchema.extend({ version: z.number().int() })),
    },
    ...denied,
  },
});

const calendarReadRoute = createRoute({
  method: 'get',
  path: '/admin/calendar',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Every year of statutory holidays and make-up working days (调休) the calendar holds',
  description:
    '`revision` (also the `ETag`) counts the saved changes; send it as `If-Match` when saving a year so a change saved meanwhile is not overwritten.',
  responses: {
    200: {
      description: 'Years, ascending, and the revision they are at',
      content: json(z.object({ years: z.array(HolidayYearSchema), revision: z.number().int() })),
    },
    ...denied,
  },
});

/** Account administration over the runtime's directory (API and admin pages share it). */
export const accountAdmin = (deps: AppDeps) =>
  staffAdmin({
    directory: deps.identity.directory,
    sessions: deps.identity.sessions,
    roster: deps.identity.adminRoster,
    clock: deps.clock,
    offices: async () => (await deps.catalog.get()).offices,
  });

/** Admin additions: account changes and previews of reference-data changes. */
export function adminApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const admin = accountAdmin(deps);

  app.openapi(updateAccountRoute, async (c) => {
    const who = requireStaff(c, ['admin']);
    const { username } = c.req.valid('param');
    const account = await admin.update(username, c.req.valid('json'));
    deps.logger.info('account changed', { by: who.username, username, role: account.role });
    return c.json(account, 200);
  });

  app.openapi(catalogReadRoute, async (c) => {
    requireStaff(c, ['admin']);
    const catalog = await deps.catalog.get();
    return c.json(catalog as unknown as z.infer<typeof CatalogInputSchema> & { version: number }, 200);
  });

  app.openapi(calendarReadRoute, async (c) => {
    requireStaff(c, ['admin']);
    const calendar = await calendarRevision(deps.store);
    c.header('ETag', `"${calendar.revision}"`);
    return c.json(calendar, 200);
  });

  app.openapi(catalogPreviewRoute, async (c) => {
    requireStaff(c, ['admin']);
    return c.json(await previewCatalog(deps, c.req.valid('json')), 200);
  });

  app.openapi(calendarPreviewRoute, async (c) => {
    requireStaff(c, ['admin']);
    const year = c.req.valid('json');
    if (year.year !== c.req.valid('param').year) {
      throw new AppError(400, 'VALIDATION_FAILED', 'The year in the path and the body differ.', [
        { path: 'year', code: 'invalid', message: 'must equal the year in the path' },
      ]);
    }
    return c.json(await previewCalendarYear(deps, year), 200);
  });

  return app;
}
