import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_FILE_PATH } from '../adapters/crypto/evidence-links.js';
import { errorBody } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** The one API write whose body is a file, not JSON: its route checks type (by content) and size. */
const isFileUpload = (c: Context) => c.req.method === 'POST' && c.req.path === EVIDENCE_FILE_PATH;

/** Request bodies of API writes must be JSON (415 otherwise) and at most 64 KB (413). */
export const jsonBodyOnly: MiddlewareHandler = async (c, next) => {
  if (isFileUpload(c)) return next();
  // Body-less writes (logout, disable an account) need no content type. Over HTTP/1.1 a request without
  // Content-Length or Transfer-Encoding has no body, whatever stream the server adapter hands us.
  const length = c.req.header('content-length');
  const hasBody =
    c.req.raw.body !== null &&
    (length !== undefined
      ? length !== '0'
      : c.req.header('transfer-encoding') !== undefined || c.req.header('content-type') !== undefined);
  if (hasBody && (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH')) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
      return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'), 415);
    }
  }
  return next();
};

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is over 64 KB.'), 413),
});
export const limitBody: MiddlewareHandler = (c, next) => (isFileUpload(c) ? next() : jsonBodyLimit(c, next));
