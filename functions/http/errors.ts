import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type FieldProblem } from '../services/errors.js';
import type { Logger } from '../services/ports.js';

export function errorBody(code: string, message: string, fields?: FieldProblem[]) {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/** Zod issues → one `{ path, message }` per bad field (unknown keys listed one by one). */
export function zodFields(error: ZodError): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        out.push({ path: base ? `${base}.${k}` : k, message: 'is not a known field' });
    } else {
      out.push({ path: base || '(body)', message: issue.message });
    }
  }
  return out;
}

/** The one place errors become HTTP responses. Unexpected errors are logged without request data. */
export function handleError(err: Error, c: Context, logger: Logger) {
  if (err instanceof AppError) {
    if (err.status === 503) logger.warn('store unavailable', { code: err.code, path: c.req.path });
    const retryAfter = err.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    return c.json(
      { error: { code: err.code, message: err.message, fields: err.fields, ...err.extra } },
      err.status,
    );
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
