import { mountPages } from '../../../web/pages.js';
import { adminApi } from '../admin-api.js';
import { caseActionsApi } from '../case-actions-api.js';
import { caseEvidenceApi } from '../case-evidence-api.js';
import type { AppPart } from '../compose.js';
import type { AppDeps } from '../deps.js';
import { leaderApi } from '../leader-api.js';
import { notificationsApi } from '../notifications-api.js';
import { open311AdminApi } from '../open311-admin-api.js';
import { reportsApi } from '../reports-api.js';
import { staffApi } from '../staff-api.js';
import { workOrderImportsApi } from '../work-order-imports-api.js';
import { workOrdersApi } from '../work-orders-api.js';
import { workbenchApi } from '../workbench-api.js';

/** Everything staff use: the staff API sub-apps under /api/v1 and the staff pages under /staff. */
export const staffPart: AppPart<AppDeps> = (app, deps) => {
  app.route('/api/v1', staffApi(deps));
  app.route('/api/v1', caseActionsApi(deps));
  app.route('/api/v1', leaderApi(deps));
  app.route('/api/v1', adminApi(deps));
  app.route('/api/v1', workbenchApi(deps));
  app.route('/api/v1', caseEvidenceApi(deps));
  mountPages(app, deps);
  app.route('/api/v1', reportsApi(deps));
  app.route('/api/v1', notificationsApi(deps));
  app.route('/api/v1', workOrdersApi(deps));
  app.route('/api/v1', workOrderImportsApi(deps));
  app.route('/api/v1', open311AdminApi(deps));
};
