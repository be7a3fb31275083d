import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canSubmitChannel } from '../domain/authorization.js';
import { AppError } from '../services/errors.js';
import { submitComplaintWithRetry } from '../services/intake.js';
import { trackCase } from '../services/tracking.js';
import type { AuthEnv } from './auth.js';
import type { CitizenDeps } from './deps.js';
import { rateLimited } from './rate-limit.js';
import { CatalogSchema } from './schemas/catalog.js';
import { ErrorBodySchema, errorResponses, json } from './schemas/common.js';
import {
  ComplaintSchema,
  IdempotencyKeySchema,
  PublicCaseSchema,
  ReceiptSchema,
  TrackRequestSchema,
} from './schemas/complaint.js';
import { validationHook } from './validation.js';

const catalogRoute = createRoute({
  method: 'get',
  path: '/catalog',
  tags: ['public'],
  summary: 'Reference data: complaint categories with their policy basis, areas, offices',
  responses: { 200: { description: 'The current catalog', content: json(CatalogSchema) } },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/complaints',
  tags: ['public'],
  summary: 'File a complaint (投诉受理)',
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKeySchema.optional() }),
    body: { required: true, content: json(ComplaintSchema) },
  },
  responses: {
    201: { description: 'Stored; keep the tracking and access codes', content: json(ReceiptSchema) },
    401: { description: 'A staff channel without a login', content: json(ErrorBodySchema) },
    403: { description: 'A channel your role may not use', content: json(ErrorBodySchema) },
    ...errorResponses,
    422: { description: 'Idempotency-Key reused with a different body', content: json(ErrorBodySchema) },
  },
});

const trackRoute = createRoute({
  method: 'post',
  path: '/track',
  tags: ['public'],
  summary: 'Follow a case with its tracking code and access code (进度查询)',
  request: { body: { required: true, content: json(TrackRequestSchema) } },
  responses: {
    200: {
      description: 'Public view of the case; never contains reporter data',
      content: json(PublicCaseSchema),
    },
    404: {
      description: 'Unknown tracking code or wrong access code (indistinguishable)',
      content: json(ErrorBodySchema),
    },
    ...errorResponses,
  },
});

/** Citizen-facing API: no login. */
export function publicApi(deps: CitizenDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  app.use('/complaints', rateLimited(deps, deps.limits.intake));
  app.use('/track', rateLimited(deps, deps.limits.tracking));

  app.openapi(catalogRoute, async (c) => {
    const catalog = await deps.catalog.get();
    // Parsing the outgoing document both checks it and turns readonly reference data into the schema type.
    return c.json(
      CatalogSchema.parse({
        version: catalog.version,
        categories: catalog.categories,
        areas: catalog.areas,
        offices: catalog.offices,
        subjectKinds: deps.subjectKinds,
        knownSubjects: catalog.knownSubjects ?? [],
      }),
      200,
    );
  });

  app.openapi(submitRoute, async (c) => {
    const complaint = c.req.valid('json');
    const who = c.get('principal');
    const allowed = canSubmitChannel(who, complaint.channel);
    if (allowed === 'unauthenticated') {
      throw new AppError(
        401,
        'UNAUTHENTICATED',
        `Channel "${complaint.channel}" is for staff: log in first.`,
      );
    }
    if (allowed === 'forbidden') {
      throw new AppError(
        403,
        'FORBIDDEN',
        `Role ${who?.role} may not file "${complaint.channel}" complaints.`,
      );
    }
    const receipt = await submitComplaintWithRetry(deps, complaint, {
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      enteredBy: who?.username,
    });
    deps.logger.info('complaint received', {
      trackingCode: receipt.trackingCode,
      channel: complaint.channel,
    });
    return c.json(receipt, 201);
  });

  app.openapi(trackRoute, async (c) => {
    const { trackingCode, accessCode } = c.req.valid('json');
    return c.json(await trackCase(deps, trackingCode, accessCode), 200);
  });

  return app;
}
