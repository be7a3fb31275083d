import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { isApiPath, mountPageStack } from '../../web/page-stack.js';
import { notFoundPage, pageError } from '../../web/pages/errors.js';
import { type AuthEnv, authenticate, csrfForCookies } from './auth.js';
import type { CitizenDeps } from './deps.js';
import { handleError } from './errors.js';
import {
  jsonBodyOnly,
  limitBody,
  noStore,
  refusePrototypeKeys,
  staffFirst,
  staffRouteMatcher,
} from './middleware.js';

/** One audience's routes (API sub-apps and pages), mounted on the composed app. */
export type AppPart<D extends CitizenDeps = CitizenDeps> = (app: OpenAPIHono<AuthEnv>, deps: D) => void;

/**
 * The one app factory: security headers, the API middleware chain, error pages, the page stack, then
 * the given parts. `createApp` (app.ts) composes every part — the embedded runtime, the staff Lambda and
 * tests use it; the citizen Lambda composes only the citizen part, so its bundle holds no staff code.
 */
export function composeApp<D extends CitizenDeps>(deps: D, parts: readonly AppPart<D>[]) {
  const app = new OpenAPIHono<AuthEnv>();
  // Evidence links on AWS are presigned S3 URLs: photos load from, and uploads go to, the bucket.
  const bucket = deps.evidence.storageOrigin ? [deps.evidence.storageOrigin] : [];
  app.use(requestId());
  app.use(
    secureHeaders({
      // Strict: no inline script or style anywhere; pages load only our hashed /static assets.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...bucket],
        connectSrc: ["'self'", ...bucket],
        formAction: ["'self'", ...bucket],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
    }),
  );
  // Filled from the OpenAPI registry once every route is mounted (below).
  const staffRoutes = staffRouteMatcher();
  app.use(
    '/api/*',
    jsonBodyOnly,
    limitBody,
    authenticate(deps.identity.verifier, deps.identity.sessions),
    staffFirst(staffRoutes),
    csrfForCookies,
    refusePrototypeKeys,
    noStore,
  );
  // API paths answer JSON; page paths an HTML page in the reader's language.
  app.onError((err, c) =>
    isApiPath(c.req.path) ? handleError(err, c, deps.logger) : pageError(err, c, deps.logger),
  );
  app.notFound((c) =>
    isApiPath(c.req.path)
      ? c.json({ error: { code: 'NOT_FOUND', message: 'No such route.' } }, 404)
      : notFoundPage(c),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok', time: deps.clock.now().toISOString() }));
  // The machine-readable index moved from / (now the home page) to /api.
  app.get('/api', (c) =>
    c.json({
      name: 'Duban (督办) — 双减 complaints and inspection',
      links: {
        openapi: '/api/v1/openapi.json',
        catalog: '/api/v1/catalog',
        fileComplaint: 'POST /api/v1/complaints',
        track: 'POST /api/v1/track',
        health: '/healthz',
      },
    }),
  );
  // Page middleware skips API paths, so it may come before the API sub-apps.
  mountPageStack(app, deps);
  for (const mount of parts) mount(app, deps);
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type === 'route' && def.route.security?.length) staffRoutes.add(def.route.method, def.route.path);
  }
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  // Built from the registry on request, not at import (the citizen function's cold start).
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Duban (督办) API',
      version: '1.0.0',
      description:
        'Complaints about the 双减 double-reduction policy: intake, tracking, handling, escalation.',
    },
  });
  return app;
}
