/**
 * 12345 file imports for staff without an integration: `POST /12345/imports` takes the platform's
 * export (multipart field `file`, CSV or xlsx) and answers 202 with the import job; `GET
 * /12345/imports/{id}` reads the job's progress and, once done, its summary. The upload page
 * (`/staff/work-orders`) uses the same checks and service.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Principal } from '../domain/staff.js';
import { AppError, notFound } from '../services/errors.js';
import { type ImportJob, startImportJob } from '../services/work-order-imports.js';
import type { AuthEnv } from './auth.js';
import type { AppDeps } from './deps.js';
import { ErrorBodySchema, errorResponses, json, staffSecurity } from './schemas/common.js';
import { validationHook } from './validation.js';
import {
  IMPORT_FILE_FIELD,
  MAX_IMPORT_BYTES,
  rowsFromUpload,
  UploadRefused,
  uploadError,
} from './work-order-upload.js';
import { exchangerResponses, ImportCountsSchema, requireExchanger } from './work-orders-api.js';

const ProblemSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const ImportJobSchema = ImportCountsSchema.extend({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  rows: z
    .array(
      z.object({
        row: z.number(),
        orderNo: z.string().optional(),
        result: z.enum(['changed', 'rejected']),
        problems: z.array(ProblemSchema).optional(),
        trackingCode: z
          .string()
          .optional()
          .openapi({ description: 'A changed order: the case it filed the first time' }),
      }),
    )
    .openapi({ description: 'Rows that need attention (rejected first, then changed), at most 200' }),
  moreRows: z.number().openapi({ description: 'Rows needing attention left off the list' }),
}).openapi('WorkOrderImportJob');

export const jobView = (job: ImportJob) => {
  const { createdBy: _by, ...view } = job;
  return view;
};

/** The services a file import needs, or 404 when the runtime has no import jobs. */
export function importDeps(deps: AppDeps) {
  const imports = deps.workOrders?.imports;
  if (!deps.workOrders || !imports) throw notFound('12345 import');
  return { ...deps, workOrders: deps.workOrders, imports };
}

/** Reads the uploaded file into rows and starts its job; refusals are thrown as UploadRefused. */
export async function uploadImport(deps: AppDeps, who: Principal, file: unknown): Promise<ImportJob> {
  const d = importDeps(deps);
  const { fileName, rows } = await rowsFromUpload(file, d.imports.runner.maxRows);
  const job = await startImportJob(d, who, fileName, rows);
  deps.logger.info('work order import started', { job: job.id, rows: rows.length });
  return job;
}

const jobRoute = createRoute({
  method: 'get',
  path: '/12345/imports/{id}',
  tags: ['12345'],
  security: staffSecurity,
  summary: 'Progress of a 12345 file import, and its summary when done',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The import job', content: json(ImportJobSchema) },
    ...exchangerResponses,
    404: { description: 'No such import', content: json(ErrorBodySchema) },
  },
});

export function workOrderImportsApi(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  const exchanger = requireExchanger;

  // Multipart, so documented by hand and read without the JSON validator.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/12345/imports',
    tags: ['12345'],
    security: staffSecurity,
    summary: `Upload a 12345 export (CSV or xlsx, ≤ ${MAX_IMPORT_BYTES / 1024 / 1024} MB) as an import job`,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              [IMPORT_FILE_FIELD]: z.string().openapi({ type: 'string', format: 'binary' }),
            }),
          },
        },
      },
    },
    responses: {
      202: {
        description: 'The job (Location: its URL); poll it until `status` is done',
        content: json(ImportJobSchema),
      },
      ...exchangerResponses,
      ...errorResponses,
      413: { description: 'File too large (field `file`)', content: json(ErrorBodySchema) },
      415: { description: 'Body is not multipart/form-data', content: json(ErrorBodySchema) },
    },
  });
  app.post(
    '/12345/imports',
    async (c, next) => {
      exchanger(c);
      return next();
    },
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + 64 * 1024,
      onError: () => {
        throw uploadError({ reason: 'too_large', limit: MAX_IMPORT_BYTES });
      },
    }),
    async (c) => {
      const who = exchanger(c);
      if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.');
      }
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody();
      } catch {
        throw uploadError({ reason: 'unreadable' });
      }
      try {
        const job = await uploadImport(deps, who, body[IMPORT_FILE_FIELD]);
        c.header('location', `/api/v1/12345/imports/${job.id}`);
        return c.json(jobView(job), 202);
      } catch (e) {
        if (e instanceof UploadRefused) throw uploadError(e.refusal);
        throw e;
      }
    },
  );

  app.openapi(jobRoute, async (c) => {
    exchanger(c);
    const job = await importDeps(deps).imports.jobs.get(c.req.valid('param').id);
    if (!job) throw notFound('import');
    return c.json(jobView(job), 200);
  });

  return app;
}
