import { z } from '@hono/zod-openapi';

const Figures = {
  open: z.number().int(),
  overdue: z.number().int(),
  urged: z.number().int().openapi({ description: '催办 (escalation level 1), open cases' }),
  supervised: z.number().int().openapi({ description: '督办 (escalation level 2), open cases' }),
  accountable: z.number().int().openapi({ description: '问责 (level 3), open cases' }),
  accountabilityThisMonth: z.number().int().openapi({ description: '问责 records dated this month' }),
  dueThisMonth: z.number().int(),
  onTimeThisMonth: z.number().int(),
  onTimeRate: z.number().nullable().openapi({ description: 'on time / due, cases received this month' }),
};

export const OverviewSchema = z
  .object({
    asOf: z.string(),
    month: z.string().openapi({ example: '2026-03' }),
    totals: z.object(Figures),
    byOffice: z.array(z.object({ officeId: z.string(), ...Figures })),
    byCategory: z.array(z.object({ category: z.string(), ...Figures })),
  })
  .openapi('LeaderOverview');
