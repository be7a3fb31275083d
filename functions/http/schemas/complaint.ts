import { z } from '@hono/zod-openapi';
import { channels, ratings } from '../../domain/case.js';
import { caseStatusCodes } from '../../domain/case-status.js';
import { MAX_PHOTOS_PER_COMPLAINT, UPLOAD_ID_PATTERN } from '../../domain/evidence/evidence.js';
import { normalizePhone } from '../../domain/phone.js';
import { subjectKindCodes } from '../../domain/reference/catalog.js';
import { civilDate, plainString } from './common.js';
import { EvidenceViewSchema } from './evidence.js';

/**
 * A mainland mobile or a landline with its area code, half- or full-width, with spaces, hyphens or
 * parentheses; stored in canonical form (see `normalizePhone`).
 */
const reporterPhone = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (phone) return phone;
    ctx.addIssue({
      code: 'custom',
      params: { code: 'invalid_format' },
      message:
        'must be a mainland mobile (11 digits, 13x–19x) or a landline with its area code, e.g. 023-43721234',
    });
    return z.NEVER;
  })
  .openapi({ type: 'string', example: '023-43721234' });

export const ReporterSchema = z
  .strictObject({
    name: plainString().trim().min(1).max(50).optional(),
    phone: reporterPhone.optional(),
    email: z.email({ error: 'must be an e-mail address' }).max(254).optional(),
  })
  .openapi('Reporter', {
    description: 'Contact details; encrypted before storage, never shown in full to staff',
  });

export const ComplaintSchema = z
  .strictObject({
    channel: z
      .enum(channels)
      .openapi({ description: 'web for the public page; other channels need a staff role' }),
    category: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: 'HOMEWORK_OVERLOAD', description: 'a category code from /api/v1/catalog' }),
    area: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: 'LONGSHUI', description: 'an area code from /api/v1/catalog' }),
    subject: z.strictObject({
      kind: z.enum(subjectKindCodes),
      name: plainString().trim().min(1).max(100).openapi({ example: '龙水镇第一小学' }),
    }),
    description: plainString().trim().min(10, { error: 'must be at least 10 characters' }).max(5000),
    occurredOn: civilDate.optional().openapi({ description: 'not in the future' }),
    grade: z.number().int().min(1).max(9).optional().openapi({ description: 'school grade 1–9' }),
    anonymous: z.boolean().openapi({ description: 'when true no reporter data is kept' }),
    reporter: ReporterSchema.optional(),
    evidence: z
      .array(z.string().regex(UPLOAD_ID_PATTERN, { error: 'must be an upload id from /evidence' }))
      .max(MAX_PHOTOS_PER_COMPLAINT, { error: `at most ${MAX_PHOTOS_PER_COMPLAINT} photos` })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'lists the same upload twice' })
      .optional()
      .openapi({ description: 'upload ids of staged photos (POST /api/v1/evidence/…), at most 5' }),
  })
  .superRefine(
    (c, ctx) => {
      if (!c.anonymous && !c.reporter?.phone && !c.reporter?.email) {
        ctx.addIssue({
          code: 'custom',
          path: ['reporter'],
          params: { code: 'contact_required' },
          message: 'a named complaint needs a phone number or an e-mail address; or set anonymous to true',
        });
      }
    },
    {
      // Also when other fields are wrong, so every problem is named at once; not when the contact fields
      // themselves are (their own issues say what is wrong).
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !payload.issues.some(
          (i) => (i.path?.length ?? 0) === 0 || i.path?.[0] === 'anonymous' || i.path?.[0] === 'reporter',
        ),
    },
  )
  .openapi('Complaint');

export const ReceiptSchema = z
  .object({
    trackingCode: z.string().openapi({ example: 'K7MPQ-3RXT9' }),
    accessCode: z.string().openapi({ description: 'shown once; keep it to follow the case' }),
    status: z.enum(caseStatusCodes),
    receivedAt: z.string(),
  })
  .openapi('Receipt');

export const TrackRequestSchema = z
  .strictObject({
    trackingCode: z.string().min(1).max(40),
    accessCode: z.string().min(1).max(40),
  })
  .openapi('TrackRequest');

const Label = z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() });

export const PublicCaseSchema = z
  .object({
    trackingCode: z.string(),
    status: Label,
    category: Label,
    area: Label,
    office: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
    deadline: z.string().nullable(),
    receivedAt: z.string(),
    escalationLevel: z
      .number()
      .int()
      .openapi({ description: '0 none, 1 催办 urged, 2 督办 supervised, 3 问责' }),
    closedAt: z.string().nullable(),
    complaint: z
      .object({
        subject: z.object({ kind: z.string(), name: z.string() }),
        description: z.string(),
        occurredOn: z.string().nullable(),
        grade: z.number().nullable(),
      })
      .openapi({ description: 'the complaint as filed (never the reporter)' }),
    feedback: z.object({
      open: z.boolean().openapi({ description: 'the outcome may be rated now' }),
      ratings: z.array(z.object({ at: z.string(), rating: z.enum(ratings) })),
    }),
    timeline: z.array(
      z.object({
        type: z.string(),
        at: z.string(),
        label: z.string(),
        labelEn: z.string(),
        reason: z.string().optional(),
        reply: z.string().optional(),
      }),
    ),
    evidence: z.array(EvidenceViewSchema).openapi({ description: 'the photos sent with the complaint' }),
  })
  .openapi('PublicCase');

/** Idempotency-Key header: opaque client-chosen token. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, { error: 'must be 8–128 characters of letters, digits, . _ : -' });
