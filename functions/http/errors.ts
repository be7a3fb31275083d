import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type FieldProblem, type FieldProblemCode, fieldProblemCodes } from '../services/errors.js';
import type { Logger } from '../services/ports.js';

/** At most this many field problems in one answer (5,000 unknown keys once made a 250 KB answer). */
export const MAX_FIELD_PROBLEMS = 50;

export function errorBody(code: string, message: string, fields?: FieldProblem[]) {
  if (!fields) return { error: { code, message } };
  if (fields.length <= MAX_FIELD_PROBLEMS) return { error: { code, message, fields } };
  return {
    error: {
      code,
      message: `${message} The first ${MAX_FIELD_PROBLEMS} of ${fields.length} problems are listed.`,
      fields: fields.slice(0, MAX_FIELD_PROBLEMS),
      moreFields: fields.length - MAX_FIELD_PROBLEMS,
    },
  };
}

/**
 * Zod issues → one `{ path, message, code }` per bad field (unknown keys listed one by one). The code is
 * stable (see `fieldProblemCodes`) so pages can say it in the reader's language.
 */
export function zodFields(error: ZodError): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        out.push({ path: base ? `${base}.${k}` : k, message: 'is not a known field', code: 'unknown_field' });
    } else {
      out.push({ path: base || '(body)', message: issue.message, ...problemCode(issue) });
    }
  }
  return out;
}

function problemCode(issue: ZodError['issues'][number]): Pick<FieldProblem, 'code' | 'limit'> {
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 leaves the input out of issues; its default message names what it received.
      return { code: /received undefined$/.test(issue.message) ? 'required' : 'invalid_type' };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { code: 'required' }
          : { code: 'too_short', limit: Number(issue.minimum) };
      return { code: 'out_of_range', limit: Number(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too_long', limit: Number(issue.maximum) };
      return { code: 'out_of_range', limit: Number(issue.maximum) };
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'invalid_value':
      return { code: 'unknown_value' };
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: isFieldProblemCode(code) ? code : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

const isFieldProblemCode = (x: unknown): x is FieldProblemCode =>
  typeof x === 'string' && (fieldProblemCodes as readonly string[]).includes(x);

/** The one place errors become HTTP responses. Unexpected errors are logged without request data. */
export function handleError(err: Error, c: Context, logger: Logger) {
  if (err instanceof AppError) {
    if (err.status === 503) logger.warn('store unavailable', { code: err.code, path: c.req.path });
    const retryAfter = err.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    const body = errorBody(err.code, err.message, err.fields);
    return c.json({ error: { ...body.error, ...err.extra } }, err.status);
  }
  if (err instanceof HTTPException) {
    if (err.status === 400)
      return c.json(errorBody('MALFORMED_JSON', 'The request body is not valid JSON.'), 400);
    if (err.status === 413)
      return c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is over 64 KB.'), 413);
    return c.json(errorBody('HTTP_ERROR', err.message), err.status);
  }
  logger.error('unhandled error', {
    name: err.name,
    path: c.req.path,
    requestId: c.get('requestId' as never),
  });
  return c.json(errorBody('INTERNAL', 'Something went wrong on our side.'), 500);
}
