import { z } from '@hono/zod-openapi';

const Named = { name: z.string(), nameEn: z.string() };

export const CatalogSchema = z
  .object({
    version: z.number(),
    categories: z.array(
      z.object({
        code: z.string(),
        ...Named,
        urgentByDefault: z.boolean(),
        coHandling: z.object(Named).optional(),
        basis: z.object({ rule: z.string(), ruleEn: z.string(), sources: z.array(z.string()) }),
      }),
    ),
    areas: z.array(z.object({ code: z.string(), ...Named, officeId: z.string() })),
    offices: z.array(z.object({ id: z.string(), ...Named, isDistrictTeam: z.boolean().optional() })),
    subjectKinds: z.array(z.object({ code: z.string(), ...Named })),
  })
  .openapi('Catalog');
