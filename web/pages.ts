import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from '../functions/http/auth.js';
import type { AppDeps } from '../functions/http/deps.js';
import { forPages } from './page-stack.js';
import { adminAccountPages } from './pages/admin-accounts.js';
import { adminReferencePages } from './pages/admin-reference.js';
import { channelPages } from './pages/channels/index.js';
import { hostedLoginPages } from './pages/hosted-login.js';
import { leaderPages } from './pages/leader.js';
import { reportPages } from './pages/reports/index.js';
import { staffPages } from './pages/staff.js';
import { workbenchPages } from './pages/workbench/index.js';
import { DEV_MAILBOX_FLAG } from './render.js';

export { forPages, isApiPath, pageRateLimit, safeBack } from './page-stack.js';

/**
 * Mounts the staff page sub-apps on the app (the page stack — session, CSRF, static assets — and the
 * citizen pages are mounted by the app composition, see `functions/http/compose.ts`). Other areas
 * mount their staff page sub-apps here too.
 */
export function mountPages(app: OpenAPIHono<AuthEnv>, deps: AppDeps) {
  // Staff navigation links the development mailbox only where the runtime has one (embedded).
  if (deps.devMailbox) {
    app.use(
      forPages((c, next) => {
        c.set(DEV_MAILBOX_FLAG as never, true as never);
        return next();
      }),
    );
  }
  // Before the local login page: on AWS, /staff/login goes to the Cognito managed login.
  app.route('/staff', hostedLoginPages(deps));
  app.route('/staff', staffPages(deps));
  app.route('/staff', workbenchPages(deps));
  app.route('/staff', reportPages(deps));
  app.route('/staff', leaderPages(deps));
  app.route('/staff/admin/accounts', adminAccountPages(deps));
  app.route('/staff/admin/reference', adminReferencePages(deps));
  app.route('/staff', channelPages(deps));
}
