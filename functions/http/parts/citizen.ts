import { publicPages } from '../../../web/pages/public.js';
import type { AppPart } from '../compose.js';
import { evidenceApi } from '../evidence-api.js';
import { open311Api } from '../open311-api.js';
import { publicApi } from '../public-api.js';

/**
 * What citizens (and Open311 apps) reach: filing and tracking complaints, evidence uploads, the
 * catalog, Open311, and the citizen pages (/, /report, /track). The citizen Lambda serves exactly this.
 */
export const citizenPart: AppPart = (app, deps) => {
  app.route('/api/v1', publicApi(deps));
  app.route('/api/v1', evidenceApi(deps));
  app.route('/', publicPages(deps));
  app.route('/open311/v2', open311Api(deps));
};
