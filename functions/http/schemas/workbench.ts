import { z } from '@hono/zod-openapi';
import { subjectKindCodes } from '../../domain/reference/catalog.js';

export const QueueCountsSchema = z
  .object({
    role: z.string(),
    officeId: z.string().nullable(),
    counts: z.record(z.string(), z.number()).openapi({
      description:
        'inspector: open, due_soon, overdue, escalated (催办/督办/问责), pending_review; dispatcher and leader: submitted, returned, extension, pending_review, escalated, unrouted',
    }),
  })
  .openapi('QueueCounts');

/** Search body (POST, so a phone number never appears in a URL). Exactly one of the three keys. */
export const CaseSearchSchema = z
  .strictObject({
    trackingCode: z.string().trim().min(1).max(40).optional(),
    subject: z
      .strictObject({ kind: z.enum(subjectKindCodes), name: z.string().trim().min(1).max(200) })
      .optional()
      .openapi({ description: 'school or institution name as filed (spaces and case ignored)' }),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9０-９+\-\s()]{5,30}$/, { error: 'must be a phone number' })
      .optional()
      .openapi({ description: 'operators and dispatchers: matched by a keyed hash, never stored in clear' }),
    limit: z.number().int().min(1).max(200).optional(),
    cursor: z.string().max(4000).optional(),
  })
  .superRefine((s, ctx) => {
    const given = [s.trackingCode, s.subject, s.phone].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['trackingCode'],
        message: 'give exactly one of trackingCode, subject, phone',
      });
    }
  })
  .openapi('CaseSearch');

export const ReplyTemplateSchema = z
  .object({
    id: z.string(),
    category: z.string().optional(),
    title: z.string(),
    titleEn: z.string(),
    text: z.string(),
  })
  .openapi('ReplyTemplate');
