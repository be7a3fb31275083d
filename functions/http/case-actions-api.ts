import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recipientKey } from '../domain/lifecycle/notifications.js';
import { renderNotification } from '../domain/lifecycle/render-notification.js';
import { saveCalendarYear } from '../services/calendar-source.js';
import { actOnCase, submitFeedback } from '../services/case-actions.js';
import { AppError } from '../services/errors.js';
import { replaceCatalogInUse } from '../services/reference-changes.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { rateLimited } from './rate-limit.js';
import {
  ActionReceiptSchema,
  CaseActionSchema,
  FeedbackSchema,
  HolidayYearSchema,
} from './schemas/actions.js';
import { CatalogInputSchema } from './schemas/catalog.js';
import {
  ErrorBodySchema,
  errorResponses,
  ifMatchHeader,
  ifMatchNumber,
  json,
  staffSecurity,
} from './schemas/common.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const actionRoute = createRoute({
  method: 'post',
  path: '/cases/{trackingCode}/actions',
  tags: ['staff'],
  security: staffSecurity,
  summary: 'Act on a case: start, return, extension, report, review, reassign, merge, reject, accountability',
  request: {
    params: z.object({ trackingCode: z.string().min(1).max(40) }),
    body: { required: true, content: json(CaseActionSchema) },
  },
  responses: {
    200: { description: 'The case after the action', content: json(ActionReceiptSchema) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Role may not take this action', content: json(ErrorBodySchema) },
    404: { description: 'No such case in your scope', content: json(ErrorBodySchema) },
    409: {
      description: 'Wrong state (allowedActions listed) or stale expectedVersion',
      content: json(ErrorBodySchema),
    },
    ...errorResponses,
  },
});

const feedbackRoute = createRoute({
  method: 'post',
  path: '/track/feedback',
  tags: ['public'],
  summary: 'Rate the outcome within 10 days of closure (满意度评价); unsatisfied reopens the case once',
  request: { body: { required: true, content: json(FeedbackSchema) } },
  responses: {
    200: {
      description: 'Recorded',
      content: json(z.object({ trackingCode: z.string(), status: z.string(), reopened: z.boolean() })),
    },
    404: { description: 'Unknown tracking code or wrong access code', content: json(ErrorBodySchema) },
    409: { description: 'Not closed, window passed, or already rated', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const outboxRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['staff'],
  security: staffSecurity,
  summary: "Notifications for the caller's office (inspectors) or role (dispatchers, leaders)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).optional(),
      cursor: z.string().max(2000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Newest first',
      content: json(
        z.object({
          items: z.array(
            z.object({
              kind: z.string(),
              caseId: z.string(),
              at: z.string(),
              recipient: z.string(),
              message: z.string(),
              messageEn: z.string(),
            }),
          ),
          cursor: z.string().optional(),
        }),
      ),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const calendarRoute = createRoute({
  method: 'put',
  path: '/admin/calendar/{year}',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Add or replace one year of statutory holidays and make-up working days (调休)',
  description:
    'With `If-Match: <revision>` (from `GET /admin/calendar`) the year is saved only if the calendar is still at that revision; otherwise 409 VERSION_CONFLICT. Without it, saves of different years never overwrite each other, and of the same year the last one wins.',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    headers: ifMatchHeader('calendar revision'),
    body: { required: true, content: json(HolidayYearSchema) },
  },
  responses: {
    200: { description: 'Years now known', content: json(z.object({ years: z.array(z.number()) })) },
    409: { description: 'The calendar changed since If-Match', content: json(ErrorBodySchema) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const catalogRoute = createRoute({
  method: 'put',
  path: '/admin/catalog',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Replace the reference data: categories, areas, offices, routing rules, deadline policy',
  description:
    'With `If-Match: <version>` (the version read or previewed) the catalog is replaced only if it is still that version; otherwise 409 VERSION_CONFLICT. Either way the write is conditional, so two admins saving at once cannot both win.',
  request: {
    headers: ifMatchHeader('catalog version'),
    body: { required: true, content: json(CatalogInputSchema) },
  },
  responses: {
    200: { description: 'Stored as the next version', content: json(z.object({ version: z.number() })) },
    409: {
      description: 'Removes an office, category or area still in use, or the catalog changed since If-Match',
      content: json(ErrorBodySchema),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

/** Case handling (办理) for staff, feedback for citizens, notifications, and admin reference data. */
export function caseActionsApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  app.openapi(actionRoute, async (c) => {
    const who = requireStaff(c);
    const { expectedVersion, ...action } = c.req.valid('json');
    return c.json(
      await actOnCase(deps, who, c.req.valid('param').trackingCode, expectedVersion, action),
      200,
    );
  });

  app.use('/track/feedback', rateLimited(deps, deps.limits.tracking));
  app.openapi(feedbackRoute, async (c) => c.json(await submitFeedback(deps, c.req.valid('json')), 200));

  app.openapi(outboxRoute, async (c) => {
    const who = requireStaff(c, ['inspector', 'dispatcher', 'leader']);
    const recipient =
      who.role === 'inspector'
        ? recipientKey({ office: who.officeId ?? '' })
        : recipientKey({ role: who.role as 'dispatcher' });
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.outbox.list(recipient, { limit, cursor });
    // Texts rendered now, from the current catalog: office names and dates in words.
    const catalog = await deps.catalog.get();
    const items = page.items.map((m) => ({
      ...m,
      message: renderNotification(m, { catalog, locale: 'zh-CN' }).text,
      messageEn: renderNotification(m, { catalog, locale: 'en' }).text,
    }));
    return c.json({ ...page, items }, 200);
  });

  app.openapi(calendarRoute, async (c) => {
    requireStaff(c, ['admin']);
    const year = c.req.valid('json');
    if (year.year !== c.req.valid('param').year) {
      throw new AppError(400, 'VALIDATION_FAILED', 'The year in the path and the body differ.', [
        { path: 'year', code: 'invalid', message: 'must equal the year in the path' },
      ]);
    }
    const base = ifMatchNumber(c.req.valid('header')['if-match']);
    return c.json({ years: await saveCalendarYear(deps.store, deps.calendar, year, undefined, base) }, 200);
  });

  app.openapi(catalogRoute, async (c) => {
    requireStaff(c, ['admin']);
    const base = ifMatchNumber(c.req.valid('header')['if-match']);
    const saved = await replaceCatalogInUse(deps, c.req.valid('json'), base);
    deps.logger.info('catalog replaced', { version: saved.version });
    return c.json({ version: saved.version }, 200);
  });

  return app;
}
