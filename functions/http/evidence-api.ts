import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { MAX_EVIDENCE_BYTES } from '../domain/evidence/evidence.js';
import { addCaseEvidence, caseEvidenceLink, listCaseEvidence } from '../services/case-evidence.js';
import { notFound } from '../services/errors.js';
import {
  completeUpload,
  createUpload,
  discardUpload,
  evidenceError,
  stageFile,
} from '../services/evidence.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { rateLimited } from './rate-limit.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import {
  AddEvidenceSchema,
  EvidenceViewSchema,
  StagedUploadSchema,
  UploadFormSchema,
  UploadIdSchema,
} from './schemas/evidence.js';
import { requireStaff } from './staff-api.js';
import { validationHook } from './validation.js';

const binary = z.string().openapi({ type: 'string', format: 'binary' });
const codeParam = z.object({ trackingCode: z.string().min(1).max(40) });
const notFoundResponse = {
  404: { description: 'No such case or file in your scope', content: json(ErrorBodySchema) },
};

const routes = {
  direct: createRoute({
    method: 'post',
    path: '/evidence/files',
    tags: ['evidence'],
    summary: 'Upload one photo in the request body (embedded runtime); checked by content, metadata stripped',
    description:
      'JPEG, PNG or WebP (staff also PDF), at most 10 MB, the raw file as the body. On AWS this answers ' +
      '409 DIRECT_UPLOAD_DISABLED: use POST /evidence/uploads.',
    request: { body: { required: true, content: { 'application/octet-stream': { schema: binary } } } },
    responses: {
      201: {
        description: 'Staged; pass `uploadId` in the complaint’s `evidence`',
        content: json(StagedUploadSchema),
      },
      409: { description: 'Direct uploads are off (AWS)', content: json(ErrorBodySchema) },
      ...errorResponses,
      413: { description: 'Over 10 MB', content: json(ErrorBodySchema) },
    },
  }),
  createUpload: createRoute({
    method: 'post',
    path: '/evidence/uploads',
    tags: ['evidence'],
    summary: 'A form to upload one file straight to storage (presigned POST, ≤ 10 MB)',
    responses: { 201: { description: 'Upload form', content: json(UploadFormSchema) }, ...errorResponses },
  }),
  complete: createRoute({
    method: 'post',
    path: '/evidence/uploads/{uploadId}/complete',
    tags: ['evidence'],
    summary: 'Check and strip a file uploaded with the form; stages it',
    request: { params: z.object({ uploadId: UploadIdSchema }) },
    responses: {
      200: { description: 'Staged', content: json(StagedUploadSchema) },
      404: {
        description: 'Nothing was uploaded under this id (or it expired)',
        content: json(ErrorBodySchema),
      },
      ...errorResponses,
    },
  }),
  discard: createRoute({
    method: 'delete',
    path: '/evidence/uploads/{uploadId}',
    tags: ['evidence'],
    summary: 'Remove a staged upload before it is attached',
    request: { params: z.object({ uploadId: UploadIdSchema }) },
    responses: { 204: { description: 'Removed (or was not there)' }, ...errorResponses },
  }),
  file: createRoute({
    method: 'get',
    path: '/evidence/files/{token}',
    tags: ['evidence'],
    summary: 'A file behind a short-lived link (embedded runtime; on AWS links point to S3)',
    request: { params: z.object({ token: z.string().min(1).max(2000) }) },
    responses: {
      200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } },
      404: { description: 'Unknown or expired link', content: json(ErrorBodySchema) },
    },
  }),
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

/** Evidence files: staging uploads (public and staff), reading files, staff additions to a case. */
export function evidenceApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const ev = deps.evidence;
  app.use('/evidence/*', rateLimited(deps, deps.limits.tracking));
  app.use(
    '/evidence/files',
    bodyLimit({
      maxSize: MAX_EVIDENCE_BYTES,
      onError: () => {
        throw evidenceError('evidence_too_large');
      },
    }),
  );

  const uploader = (c: { get(k: 'principal'): unknown }) => (c.get('principal') ? 'staff' : 'citizen');

  app.openapi(routes.direct, async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await stageFile(ev, body, uploader(c)), 201);
  });
  app.openapi(routes.createUpload, async (c) => c.json(await createUpload(ev), 201));
  app.openapi(routes.complete, async (c) =>
    c.json(await completeUpload(ev, c.req.valid('param').uploadId, uploader(c)), 200),
  );
  app.openapi(routes.discard, async (c) => {
    await discardUpload(ev, c.req.valid('param').uploadId);
    return c.body(null, 204);
  });
  app.openapi(routes.file, async (c) => {
    const grant = ev.links.open?.(c.req.valid('param').token);
    const file = grant ? await ev.objects.get(grant.key) : undefined;
    if (!grant || !file) throw notFound('file, or the link has expired');
    const image = grant.contentType.startsWith('image/');
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': grant.contentType,
      'content-disposition': `inline; filename="${grant.fileName}"`,
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      ...(image ? { 'content-security-policy': "default-src 'none'; sandbox" } : {}),
    });
  });

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
