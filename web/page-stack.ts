import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { MAX_EVIDENCE_BYTES, MAX_PHOTOS_PER_COMPLAINT } from '../functions/domain/evidence/evidence.js';
import type { AuthEnv } from '../functions/http/auth.js';
import { clientIp } from '../functions/http/auth.js';
import type { CitizenDeps } from '../functions/http/deps.js';
import type { RateLimiter } from '../functions/services/rate-limiter.js';
import { verifyFormCsrf } from './csrf.js';
import { isLang, rememberLang } from './i18n/lang.js';
import { formExpiredPage, rateLimitedPage } from './pages/errors.js';
import { pageSession } from './session.js';
import { staticAssets } from './static/assets.js';

/** Paths that answer JSON (the API, the health check, Open311 with its XML); everything else is a page. */
export const isApiPath = (path: string) =>
  path.startsWith('/api/') || path === '/api' || path === '/healthz' || path.startsWith('/open311/');

/** A middleware that runs only for page paths. */
export const forPages =
  (mw: MiddlewareHandler<AuthEnv>): MiddlewareHandler<AuthEnv> =>
  (c, next) =>
    isApiPath(c.req.path) ? next() : mw(c, next);

/** The report's photo step: at most 5 photos of 10 MB each, plus the form's text fields. */
const REPORT_MULTIPART_MAX = MAX_PHOTOS_PER_COMPLAINT * MAX_EVIDENCE_BYTES + 1024 * 1024;

/**
 * Staff upload forms (multipart) and their size limits: a bigger file is sent back to the form
 * (`?refused=too_large`, 303), which says so next to the field. Before the CSRF check, which reads the
 * body. The 12345 import takes an export of up to 2 MB (MAX_IMPORT_BYTES) plus the form's token.
 */
export const STAFF_UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  '/staff/work-orders': 2 * 1024 * 1024 + 64 * 1024,
};

/** Page forms are small (urlencoded ≤ 64 KB); multipart uploads set their own limits. */
const pageFormLimit: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  const upload = c.req.method === 'POST' ? STAFF_UPLOAD_LIMITS[c.req.path] : undefined;
  if (upload && /^multipart\/form-data/i.test(type)) {
    const back = `${c.req.path}?refused=too_large`;
    return bodyLimit({ maxSize: upload, onError: (cc) => cc.redirect(back, 303) })(c, next);
  }
  if (c.req.method === 'POST' && c.req.path === '/report' && /^multipart\/form-data/i.test(type))
    return bodyLimit({ maxSize: REPORT_MULTIPART_MAX, onError: (cc) => cc.text('Form too large', 413) })(
      c,
      next,
    );
  if (c.req.method !== 'POST' || !/^application\/x-www-form-urlencoded/i.test(type)) return next();
  return bodyLimit({ maxSize: 64 * 1024, onError: (cc) => cc.text('Form too large', 413) })(c, next);
};

/**
 * The page stack every app composition shares (the citizen function's and the full one): compression,
 * the staff session for pages, form limits, CSRF checks on every page form, static assets and the
 * language switch. It imports no page sub-app, so the citizen bundle holds only the pages it mounts.
 */
export function mountPageStack(app: OpenAPIHono<AuthEnv>, deps: Pick<CitizenDeps, 'identity'>) {
  app.use(forPages(compress()));
  app.use(forPages(pageSession(deps.identity.verifier)));
  app.use(forPages(pageFormLimit));
  app.use(forPages(verifyFormCsrf(formExpiredPage)));
  app.route('/', staticAssets());
  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    if (isLang(lang)) rememberLang(c, lang);
    return c.redirect(safeBack(c.req.query('back')), 303);
  });
}

/** Only a local path may be a redirect target (no `//host`, no scheme). */
export function safeBack(back: string | undefined): string {
  return back && /^\/(?![/\\])/.test(back) ? back : '/';
}

/** Per-IP limit for a public page form: the rate-limit page (429 with Retry-After) when over. */
export function pageRateLimit(
  deps: Pick<CitizenDeps, 'trustProxy'>,
  limiter: RateLimiter,
): MiddlewareHandler<AuthEnv> {
  return async (c: Context<AuthEnv>, next) => {
    if (c.req.method !== 'POST' || c.get('principal')) return next();
    const verdict = await limiter.hit(clientIp(c, deps.trustProxy));
    if (!verdict.allowed) return rateLimitedPage(c, verdict.retryAfterSeconds);
    return next();
  };
}
