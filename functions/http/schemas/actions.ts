import { z } from '@hono/zod-openapi';
import { accountabilityMeasures, findings, ratings } from '../../domain/case.js';
import { subjectKindCodes } from '../../domain/reference/catalog.js';
import { civilDate, plainString } from './common.js';

const text = (max: number) => plainString().trim().min(1, { error: 'must not be empty' }).max(max);
const expectedVersion = z.number().int().min(1).openapi({ description: 'the case version you acted on' });
const action = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), expectedVersion, ...shape });

/** Lifecycle actions (办理操作); which one a caller may take depends on role, office and status. */
export const CaseActionSchema = z
  .discriminatedUnion('type', [
    action('start', {}),
    action('note', { text: text(2000) }),
    action('return', { reason: text(1000) }),
    action('request_extension', { days: z.number().int().min(1).max(15), reason: text(1000) }),
    action('submit_report', { finding: z.enum(findings), actions: text(4000), reply: text(2000) }),
    action('reject', { reason: text(1000) }),
    action('merge', {
      into: z.string().min(1).max(40).openapi({ description: 'tracking code of the case kept' }),
    }),
    action('reassign', { officeId: z.string().min(1).max(64), reason: text(1000).optional() }),
    action('decide_return', {
      decision: z.enum(['reassign', 'send_back']),
      officeId: z.string().min(1).max(64).optional(),
      reason: text(1000).optional(),
    }),
    action('decide_extension', {
      approve: z.boolean(),
      newDeadline: civilDate
        .optional()
        .openapi({ description: 'instead of the requested days (Asia/Shanghai date)' }),
      reason: text(1000).optional(),
    }),
    action('approve', { note: text(1000).optional() }),
    action('send_back', { reason: text(1000) }),
    action('classify', {
      category: z.string().min(1).max(64).openapi({ description: 'a category code from /api/v1/catalog' }),
      area: z.string().min(1).max(64).openapi({ description: 'an area code from /api/v1/catalog' }),
      subject: z
        .strictObject({ kind: z.enum(subjectKindCodes), name: text(200) })
        .optional()
        .openapi({ description: 'the school, institution or teacher complained about' }),
    }),
    action('record_accountability', {
      measure: z.enum(accountabilityMeasures).openapi({
        description:
          'interview 约谈 | public_criticism 通报批评 | rectification 责令整改 | disqualify_awards 取消评优 | other',
      }),
      targetUnit: text(200),
      note: text(2000).optional(),
    }),
    action('reclassify', {
      category: z.string().min(1).max(64).optional().openapi({ description: 'new category code' }),
      urgent: z.boolean().optional().openapi({ description: 'urgent cases get the short deadline' }),
      reason: text(1000),
    }),
    action('instruct', { text: text(2000).openapi({ description: '领导批示: shown to the office' }) }),
  ])
  .openapi('CaseAction');

export const ActionReceiptSchema = z
  .object({
    trackingCode: z.string(),
    status: z.string(),
    version: z.number(),
    officeId: z.string().nullable(),
    deadline: z.string().nullable(),
    escalationLevel: z.number(),
    allowedActions: z.array(z.string()),
  })
  .openapi('ActionReceipt');

export const FeedbackSchema = z
  .strictObject({
    trackingCode: z.string().min(1).max(40),
    accessCode: z.string().min(1).max(40),
    rating: z.enum(ratings),
    comment: z.string().trim().max(1000).optional(),
  })
  .openapi('Feedback');

export const HolidayYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(z.strictObject({ date: civilDate, name: text(50), nameEn: text(100) })).max(60),
    makeupWorkdays: z.array(z.strictObject({ date: civilDate, name: text(50), nameEn: text(100) })).max(20),
    source: text(300),
  })
  .superRefine((y, ctx) => {
    for (const [list, entries] of [
      ['holidays', y.holidays],
      ['makeupWorkdays', y.makeupWorkdays],
    ] as const) {
      entries.forEach((d, i) => {
        if (!d.date.startsWith(`${y.year}-`)) {
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message: `must be in ${y.year}` });
        }
      });
    }
    // A date is a holiday or a make-up working day (调休), never both, and appears once.
    const seen = new Set<string>();
    for (const [list, entries] of [
      ['holidays', y.holidays],
      ['makeupWorkdays', y.makeupWorkdays],
    ] as const) {
      entries.forEach((d, i) => {
        if (seen.has(d.date)) {
          const message =
            list === 'makeupWorkdays' && y.holidays.some((h) => h.date === d.date)
              ? 'is already a holiday; a date cannot be both'
              : 'appears twice';
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message });
        }
        seen.add(d.date);
      });
    }
  })
  .openapi('HolidayYear');
