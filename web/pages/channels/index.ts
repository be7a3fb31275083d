import { Hono } from 'hono';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { AppDeps } from '../../../functions/http/deps.js';
import { deadLetterPages } from './dead-letters.js';
import { devMailboxPages } from './dev-mailbox.js';
import { workOrderPages } from './work-orders.js';

/** Channel pages under /staff: 12345 import, development mailbox, failed notifications. */
export function channelPages(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.route('/', workOrderPages(deps));
  app.route('/', devMailboxPages(deps));
  app.route('/', deadLetterPages(deps));
  return app;
}
