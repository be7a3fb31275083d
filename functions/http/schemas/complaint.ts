import { z } from '@hono/zod-openapi';
import { channels } from '../../domain/case.js';
import { caseStatusCodes } from '../../domain/case-status.js';
import { normalizePhone } from '../../domain/phone.js';
import { subjectKindCodes } from '../../domain/reference/catalog.js';
import { civilDate, plainString } from './common.js';

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
  })
  .superRefine((c, ctx) => {
    if (!c.anonymous && !c.reporter?.phone && !c.reporter?.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['reporter'],
        params: { code: 'contact_required' },
        message: 'a named complaint needs a phone number or an e-mail address; or set anonymous to true',
      });
    }
  })
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
  })
  .openapi('PublicCase');

/** Idempotency-Key header: opaque client-chosen token. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, { error: 'must be 8–128 characters of letters, digits, . _ : -' });
