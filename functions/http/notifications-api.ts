/**
 * Notification routes: each staff member's e-mail settings (which kinds, which address, which
 * language), the dead-letter list an admin can read and retry, and — embedded runtime only — the
 * development mailbox (what was sent, SMS included).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { staffEmailKinds } from '../domain/lifecycle/notifications.js';
import { maskRecipient } from '../domain/masking.js';
import { AppError, notFound } from '../services/errors.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const SettingsSchema = z
  .object({
    email: z.email({ error: 'must be an e-mail address' }).max(254).nullable(),
    locale: z.enum(['zh-CN', 'en']),
    emailKinds: z.array(z.enum(staffEmailKinds)).max(staffEmailKinds.length),
  })
  .openapi('NotificationSettings');

const settingsGet = createRoute({
  method: 'get',
  path: '/me/notifications',
  tags: ['staff'],
  security: staffSecurity,
  summary: 'Your e-mail notification settings',
  responses: {
    200: { description: 'Settings', content: json(SettingsSchema.extend({ kinds: z.array(z.string()) })) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
  },
});

const settingsPut = createRoute({
  method: 'put',
  path: '/me/notifications',
  tags: ['staff'],
  security: staffSecurity,
  summary: 'Choose per kind whether you want e-mail, and the address and language it goes to',
  request: { body: { required: true, content: json(SettingsSchema) } },
  responses: {
    200: { description: 'Saved', content: json(SettingsSchema) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

const DeadLetterSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  recipient: z.string(),
  attempts: z.number(),
  lastError: z.string().optional(),
  at: z.string(),
  failedAt: z.string(),
});

const deadLettersGet = createRoute({
  method: 'get',
  path: '/admin/notifications/dead-letters',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Notifications that failed every delivery attempt',
  responses: {
    200: { description: 'Dead letters', content: json(z.object({ items: z.array(DeadLetterSchema) })) },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
  },
});

const deadLetterRetry = createRoute({
  method: 'post',
  path: '/admin/notifications/dead-letters/{id}/retry',
  tags: ['admin'],
  security: staffSecurity,
  summary: 'Put a dead letter back for delivery (attempts start again)',
  request: { params: z.object({ id: z.string().min(1).max(80) }) },
  responses: {
    200: {
      description: 'Queued again',
      content: json(z.object({ id: z.string(), requeued: z.literal(true) })),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    403: { description: 'Admins only', content: json(ErrorBodySchema) },
    404: { description: 'No such dead letter', content: json(ErrorBodySchema) },
  },
});

const devMailboxGet = createRoute({
  method: 'get',
  path: '/dev/mailbox',
  tags: ['staff'],
  security: staffSecurity,
  summary: 'Embedded runtime only: e-mail and SMS the system sent, newest first (recipients masked)',
  responses: {
    200: {
      description: 'Messages',
      content: json(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              channel: z.enum(['email', 'sms']),
              at: z.string(),
              to: z.string(),
              subject: z.string().optional(),
              text: z.string(),
            }),
          ),
        }),
      ),
    },
    401: { description: 'Not logged in', content: json(ErrorBodySchema) },
    404: { description: 'Not the embedded runtime', content: json(ErrorBodySchema) },
  },
});

export function notificationsApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const admin = () => {
    if (!deps.notifications) throw new AppError(404, 'NOT_FOUND', 'Notifications are not configured.');
    return deps.notifications;
  };

  app.openapi(settingsGet, async (c) => {
    const who = requireStaff(c);
    const p = await admin().profiles.get(who.username);
    return c.json(
      {
        email: p?.email ?? null,
        locale: p?.locale ?? 'zh-CN',
        emailKinds: [...(p?.emailKinds ?? [])].filter((k) =>
          (staffEmailKinds as readonly string[]).includes(k),
        ),
        kinds: [...staffEmailKinds],
      } as never,
      200,
    );
  });

  app.openapi(settingsPut, async (c) => {
    const who = requireStaff(c);
    const body = c.req.valid('json');
    await admin().profiles.save({
      username: who.username,
      group: who.officeId ? `office:${who.officeId}` : `role:${who.role}`,
      email: body.email ?? undefined,
      locale: body.locale,
      emailKinds: [...new Set(body.emailKinds)],
    });
    return c.json({ ...body, emailKinds: [...new Set(body.emailKinds)] }, 200);
  });

  app.openapi(deadLettersGet, async (c) => {
    requireStaff(c, ['admin']);
    const letters = await admin().deadLetters.list();
    return c.json(
      {
        items: letters.map((l) => ({
          id: l.id,
          kind: l.kind,
          caseId: l.caseId,
          recipient:
            'citizen' in l.to ? 'citizen' : 'office' in l.to ? `office:${l.to.office}` : `role:${l.to.role}`,
          attempts: l.attempts,
          lastError: l.lastError,
          at: l.at,
          failedAt: l.failedAt,
        })),
      },
      200,
    );
  });

  app.openapi(deadLetterRetry, async (c) => {
    requireStaff(c, ['admin']);
    const { id } = c.req.valid('param');
    if (!(await admin().retryDeadLetter(id))) throw notFound('dead letter');
    deps.notify?.();
    return c.json({ id, requeued: true as const }, 200);
  });

  app.openapi(devMailboxGet, async (c) => {
    requireStaff(c);
    if (!deps.devMailbox) throw notFound('development mailbox');
    const items = await deps.devMailbox.list({ limit: 200 });
    // Recipients masked as on every staff screen (138****5678, w***@example.cn).
    return c.json(
      { items: items.map(({ from: _f, ...m }) => ({ ...m, to: maskRecipient(m.channel, m.to) })) },
      200,
    );
  });

  return app;
}
