import { z } from '@hono/zod-openapi';

const Named = { name: z.string(), nameEn: z.string() };

const KnownSubjectSchema = z.strictObject({
  kind: z.enum(['school', 'institution']),
  name: z.string().trim().min(1).max(100),
  area: z.string().min(1).max(64),
  licence: z.string().trim().min(1).max(100).optional(),
});

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
    knownSubjects: z
      .array(KnownSubjectSchema)
      .openapi({ description: 'schools and licensed training institutions the report form suggests' }),
  })
  .openapi('Catalog');

const days = (max: number) => z.number().int().min(1).max(max);

/** What an admin sends to replace the reference catalog (the version is assigned by the server). */
export const CatalogInputSchema = z
  .strictObject({
    categories: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, { error: 'must be UPPER_SNAKE_CASE' }),
          ...Named,
          urgentByDefault: z.boolean(),
          coHandling: z.strictObject(Named).optional(),
          basis: z.strictObject({
            rule: z.string().min(1),
            ruleEn: z.string().min(1),
            sources: z.array(z.string()),
          }),
        }),
      )
      .min(1),
    areas: z
      .array(z.strictObject({ code: z.string().min(1).max(64), ...Named, officeId: z.string().min(1) }))
      .min(1),
    offices: z
      .array(
        z.strictObject({ id: z.string().min(1).max(64), ...Named, isDistrictTeam: z.boolean().optional() }),
      )
      .min(1),
    knownSubjects: z.array(KnownSubjectSchema).max(5000).optional(),
    routingRules: z.array(
      z.strictObject({
        area: z.string().min(1),
        category: z.string().min(1).optional(),
        officeId: z.string().min(1),
      }),
    ),
    deadlines: z
      .strictObject({
        policy: z
          .strictObject({
            handlingDays: days(60),
            urgentHandlingDays: days(30),
            returnWindowDays: days(10),
            maxExtensionDays: days(30),
            maxExtensions: z.number().int().min(0).max(3),
            escalationDays: z.strictObject({ urge: days(15), supervise: days(15) }),
          })
          .optional(),
        byCategory: z
          .record(
            // Category codes only: refuses `__proto__`, `constructor` and the like as keys.
            z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, { error: 'must be a category code' }),
            z.strictObject({ handlingDays: days(60).optional(), urgentHandlingDays: days(30).optional() }),
          )
          .optional(),
      })
      .optional(),
    replyTemplates: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, { error: 'must be UPPER_SNAKE_CASE' }),
          category: z.string().min(1).max(64).optional(),
          title: z.string().trim().min(1).max(100),
          titleEn: z.string().trim().min(1).max(200),
          text: z.string().trim().min(1).max(2000),
        }),
      )
      .max(500)
      .optional(),
    reportThresholds: z
      .strictObject({
        satisfactionRate: z.number().min(0).max(1),
        onTimeRate: z.number().min(0).max(1),
      })
      .optional()
      .openapi({ description: 'Monthly notice: offices below these rates (0..1) are named for criticism' }),
  })
  .openapi('CatalogInput');
