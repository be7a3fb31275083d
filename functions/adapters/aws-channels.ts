/**
 * Channel adapters on AWS, for the functions that need them: notification queue, delivery records,
 * dead letters, staff profiles, Open311 apps and the 12345 mapping and reply queries.
 */
import { randomBytes } from 'node:crypto';
import { createRateLimiter } from '../services/rate-limiter.js';
import { inlineImportRunner } from '../services/work-order-imports.js';
import { createMappingSource } from '../services/work-orders.js';
import type { awsCoreDeps } from './aws-core.js';
import { createImportJobStore } from './dynamo/import-job-store.js';
import {
  createDeadLetters,
  createDeliveryLog,
  createNotificationQueue,
  createStaffProfiles,
} from './dynamo/notification-store.js';
import { createOpen311Apps } from './dynamo/open311-apps.js';
import { workOrderReplyQueries } from './dynamo/work-order-queries.js';

export function awsChannelDeps(core: ReturnType<typeof awsCoreDeps>, env: NodeJS.ProcessEnv = process.env) {
  const { client, tableName } = core;
  return {
    queue: createNotificationQueue(client, tableName),
    deliveries: createDeliveryLog(client, tableName),
    deadLetters: createDeadLetters(client, tableName),
    profiles: createStaffProfiles(client, tableName),
    open311: {
      apps: createOpen311Apps(client, tableName),
      // Per instance; a limit that holds across instances is the rate-limit owner's store.
      perKey: createRateLimiter({ limit: Number(env.OPEN311_RATE_LIMIT ?? 60), windowMs: 60_000 }),
    },
    workOrders: {
      mapping: createMappingSource(core.store),
      replies: workOrderReplyQueries(client, tableName, core.cursors),
      // File imports run inside the upload request on AWS (see README, design notes): at most
      // IMPORT_MAX_ROWS rows a file, and the job stops between chunks after 7 s of the function's 10 s.
      imports: {
        jobs: createImportJobStore(client, tableName),
        runner: inlineImportRunner(Number(env.IMPORT_MAX_ROWS ?? 500), 7000, () => performance.now()),
        newId: () => randomBytes(12).toString('base64url'),
      },
    },
  };
}
