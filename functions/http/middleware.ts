import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_FILE_PATH } from '../adapters/crypto/evidence-links.js';
import { errorBody } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** Path of the 12345 export upload (multipart): its route checks type, size and content. */
export const WORK_ORDER_UPLOAD_PATH = '/api/v1/12345/imports';

/** The API writes whose body is a file, not JSON: their routes check type (by content) and size. */
const isFileUpload = (c: Context) =>
  c.req.method === 'POST' && (c.req.path === EVIDENCE_FILE_PATH || c.req.path === WORK_ORDER_UPLOAD_PATH);

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

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Path of the first own key named like an object prototype hook, walking at most `depth` levels. */
function prototypeKeyPath(value: unknown, path: string, depth: number): string | undefined {
  if (depth < 0 || value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return here;
    const found = prototypeKeyPath((value as Record<string, unknown>)[key], here, depth - 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * JSON bodies with keys such as `__proto__` are refused (400) before any schema sees them: zod drops
 * such keys from records silently, and code further on must never meet them.
 */
export const refusePrototypeKeys: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || !/json/i.test(c.req.header('content-type') ?? '')) return next();
  let body: unknown;
  try {
    // A clone: the body stays unread for what follows (a file route's own body limit reads the stream).
    body = await c.req.raw.clone().json();
  } catch {
    return next(); // malformed JSON: the validator answers 400 MALFORMED_JSON
  }
  const path = prototypeKeyPath(body, '', 12);
  if (path) {
    return c.json(
      errorBody('VALIDATION_FAILED', 'The request has invalid fields.', [
        { path, code: 'unknown_field', message: 'is not an allowed key' },
      ]),
      400,
    );
  }
  return next();
};

/** Matches method + path against the staff-only OpenAPI routes (those declaring `security`). */
export function staffRouteMatcher() {
  const patterns: { method: string; re: RegExp }[] = [];
  return {
    add(method: string, openApiPath: string) {
      const re = new RegExp(
        `^${openApiPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`,
      );
      patterns.push({ method: method.toUpperCase(), re });
    },
    matches: (method: string, path: string) => patterns.some((p) => p.method === method && p.re.test(path)),
  };
}

/**
 * Staff routes answer 401 to an anonymous caller before their body or query is validated (otherwise
 * an anonymous PUT got the field list of an admin form).
 */
export function staffFirst(matcher: ReturnType<typeof staffRouteMatcher>): MiddlewareHandler {
  return async (c, next) => {
    if (!c.get('principal' as never) && matcher.matches(c.req.method, c.req.path)) {
      return c.json(errorBody('UNAUTHENTICATED', 'Log in first.'), 401);
    }
    return next();
  };
}

/**
 * API answers are not stored by browsers or proxies (`Cache-Control: no-store`) unless a route chose
 * otherwise: they carry tokens, access codes, revealed reporter details and case content.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
};
