import { Hono } from 'hono';
import type { AuthEnv } from '../../functions/http/auth.js';
import type { CitizenDeps } from '../../functions/http/deps.js';
import { homePage } from './home.js';
import { reportPages } from './report/routes.js';
import { trackPages } from './track.js';

/** Citizen pages, mounted at /. */
export function publicPages(deps: CitizenDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/', (c) => homePage(c, deps));
  app.route('/report', reportPages(deps));
  app.route('/track', trackPages(deps));
  return app;
}
