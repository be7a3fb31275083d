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

/** The 401 and 403 answers of a staff route (OpenAPI): not logged in, or a role the route refuses. */
export const deniedResponses = (forbidden = 'Role not allowed') => ({
  401: { description: 'Not logged in', content: json(ErrorBodySchema) },
  403: { description: forbidden, content: json(ErrorBodySchema) },
});

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

/**
 * Control characters (except tab and line breaks) and bidirectional overrides/isolates are stripped
 * from names and free text: they can hide or reorder what a reader of a case sees (a reversed school
 * name, an invisible instruction). Zero-width joiners stay — some scripts need them.
 */
const isUnsafe = (cp: number) =>
  (cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
  (cp >= 0x7f && cp <= 0x9f) ||
  cp === 0x200e ||
  cp === 0x200f ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069);
export const stripUnsafeCharacters = (s: string) => {
  let out = '';
  for (const ch of s) if (!isUnsafe(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
};
/** A string with unsafe characters stripped (before trimming and length checks). */
export const plainString = () => z.string().overwrite(stripUnsafeCharacters);

/**
 * The optional `If-Match` header of a conditional replace: the version (or revision) the client read,
 * quoted like an ETag or not. `ifMatchNumber` turns the validated header into that number.
 */
export const ifMatchHeader = (what: string) =>
  z.object({
    'if-match': z
      .string()
      .regex(/^"?\d{1,9}"?$/, `a ${what} number`)
      .optional()
      .openapi({ description: `the ${what} this change is based on` }),
  });

export const ifMatchNumber = (header: string | undefined): number | undefined =>
  header === undefined ? undefined : Number(header.replaceAll('"', ''));
