import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { MAX_EVIDENCE_BYTES } from '../domain/evidence/evidence.js';
import { notFound } from '../services/errors.js';
import {
  completeUpload,
  createUpload,
  discardUpload,
  evidenceError,
  stageFile,
} from '../services/evidence.js';
import type { AuthEnv } from './auth.js';
import type { CitizenDeps } from './deps.js';
import { rateLimited } from './rate-limit.js';
import { ErrorBodySchema, errorResponses, json } from './schemas/common.js';
import { StagedUploadSchema, UploadFormSchema, UploadIdSchema } from './schemas/evidence.js';
import { validationHook } from './validation.js';

const binary = z.string().openapi({ type: 'string', format: 'binary' });

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
};

/**
 * Evidence files: staging uploads (citizens and staff) and reading files by link. Served by the citizen
 * function; staff additions to a case are `caseEvidenceApi` (staff function).
 */
export function evidenceApi(deps: CitizenDeps) {
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

  return app;
}
