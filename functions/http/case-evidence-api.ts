import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { addCaseEvidence, caseEvidenceLink, listCaseEvidence } from '../services/case-evidence.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { AddEvidenceSchema, EvidenceViewSchema } from './schemas/evidence.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const codeParam = z.object({ trackingCode: z.string().min(1).max(40) });
const notFoundResponse = {
  404: { description: 'No such case or file in your scope', content: json(ErrorBodySchema) },
};

const routes = {
  list: createRoute({
    method: 'get',
    path: '/cases/{trackingCode}/evidence',
    tags: ['staff'],
    security: staffSecurity,
    summary: 'Evidence files of a case in your scope, each with a short-lived link',
    request: { params: codeParam },
    responses: {
      200: { description: 'Files', content: json(z.object({ evidence: z.array(EvidenceViewSchema) })) },
      ...notFoundResponse,
    },
  }),
  open: createRoute({
    method: 'get',
    path: '/cases/{trackingCode}/evidence/{evidenceId}',
    tags: ['staff'],
    security: staffSecurity,
    summary: 'Redirects to a fresh short-lived link to one file (for <img src> on staff pages)',
    request: { params: codeParam.extend({ evidenceId: z.string().min(1).max(40) }) },
    responses: { 302: { description: 'Location: the link' }, ...notFoundResponse },
  }),
  add: createRoute({
    method: 'post',
    path: '/cases/{trackingCode}/evidence',
    tags: ['staff'],
    security: staffSecurity,
    summary: 'Attach staged files (photos, PDF notices such as a 整改通知书) to an open case',
    request: { params: codeParam, body: { required: true, content: json(AddEvidenceSchema) } },
    responses: {
      200: {
        description: 'Attached',
        content: json(
          z.object({ trackingCode: z.string(), version: z.number(), evidence: z.array(EvidenceViewSchema) }),
        ),
      },
      403: { description: 'Role may not add evidence', content: json(ErrorBodySchema) },
      409: { description: 'Stale expectedVersion or a closed case', content: json(ErrorBodySchema) },
      ...notFoundResponse,
      ...errorResponses,
    },
  }),
};

/** Evidence of a case for staff: the files with short-lived links, and adding staged files to it. */
export function caseEvidenceApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const ev = deps.evidence;

  app.openapi(routes.list, async (c) =>
    c.json(
      {
        evidence: await listCaseEvidence(
          { ...deps, evidence: ev },
          requireStaff(c),
          c.req.valid('param').trackingCode,
        ),
      },
      200,
    ),
  );
  app.openapi(routes.open, async (c) => {
    const { trackingCode, evidenceId } = c.req.valid('param');
    const url = await caseEvidenceLink({ ...deps, evidence: ev }, requireStaff(c), trackingCode, evidenceId);
    c.header('cache-control', 'no-store');
    return c.redirect(url, 302);
  });
  app.openapi(routes.add, async (c) => {
    const result = await addCaseEvidence(
      deps,
      requireStaff(c, ['inspector', 'dispatcher']),
      c.req.valid('param').trackingCode,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  });
  return app;
}
