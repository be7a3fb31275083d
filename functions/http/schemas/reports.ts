import { z } from '@hono/zod-openapi';
import { MONTH_PATTERN } from '../../domain/reports/month.js';
import { headlineFigures } from '../../domain/reports/monthly-report.js';

export const MonthParamSchema = z.object({
  month: z
    .string()
    .regex(MONTH_PATTERN, { error: 'must be a month as YYYY-MM' })
    .openapi({ param: { name: 'month', in: 'path' }, example: '2026-03' }),
});

export const NoticeQuerySchema = z.object({
  format: z
    .enum(['json', 'xlsx', 'csv'])
    .default('json')
    .openapi({ description: 'json (default), xlsx or csv' }),
  version: z
    .union([z.literal('latest'), z.coerce.number().int().min(1).max(9999)])
    .optional()
    .openapi({ description: 'A published version (or `latest`); omit for a fresh draft', example: 'latest' }),
});

export const PublishSchema = z
  .strictObject({
    requirements: z
      .string()
      .max(4000)
      .optional()
      .openapi({ description: '五、下步要求: the issuer’s requirements for next month' }),
  })
  .openapi('PublishNotice');

const rate = z.number().nullable();
const FiguresSchema = z
  .object(Object.fromEntries(headlineFigures.map((k) => [k, z.number().nullable()])))
  .extend({
    receivedByChannel: z.record(z.string(), z.number()),
    accountabilityByMeasure: z.record(z.string(), z.number()),
  })
  .passthrough()
  .openapi('NoticeFigures');

const Ref = { code: z.string(), name: z.string(), nameEn: z.string() };

export const MonthlyReportSchema = z
  .object({
    month: z.string(),
    previousMonth: z.string(),
    cutoff: z.string(),
    complete: z.boolean(),
    generatedAt: z.string(),
    thresholds: z.object({ satisfactionRate: z.number(), onTimeRate: z.number() }),
    overall: FiguresSchema,
    previous: FiguresSchema,
    changes: z.record(z.string(), z.object({ current: rate, previous: rate, change: rate })),
    offices: z.array(
      z.object({
        officeId: z.string(),
        name: z.string(),
        nameEn: z.string(),
        rank: z.number().nullable(),
        figures: FiguresSchema,
      }),
    ),
    categories: z.array(z.object({ ...Ref, figures: FiguresSchema })),
    areas: z.array(z.object({ ...Ref, figures: FiguresSchema })),
    criticized: z.array(
      z
        .object({
          officeId: z.string(),
          name: z.string(),
          reasons: z.array(z.object({ figure: z.string(), value: z.number(), threshold: z.number() })),
        })
        .passthrough(),
    ),
    ledger: z.array(
      z
        .object({
          caseId: z.string(),
          officeId: z.string(),
          deadline: z.string(),
          workingDaysOverdue: z.number(),
          escalationLevel: z.number(),
        })
        .passthrough(),
    ),
    repeatSubjects: z.array(
      z.object({ kind: z.string(), name: z.string(), count: z.number(), caseIds: z.array(z.string()) }),
    ),
    hotCategories: z.array(z.object({ ...Ref, count: z.number(), share: z.number() })),
  })
  .openapi('MonthlyReport');

const IssueSchema = z.object({
  year: z.number(),
  number: z.number(),
  label: z.string().openapi({ example: '2026年第3期' }),
});

export const NoticeSchema = z
  .object({
    status: z.enum(['draft', 'published']),
    month: z.string(),
    version: z.number().optional(),
    issue: IssueSchema.optional(),
    publishedAt: z.string().optional(),
    publishedBy: z.string().optional(),
    issuingBody: z.string(),
    requirements: z.string(),
    itemsRead: z.number().optional().openapi({ description: 'Draft only: store items read to compute it' }),
    report: MonthlyReportSchema,
  })
  .openapi('MonthlyNotice');

export const OfficeSectionSchema = z
  .object({
    status: z.enum(['draft', 'published']),
    month: z.string(),
    version: z.number().optional(),
    issue: IssueSchema.optional(),
    section: z
      .object({})
      .passthrough()
      .openapi({ description: "The inspector's own office: row, criticism, ledger" }),
  })
  .openapi('MonthlyNoticeOfficeSection');

export const NoticeSummarySchema = z
  .object({
    month: z.string(),
    version: z.number(),
    issue: IssueSchema,
    publishedAt: z.string(),
    publishedBy: z.string(),
    generatedAt: z.string(),
  })
  .passthrough()
  .openapi('MonthlyNoticeSummary');
