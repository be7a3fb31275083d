/**
 * The adapters every Lambda shares, built from its environment: DynamoDB table, outbox, reference
 * data (catalog, calendar), the real clock and JSON logs. Each entry point adds what only it needs.
 */

import { KMSClient } from '@aws-sdk/client-kms';
import { jsonLogger } from '../http/logger.js';
import { createCalendarSource } from '../services/calendar-source.js';
import { createCatalogSource } from '../services/catalog-source.js';
import { systemClock } from './clock.js';
import { createCaseRepository } from './dynamo/case-repository.js';
import { createDynamoClient } from './dynamo/client.js';
import { createCursorSealer, kmsCursorKey } from './dynamo/cursor.js';
import { createNoticeStore } from './dynamo/notice-repository.js';
import { createOutbox } from './dynamo/outbox-repository.js';
import { createReportCaseSource } from './dynamo/report-cases.js';

export function awsCoreDeps(env: NodeJS.ProcessEnv = process.env) {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const client = createDynamoClient();
  const store = createCaseRepository(client, tableName);
  // Paging cursors are sealed with a key derived from the KMS HMAC key CURSOR_KEY_ID (functions that
  // page lists have it; the key is fetched on the first page, not at cold start).
  const cursorKeyId = env.CURSOR_KEY_ID;
  const cursors = createCursorSealer(
    cursorKeyId
      ? kmsCursorKey(new KMSClient({}), cursorKeyId)
      : () => Promise.reject(new Error('CURSOR_KEY_ID is not set')),
  );
  return {
    client,
    tableName,
    store,
    cursors,
    outbox: createOutbox(client, tableName, cursors),
    catalog: createCatalogSource(store),
    calendar: createCalendarSource(store),
    clock: systemClock,
    logger: jsonLogger(),
    reportCases: createReportCaseSource(client, tableName),
    notices: createNoticeStore(client, tableName),
  };
}
