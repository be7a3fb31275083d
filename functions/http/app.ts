import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { notFoundPage, pageError } from '../../web/pages/errors.js';
import { isApiPath, mountPages } from '../../web/pages.js';
import { adminApi } from './admin-api.js';
import { type AuthEnv, authenticate, csrfForCookies } from './auth.js';
import { caseActionsApi } from './case-actions-api.js';
import type { AppDeps } from './deps.js';
import { handleError } from './errors.js';
import { evidenceApi } from './evidence-api.js';
import { leaderApi } from './leader-api.js';
import {
  jsonBodyOnly,
  limitBody,
  noStore,
  refusePrototypeKeys,
  staffFirst,
  staffRouteMatcher,
} from './middleware.js';
import { notificationsApi } from './notifications-api.js';
import { open311AdminApi } from './open311-admin-api.js';
import { open311Api } from './open311-api.js';
import { publicApi } from './public-api.js';
import { reportsApi } from './reports-api.js';
import { staffApi } from './staff-api.js';
import { workOrdersApi } from './work-orders-api.js';
import { workbenchApi } from './workbench-api.js';

/**
 * The one app factory: Lambda wraps it with `handle(app)`, the embedded runtime with `serve(app)`,
 * tests call `app.request()`. Audiences are sub-apps mounted under /api/v1.
 */
export function createApp(deps: AppDeps) {
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
  app.route('/api/v1', publicApi(deps));
  app.route('/api/v1', staffApi(deps));
  app.route('/api/v1', caseActionsApi(deps));
  app.route('/api/v1', leaderApi(deps));
  app.route('/api/v1', adminApi(deps));
  app.route('/api/v1', workbenchApi(deps));
  app.route('/api/v1', evidenceApi(deps));
  mountPages(app, deps);
  app.route('/api/v1', reportsApi(deps));
  app.route('/api/v1', notificationsApi(deps));
  app.route('/api/v1', workOrdersApi(deps));
  app.route('/api/v1', open311AdminApi(deps));
  app.route('/open311/v2', open311Api(deps));
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type === 'route' && def.route.security?.length) staffRoutes.add(def.route.method, def.route.path);
  }
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
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
export type DubanApp = ReturnType<typeof createApp>;
