import { z } from '@hono/zod-openapi';
import { UPLOAD_ID_PATTERN } from '../../domain/evidence/evidence.js';
import { evidenceTypes } from '../../domain/evidence/file-types.js';

export const UploadIdSchema = z
  .string()
  .regex(UPLOAD_ID_PATTERN, { error: 'must be an upload id' })
  .openapi({ example: 'q3Zl2n0K7cT1mA9xYw4sVg' });

export const StagedUploadSchema = z
  .object({
    uploadId: UploadIdSchema,
    type: z.enum(evidenceTypes).openapi({ description: 'detected from the content' }),
    bytes: z.number().int(),
    expiresAt: z.string().openapi({ description: 'attach it to a complaint before this time' }),
  })
  .openapi('StagedUpload');

export const UploadFormSchema = z
  .object({
    uploadId: UploadIdSchema,
    upload: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      fileField: z.literal('file'),
      maxBytes: z.number().int(),
      expiresAt: z.string(),
    }),
  })
  .openapi('UploadForm', {
    description:
      'POST a multipart form to `url` with every field of `fields`, then the file as `file` (last); ' +
      'then POST /evidence/uploads/{uploadId}/complete',
  });

export const EvidenceViewSchema = z
  .object({
    id: z.string(),
    type: z.enum(evidenceTypes),
    bytes: z.number().int(),
    addedAt: z.string(),
    addedBy: z.string(),
    url: z.string().openapi({ description: 'short-lived link to the file (minutes)' }),
    urlExpiresAt: z.string(),
  })
  .openapi('Evidence');

export const AddEvidenceSchema = z
  .strictObject({
    uploads: z
      .array(UploadIdSchema)
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'lists the same upload twice' }),
    expectedVersion: z.number().int().min(1),
  })
  .openapi('AddEvidence');
