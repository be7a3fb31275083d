import { z } from '@hono/zod-openapi';
import { fieldProblemCodes } from '../../services/errors.js';

/** OpenAPI content of a JSON request or response. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** Routes for logged-in staff (bearer token or session cookie). */
export const staffSecurity = [{ bearerAuth: [] }];

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      fields: z
        .array(
          z.object({
            path: z.string().openapi({ example: 'description' }),
            message: z.string(),
            code: z.enum(fieldProblemCodes).openapi({
              description: 'stable problem code; clients translate it instead of showing `message`',
            }),
            limit: z
              .number()
              .optional()
              .openapi({ description: 'the bound of too_short, too_long, out_of_range' }),
          }),
        )
        .optional()
        .openapi({ description: 'One entry per bad field' }),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: {
    description: 'Invalid input; `fields` names each bad field',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  413: { description: 'Body over 64 KB', content: { 'application/json': { schema: ErrorBodySchema } } },
  415: { description: 'Body is not JSON', content: { 'application/json': { schema: ErrorBodySchema } } },
  429: { description: 'Too many requests', content: { 'application/json': { schema: ErrorBodySchema } } },
  503: {
    description: 'Store busy; nothing saved, retry',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
} as const;

/** ISO civil date (YYYY-MM-DD) that exists in the calendar. */
export const civilDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
