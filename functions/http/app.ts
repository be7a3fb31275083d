import { composeApp } from './compose.js';
import type { AppDeps } from './deps.js';
import { citizenPart } from './parts/citizen.js';
import { staffPart } from './parts/staff.js';

/**
 * The whole app: Lambda (staff function) wraps it with `handle(app)`, the embedded runtime with
 * `serve(app)`, tests call `app.request()`. The citizen Lambda composes only `citizenPart`
 * (functions/http/citizen-lambda.ts). Staff sub-apps are added to `staffPart`, citizen ones to
 * `citizenPart`.
 */
export function createApp(deps: AppDeps) {
  return composeApp(deps, [citizenPart, staffPart]);
}
export type DubanApp = ReturnType<typeof createApp>;
